/**
 * The template a deploy sends (and url and publish check values against): compiled from
 * src/template, or read from a file; its sha256, its parameters and rules (for checking values
 * before any API call) and the size rules (51,200 bytes as a body, 1 MB through S3).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ParameterInputError, UserError } from '../errors';
import type { Parameter } from '../template/cfn';
import { compileTemplate } from '../template/compile';
import { TEMPLATE_BODY_LIMIT, TEMPLATE_S3_LIMIT } from '../template/quotas';
import type { ParameterSpecs } from './parameters';
import type { CheckedTemplate } from '../template/parameter-rules';

/** A template ready to send. */
export interface DeployTemplate {
  body: string;
  bytes: number;
  /** Where it came from and its sha256, for messages (`src/template (compiled now), sha256 ...`). */
  origin: string;
  /** Hex SHA-256 of `body`: the same bytes give the same hash as `sha256sum out/template.yaml`. */
  sha256: string;
  extension: 'yaml' | 'json';
  parameters: ParameterSpecs;
  /** The parts the value check reads: Parameters, Rules, Metadata. */
  checked: CheckedTemplate;
}

/** Hex SHA-256 of a text's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A template from its compiled form. `source` says where it was compiled from, e.g.
 * `src/template (compiled now)`.
 */
export function templateFromCompiled(compiled: { yaml: string; plain: { [key: string]: unknown } }, source: string): DeployTemplate {
  const sha256 = sha256Hex(compiled.yaml);
  return {
    body: compiled.yaml,
    bytes: Buffer.byteLength(compiled.yaml),
    origin: `${source}, sha256 ${sha256}`,
    sha256,
    extension: 'yaml',
    parameters: (compiled.plain['Parameters'] ?? {}) as unknown as ParameterSpecs,
    checked: compiled.plain as CheckedTemplate,
  };
}

/** Compiles the template with the compiler this process runs (YAML, as the console upload uses). */
export function compiledTemplate(): DeployTemplate {
  return templateFromCompiled(compileTemplate(), 'compiled from src/template');
}

/** Reads a template file (JSON or YAML with CloudFormation's short tags). */
export function templateFromFile(path: string, read: (p: string) => string = (p) => readFileSync(p, 'utf8')): DeployTemplate {
  let body: string;
  try {
    body = read(path);
  } catch (e) {
    throw new UserError(`Cannot read --template-file ${path}: ${(e as Error).message}`);
  }
  const json = /^\s*\{/.test(body);
  let data: unknown;
  try {
    // Unknown tags (!Ref, !Sub ...) are read as plain values: only Parameters matter here.
    data = json ? JSON.parse(body) : parseYaml(body, { version: '1.1', logLevel: 'silent' });
  } catch (e) {
    throw new UserError(`--template-file ${path} is not valid ${json ? 'JSON' : 'YAML'}: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || !('Resources' in data)) {
    throw new UserError(`--template-file ${path} is not a CloudFormation template (no Resources section).`);
  }
  const params = (data as { Parameters?: unknown }).Parameters;
  if (params !== undefined && (typeof params !== 'object' || params === null)) {
    throw new ParameterInputError(`--template-file ${path}: Parameters must be a mapping.`);
  }
  const sha256 = sha256Hex(body);
  return {
    body,
    bytes: Buffer.byteLength(body),
    origin: `${path}, sha256 ${sha256}`,
    sha256,
    extension: json ? 'json' : 'yaml',
    parameters: (params ?? {}) as { [key: string]: Parameter },
    checked: data as CheckedTemplate,
  };
}

/**
 * Checks the size rules before any API call: over 1 MB is refused; over 51,200 bytes needs
 * `--s3-bucket`. Returns whether the template goes through S3.
 */
export function checkTemplateSize(t: DeployTemplate, s3Bucket: string | undefined): boolean {
  if (t.bytes > TEMPLATE_S3_LIMIT) {
    throw new UserError(
      `The template (${t.origin}) is ${t.bytes} bytes, over CloudFormation's ${TEMPLATE_S3_LIMIT}-byte limit ` +
        'even through S3. Split the stack or shorten the template.',
    );
  }
  if (t.bytes > TEMPLATE_BODY_LIMIT) {
    if (!s3Bucket) {
      throw new UserError(
        `The template (${t.origin}) is ${t.bytes} bytes, over the ${TEMPLATE_BODY_LIMIT}-byte limit for a template ` +
          'sent directly. Pass --s3-bucket BUCKET (a bucket in the stack\'s region you can write to) to upload it to S3 first.',
      );
    }
    return true;
  }
  return false;
}
