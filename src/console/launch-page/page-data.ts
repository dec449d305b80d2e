/**
 * What the launch page's script reads from the page (a JSON `<script>` element): the parts of
 * the compiled template that `checkTemplateValues` (`template/parameter-rules.ts`, the CLI's check) and the
 * quick-create link read, taken at build time. Pure; the browser script imports only the types.
 */
import { type CheckedTemplate, WHOLE_NUMBERS_KEY, wholeNumberParameters } from '../../template/parameter-rules';
import type { Json, Parameter } from '../../template/cfn';

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** The parameter fields the checks and the quick-create link read. */
const CHECKED_FIELDS = [
  'Type',
  'Default',
  'NoEcho',
  'AllowedPattern',
  'AllowedValues',
  'MinLength',
  'MaxLength',
  'MinValue',
  'MaxValue',
  'ConstraintDescription',
] as const;

/** The data embedded in the page: a template as `checkTemplateValues` reads it, nothing else. */
export interface LaunchPageData extends CheckedTemplate {
  /** The template's parameters in template order (the order of the link), with the fields the checks need. */
  readonly Parameters: { readonly [name: string]: Parameter };
  /** The template's `Rules` section as compiled (empty when it has none). */
  readonly Rules: JsonObject;
  /** Of the template's Metadata, only the whole-number list (`fargate-oidc.whole_numbers`). */
  readonly Metadata: { readonly 'fargate-oidc': { readonly [WHOLE_NUMBERS_KEY]: readonly string[] } };
}

export const isJsonObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The page data of a compiled template. */
export function launchPageData(template: JsonObject): LaunchPageData {
  const parameters: { [name: string]: Parameter } = {};
  for (const [name, spec] of Object.entries(isJsonObject(template['Parameters']) ? template['Parameters'] : {})) {
    if (!isJsonObject(spec)) continue;
    const kept: JsonObject = {};
    for (const key of CHECKED_FIELDS) {
      const v = spec[key];
      if (v !== undefined) kept[key] = v;
    }
    parameters[name] = kept as unknown as Parameter;
  }
  const metadata = isJsonObject(template['Metadata']) ? template['Metadata'] : {};
  return {
    Parameters: parameters,
    Rules: isJsonObject(template['Rules']) ? template['Rules'] : {},
    Metadata: { 'fargate-oidc': { [WHOLE_NUMBERS_KEY]: [...wholeNumberParameters({ Metadata: metadata })] } },
  };
}
