/**
 * Compile = build the template object, check it, serialise it. The one entry point the CLI,
 * the scripts and the tests share.
 */
import { DanglingReferenceError, TemplateTooLargeError, UnreadableSecretError } from '../errors';
import { unreadableSecrets } from '../verify/secrets';
import type { Json } from './cfn';
import { buildTemplate, type AppExtensions, type CloudFormationTemplate, type TemplateOptions } from './index';
import { compressedFrontDoorCode } from '../front-door/code';
import { FUNCTION_ID } from './front-door';
import { findDanglingReferences } from './references';
import { TEMPLATE_BODY_LIMIT } from './quotas';
import { toJson, toPlain, toYaml } from './serialize';

/** A compiled template in every form the tools use. */
export interface CompiledTemplate {
  /** The typed object the modules built. */
  template: CloudFormationTemplate;
  /** The same as plain JSON data. */
  plain: { [key: string]: Json };
  /** `out/template.yaml`. */
  yaml: string;
  /** `out/template.json`. */
  json: string;
}

/**
 * Compiles and checks the template: every reference resolves, and both files stay under the
 * 51,200-byte limit for a template body (so console upload and `TemplateBody` both work).
 */
export function compileTemplate(options: TemplateOptions = {}, extensions: AppExtensions = {}): CompiledTemplate {
  const template = buildTemplate(options, extensions);
  const plain = toPlain(template);
  const problems = findDanglingReferences(plain);
  if (problems.length > 0) throw new DanglingReferenceError(problems);
  const unreadable = unreadableSecrets(plain);
  if (unreadable.length > 0) throw new UnreadableSecretError(unreadable);
  let yaml = toYaml(plain);
  let json = toJson(plain);
  if (tooLarge(yaml, json) && compressFrontDoorCode(template, plain)) {
    yaml = toYaml(plain);
    json = toJson(plain);
  }
  for (const text of [yaml, json]) {
    const bytes = Buffer.byteLength(text);
    if (bytes > TEMPLATE_BODY_LIMIT) throw new TemplateTooLargeError(bytes, TEMPLATE_BODY_LIMIT);
  }
  return { template, plain, yaml, json };
}

function tooLarge(...texts: string[]): boolean {
  return texts.some((t) => Buffer.byteLength(t) > TEMPLATE_BODY_LIMIT);
}

/**
 * Replaces the front door's inline code with its compressed loader (src/front-door/code.ts),
 * in the typed template and its plain form alike; false when the template has no front door.
 */
function compressFrontDoorCode(template: CloudFormationTemplate, plain: { [key: string]: Json }): boolean {
  const code = (resource: unknown): { ZipFile?: unknown } | undefined =>
    (resource as { Properties?: { Code?: { ZipFile?: unknown } } } | undefined)?.Properties?.Code;
  const typed = code(template.Resources[FUNCTION_ID]);
  const plainCode = code((plain['Resources'] as Record<string, unknown> | undefined)?.[FUNCTION_ID]);
  if (typeof typed?.ZipFile !== 'string' || !plainCode) return false;
  typed.ZipFile = compressedFrontDoorCode(typed.ZipFile);
  plainCode.ZipFile = typed.ZipFile;
  return true;
}
