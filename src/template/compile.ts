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
  /** What the user should know but that does not stop the build (a template over 51,200 bytes). */
  warnings: string[];
}

/**
 * Compiles and checks the template: every reference resolves, no file passes CloudFormation's
 * 1,000,000-byte limit for a template read from S3 (refused), and a file over the 51,200-byte
 * limit for a body sent in the API call gets a warning: `deploy` then uploads it through its
 * managed bucket (src/stack/managed-bucket.ts), and the console's "Upload a template file"
 * stores it in S3 itself.
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
  return { template, plain, yaml, json, warnings: sizeWarnings({ 'template.yaml': yaml, 'template.json': json }) };
}

/**
 * Refuses a file over the S3 limit; returns a warning for each file over the body limit.
 * Exported for the tests, which check the limits without building a 1 MB template.
 */
export function sizeWarnings(files: Readonly<Record<string, string>>): string[] {
  const warnings: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const bytes = Buffer.byteLength(text);
    if (bytes > TEMPLATE_S3_LIMIT) throw new TemplateTooLargeError(bytes, TEMPLATE_S3_LIMIT);
    if (bytes > TEMPLATE_BODY_LIMIT) {
      warnings.push(
        `${name} is ${bytes} bytes, over CloudFormation's ${TEMPLATE_BODY_LIMIT}-byte limit for a template sent in the API call: ` +
          '`fargate-oidc deploy` uploads it through its managed S3 bucket (or --s3-bucket), and the console takes it with "Upload a template file".',
      );
    }
  }
  return warnings;
}
