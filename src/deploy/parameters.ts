/**
 * Parameter values for a deploy: read from a parameters file or `--parameter Key=Value`,
 * checked against the template's parameters before any API call (the same check
 * CloudFormation makes, so a bad value fails here in milliseconds instead of in a change set),
 * and turned into the CreateChangeSet parameter list.
 */
import type { Parameter as StackParameter } from '@aws-sdk/client-cloudformation';
import { readFileSync } from 'node:fs';
import { ParameterInputError, UserError } from '../errors';
import type { Parameter } from '../template/cfn';
import { checkParameterValue, parameterValueSizeProblem } from '../template/parameters';

/** The template's parameters by name. */
export type ParameterSpecs = { readonly [key: string]: Parameter };

/** Values by parameter name; `null` means "keep the stack's previous value" (UsePreviousValue). */
export type ParameterValues = { [key: string]: string | null };

/**
 * Reads a parameters file. Two shapes:
 * - the CloudFormation CLI's `[{"ParameterKey": "K", "ParameterValue": "V"}]` (an entry may
 *   have `"UsePreviousValue": true` instead of a value);
 * - a plain object `{"K": "V"}` (numbers and booleans are written as text, a list of strings
 *   is joined with commas for CommaDelimitedList parameters).
 */
export function parseParametersFile(text: string, file: string): ParameterValues {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ParameterInputError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const values: ParameterValues = {};
  const set = (key: string, value: string | null, where: string): void => {
    if (key in values) throw new ParameterInputError(`${file}: ${key} is given twice (${where}).`);
    values[key] = value;
  };
  if (Array.isArray(data)) {
    data.forEach((entry: unknown, i) => {
      const where = `entry ${i + 1}`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        throw new ParameterInputError(`${file}: ${where} must be an object like {"ParameterKey": "K", "ParameterValue": "V"}.`);
      }
      const e = entry as { [k: string]: unknown };
      const unknownFields = Object.keys(e).filter(
        (k) => !['ParameterKey', 'ParameterValue', 'UsePreviousValue', 'ResolvedValue'].includes(k),
      );
      if (unknownFields.length > 0) {
        throw new ParameterInputError(`${file}: ${where} has unknown field ${unknownFields.join(', ')} (expected ParameterKey, ParameterValue).`);
      }
      if (typeof e['ParameterKey'] !== 'string' || e['ParameterKey'] === '') {
        throw new ParameterInputError(`${file}: ${where} has no ParameterKey.`);
      }
      const key = e['ParameterKey'];
      if (e['UsePreviousValue'] === true) {
        if (e['ParameterValue'] !== undefined) {
          throw new ParameterInputError(`${file}: ${key} has both ParameterValue and UsePreviousValue; give one.`);
        }
        set(key, null, where);
        return;
      }
      set(key, scalar(e['ParameterValue'], `${file}: ${key}`, 'ParameterValue'), where);
    });
    return values;
  }
  if (typeof data === 'object' && data !== null) {
    for (const [key, value] of Object.entries(data as { [k: string]: unknown })) {
      set(key, scalar(value, `${file}: ${key}`, 'the value'), key);
    }
    return values;
  }
  throw new ParameterInputError(
    `${file} must be a JSON object {"Key": "value"} or a list [{"ParameterKey": "Key", "ParameterValue": "value"}].`,
  );
}

function scalar(value: unknown, where: string, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(',');
  throw new ParameterInputError(`${where}: ${what} must be a string, number or boolean, not ${value === null ? 'null' : typeof value}.`);
}

/** Parses repeated `--parameter Key=Value` (the value may contain "="). */
export function parseParameterFlags(flags: readonly string[]): ParameterValues {
  const values: ParameterValues = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new ParameterInputError(`--parameter ${flag}: expected Key=Value.`);
    const key = flag.slice(0, eq);
    if (key in values) throw new ParameterInputError(`--parameter ${key} is given twice.`);
    values[key] = flag.slice(eq + 1);
  }
  return values;
}

/**
 * The values of `--parameters-file` (either JSON shape, if given) and `--parameter Key=Value`
 * flags, the flags winning: how deploy, url and publish all take parameters.
 */
