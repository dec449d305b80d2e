/**
 * Compile = build the template object, check it, serialise it. The one entry point the CLI,
 * the scripts and the tests share.
 */
import { DanglingReferenceError, TemplateTooLargeError, UnreadableSecretError } from '../errors';
import { unreadableSecrets } from '../verify/secrets';
import type { Json } from './cfn';
import { buildTemplate, type AppExtensions, type CloudFormationTemplate, type TemplateOptions } from './index';
import { findDanglingReferences } from './references';
import { TEMPLATE_BODY_LIMIT, TEMPLATE_S3_LIMIT, toJson, toPlain, toYaml } from './serialize';

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
  /** What the build should say: a template over 51,200 bytes must go to CloudFormation through S3. */
  warnings: string[];
}

/** The warning for a template that is too large to send as a body (it must be read from S3). */
export function templateSizeWarning(bytes: number): string {
  return (
    `The template is ${bytes} bytes, over CloudFormation's ${TEMPLATE_BODY_LIMIT}-byte limit for a template body: ` +
    'deploy it through an S3 bucket (deploy --s3-bucket BUCKET), or upload it to S3 for the console.'
  );
}

/**
 * Compiles and checks the template: every reference resolves, and both files stay under
 * CloudFormation's 1 MB limit for a template read from S3. Over 51,200 bytes (the limit for a
 * body sent in the API call) is a warning: such a template is deployed through S3.
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
  const largest = Math.max(Buffer.byteLength(yaml), Buffer.byteLength(json));
  if (largest > TEMPLATE_S3_LIMIT) throw new TemplateTooLargeError(largest, TEMPLATE_S3_LIMIT);
  const warnings = largest > TEMPLATE_BODY_LIMIT ? [templateSizeWarning(largest)] : [];
  return { template, plain, yaml, json, warnings };
}
