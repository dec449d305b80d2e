/**
 * What the launch page's script reads from the page (a JSON `<script>` element): the template's
 * parameters and Rules, taken from the compiled template at build time. Pure; the browser
 * script imports only the types.
 */
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

/** The data embedded in the page. */
export interface LaunchPageData {
  /** The template's parameters in template order (the order of the link), with the fields the checks need. */
  parameters: { [name: string]: Parameter };
  /** The template's `Rules` section as compiled (empty when it has none), for checks that evaluate them. */
  templateRules: JsonObject;
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
  return { parameters, templateRules: isJsonObject(template['Rules']) ? template['Rules'] : {} };
}
