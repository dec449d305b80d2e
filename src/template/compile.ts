/**
 * Compile = build the template object, check it, serialise it. The one entry point the CLI,
 * the scripts and the tests share.
 */
import { DanglingReferenceError, TemplateTooLargeError, UnreadableSecretError } from '../errors';
import { unreadableSecrets } from '../verify/secrets';
import type { Json } from './cfn';
import { buildTemplate, type AppExtensions, type CloudFormationTemplate, type TemplateOptions } from './index';
import { findDanglingReferences } from './references';
import { TEMPLATE_BODY_LIMIT, TEMPLATE_S3_LIMIT } from './quotas';
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
  /** What the user should know: a template over the 51,200-byte body limit deploys through S3. */
  warnings: string[];
}

/**
 * Compiles and checks the template: every reference resolves, and both files stay under
 * CloudFormation's 1,000,000-byte limit for a template read from S3. Above the 51,200-byte
 * limit for a template body sent in the call, it warns: deploy then uploads it to S3.
 */
export function compileTemplate(options: TemplateOptions = {}, extensions: AppExtensions = {}): CompiledTemplate {
  const template = buildTemplate(options, extensions);
  const plain = toPlain(template);
  const problems = findDanglingReferences(plain);
  if (problems.length > 0) throw new DanglingReferenceError(problems);
  const unreadable = unreadableSecrets(plain);
  if (unreadable.length > 0) throw new UnreadableSecretError(unreadable);
  const yaml = toYaml(plain);
  const json = toJson(plain);
  const warnings: string[] = [];
  for (const [name, text] of [['template.yaml', yaml], ['template.json', json]] as const) {
    const bytes = Buffer.byteLength(text);
    if (bytes > TEMPLATE_S3_LIMIT) throw new TemplateTooLargeError(bytes, TEMPLATE_S3_LIMIT);
    if (bytes > TEMPLATE_BODY_LIMIT) {
      warnings.push(`${name} is ${bytes} bytes, over the ${TEMPLATE_BODY_LIMIT}-byte limit for a template sent in the call: deploy it through an S3 bucket.`);
    }
  }
  return { template, plain, yaml, json, warnings };
}