export function readParameterInputs(
  file: string | undefined,
  flags: readonly string[],
  read: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): ParameterValues {
  const values: ParameterValues = {};
  if (file) {
    let text: string;
    try {
      text = read(file);
    } catch (e) {
      throw new UserError(`Cannot read --parameters-file ${file}: ${(e as Error).message}`);
    }
    Object.assign(values, parseParametersFile(text, file));
  }
  return Object.assign(values, parseParameterFlags(flags));
}

/**
 * Parses repeated `--tags key=value` into stack tags. One flag may hold several pairs
 * separated by spaces (`--tags "env=prod team=web"`, as the AWS CLI takes them); a space not
 * followed by `key=` belongs to the value (`--tags "owner=Jane Doe"`).
 */
export function parseTags(flags: readonly string[]): { Key: string; Value: string }[] {
  const tags = new Map<string, string>();
  for (const flag of flags) {
    for (const part of flag.trim().split(/\s+(?=[^\s=]+=)/).filter((p) => p !== '')) {
      const eq = part.indexOf('=');
      if (eq <= 0) throw new ParameterInputError(`--tags ${part}: expected key=value.`);
      const key = part.slice(0, eq);
      if (tags.has(key)) throw new ParameterInputError(`--tags ${key} is given twice.`);
      if (key.length > 128 || part.length - eq - 1 > 256) {
        throw new ParameterInputError(`--tags ${key}: keys are at most 128 characters and values 256.`);
      }
      if (/^aws:/i.test(key)) throw new ParameterInputError(`--tags ${key}: the "aws:" prefix is reserved for AWS.`);
      tags.set(key, part.slice(eq + 1));
    }
  }
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}

/**
 * Refuses unknown keys and values that break their parameter's rules, naming the key and the
 * rule, all problems at once. Runs before any API call.
 */
export function checkParameterValues(specs: ParameterSpecs, values: ParameterValues): void {
  const problems: string[] = [];
  const known = Object.keys(specs);
  for (const [key, value] of Object.entries(values)) {
    const spec = specs[key];
    if (!spec) {
      const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
      problems.push(
        `${key}: the template has no such parameter${near ? ` (did you mean ${near}?)` : ''}. Parameters: ${known.join(', ')}.`,
      );
      continue;
    }
    if (value === null) continue;
    const size = parameterValueSizeProblem(value);
    if (size) {
      problems.push(`${key}: ${size}`);
      continue;
    }
    const problem = checkParameterValue(spec, value);
    if (problem) problems.push(`${key}: ${problem}`);
  }
  if (problems.length > 0) {
    throw new ParameterInputError(
      problems.length === 1 ? `Parameter ${problems[0]}` : `Parameters refused:\n- ${problems.join('\n- ')}`,
    );
  }
}

/**
 * The CreateChangeSet parameter list. Given values are sent; parameters of an existing stack
 * that were not given are sent with UsePreviousValue; others are left out (their default
 * applies). A required parameter (no default) with no value and no previous value is refused,
 * all such keys in one message, before any change set is created.
 */
export function stackParameters(
  specs: ParameterSpecs,
  values: ParameterValues,
  existingKeys: ReadonlySet<string> | undefined,
): StackParameter[] {
  const result: StackParameter[] = [];
  const missing: string[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    const value = values[key];
    const hasPrevious = existingKeys?.has(key) ?? false;
    if (value !== undefined && value !== null) {
      result.push({ ParameterKey: key, ParameterValue: value });
    } else if (hasPrevious) {
      result.push({ ParameterKey: key, UsePreviousValue: true });
    } else if (value === null) {
      missing.push(`${key} (UsePreviousValue was asked for, but the stack has no previous value)`);
    } else if (spec.Default === undefined) {
      missing.push(key);
    }
  }
  if (missing.length > 0) {
    throw new ParameterInputError(
      `Required parameter${missing.length > 1 ? 's' : ''} without a value: ${missing.join(', ')}. ` +
        'Give them in --parameters-file or with --parameter Key=Value.',
    );
  }
  return result;
}
