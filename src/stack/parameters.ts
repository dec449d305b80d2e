/**
 * Parameter values for a deploy: read from a parameters file or `--parameter Key=Value`,
 * checked against the template's parameters before any API call (the same check
 * CloudFormation makes, so a bad value fails here in milliseconds instead of in a change set),
 * and turned into the CreateChangeSet parameter list.
 */
import type { Parameter as StackParameter } from '@aws-sdk/client-cloudformation';
import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { ParameterInputError, UserError } from '../errors';
import type { Parameter } from '../template/cfn';
import {
  checkTemplateValues,
  type CheckedTemplate,
  ruleProblems,
  undecidedAssertions,
  type ValueProblem,
} from '../template/parameter-rules';

/** The template's parameters by name. */
export type ParameterSpecs = { readonly [key: string]: Parameter };

/**
 * Values by parameter name; `null` means "keep the stack's previous value" (UsePreviousValue).
 * Always made by {@link emptyValues} (no prototype: `toString` or `__proto__` is a name like
 * any other) and read with `Object.hasOwn`.
 */
export type ParameterValues = { [key: string]: string | null };

/** An empty {@link ParameterValues} without a prototype. */
export function emptyValues(): ParameterValues {
  return Object.create(null) as ParameterValues;
}

/**
 * Reads a parameters file. Two shapes:
 * - the CloudFormation CLI's `[{"ParameterKey": "K", "ParameterValue": "V"}]` (an entry may
 *   have `"UsePreviousValue": true` instead of a value);
 * - a plain object `{"K": "V"}` (numbers and booleans are written as text, a list of strings
 *   is joined with commas for CommaDelimitedList parameters).
 */
export function parseParametersFile(saved: string, file: string): ParameterValues {
  // A UTF-8 byte order mark (some Windows editors save one) is not part of the JSON.
  const text = saved.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ParameterInputError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const values = emptyValues();
  const places = new Map<string, string>();
  const set = (key: string, value: string | null, where: string): void => {
    const first = places.get(key);
    if (first !== undefined) throw new ParameterInputError(`${file}: ${key} is given twice (${first} and ${where}); keep one.`);
    places.set(key, where);
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
        throw new ParameterInputError(
          `${file}: ${where} has unknown field ${unknownFields.join(', ')} (expected ParameterKey, ParameterValue).`,
        );
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
    // JSON.parse keeps the last of two equal keys; find them in the text, with their lines.
    const repeated = repeatedTopLevelKeys(text);
    if (repeated) {
      throw new ParameterInputError(
        `${file}: ${repeated.key} is given twice (line ${repeated.lines[0]} and line ${repeated.lines[1]}); keep one.`,
      );
    }
    for (const [key, value] of Object.entries(data as { [k: string]: unknown })) {
      set(key, scalar(value, `${file}: ${key}`, 'the value'), key);
    }
    return values;
  }
  throw new ParameterInputError(
    `${file} must be a JSON object {"Key": "value"} or a list [{"ParameterKey": "Key", "ParameterValue": "value"}].`,
  );
}

/** The first key a JSON object's text gives twice, with both lines (1-based); undefined if none. */
export function repeatedTopLevelKeys(text: string): { key: string; lines: [number, number] } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, logLevel: 'silent' });
  if (!isMap(doc.contents)) return undefined;
  const seen = new Map<string, number>();
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const line = lineCounter.linePos(pair.key.range?.[0] ?? 0).line;
    const first = seen.get(key);
    if (first !== undefined) return { key, lines: [first, line] };
    seen.set(key, line);
  }
  return undefined;
}

function scalar(value: unknown, where: string, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(',');
  throw new ParameterInputError(`${where}: ${what} must be a string, number or boolean, not ${value === null ? 'null' : typeof value}.`);
}

/** Parses repeated `--parameter Key=Value` (the value may contain "="). */
export function parseParameterFlags(flags: readonly string[]): ParameterValues {
  const values = emptyValues();
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new ParameterInputError(`--parameter ${flag}: expected Key=Value.`);
    const key = flag.slice(0, eq);
    if (Object.hasOwn(values, key)) throw new ParameterInputError(`--parameter ${key} is given twice.`);
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
  const values = emptyValues();
  if (file) {
    let text: string;
    try {
      text = read(file);
    } catch (e) {
      throw new UserError(`Cannot read --parameters-file ${file}: ${(e as Error).message}`);
    }
    copyInto(values, parseParametersFile(text, file));
  }
  return copyInto(values, parseParameterFlags(flags));
}

function copyInto(target: ParameterValues, source: ParameterValues): ParameterValues {
  for (const key of Object.keys(source)) target[key] = source[key] ?? null;
  return target;
}

/**
 * Parses repeated `--tags key=value` into stack tags. One flag may hold several pairs
 * separated by spaces (`--tags "env=prod team=web"`, as the AWS CLI takes them); a space not
 * followed by `key=` belongs to the value (`--tags "owner=Jane Doe"`).
 */
export function parseTags(flags: readonly string[]): { Key: string; Value: string }[] {
  const tags = new Map<string, string>();
  for (const flag of flags) {
    for (const part of flag
      .trim()
      .split(/\s+(?=[^\s=]+=)/)
      .filter((p) => p !== '')) {
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
 * Refuses what the template would refuse: unknown keys and each value that breaks its
 * parameter's constraints (whole numbers too), and the template's Rules, naming the key and the
 * rule, all problems at once. Runs before any API call. `stack` is what the values apply to: `'new'` (url,
 * publish, a deploy that creates: a missing value is its Default), `'unknown'` (before the
 * stack is read: a rule over a missing value cannot be told), or an existing stack's
 * parameters from DescribeStacks (a missing value is its previous value).
 */
export function checkParameterInputs(
  template: CheckedTemplate,
  values: ParameterValues,
  stack: 'new' | 'unknown' | readonly StackParameter[],
  /** Told each rule assertion that cannot be decided here (it reads AWS, or a value not known), as a `Note:` line. */
  note?: (line: string) => void,
): void {
  const options = { missing: stack === 'new' ? ('default' as const) : ('unknown' as const), previous: previousValues(stack) };
  throwProblems(checkTemplateValues(template, givenValues(values), options));
  for (const u of note ? undecidedAssertions(template, givenValues(values), options) : []) {
    note?.(`Note: rule ${u.rule} ("${u.description}") is not checked here, CloudFormation checks it: ${u.reason}.`);
  }
}

/**
 * The template's Rules once the stack is read: the values given (already checked by
 * {@link checkParameterInputs} before any call, and not checked again) with, for the others,
 * the stack's previous values (`stack`) or the defaults (`'new'`).
 */
export function checkParameterRules(
  template: CheckedTemplate,
  values: ParameterValues,
  stack: 'new' | readonly StackParameter[],
  /**
   * For a new stack (every value known: given or its Default), told each rule assertion that
   * still cannot be decided (it reads AWS), as a `Note:` line, as url and publish tell it. Not
   * for an update: a NoEcho previous value is unknown here, and saying so would only be noise.
   */
  note?: (line: string) => void,
): void {
  const known = previousValues(stack);
  for (const [key, value] of givenValues(values)) known.set(key, value);
  throwProblems(ruleProblems(template, known, stack === 'new' ? 'default' : 'unknown'));
  for (const u of note && stack === 'new' ? undecidedAssertions(template, known, { missing: 'default' }) : []) {
    note?.(`Note: rule ${u.rule} ("${u.description}") is not checked here, CloudFormation checks it: ${u.reason}.`);
  }
}

/** An existing stack's parameter values (NoEcho ones, which come back as "****", left unknown). */
function previousValues(stack: 'new' | 'unknown' | readonly StackParameter[]): Map<string, string> {
  const previous = new Map<string, string>();
  if (Array.isArray(stack)) {
    for (const p of stack as readonly StackParameter[]) {
      const value = p.ResolvedValue ?? p.ParameterValue;
      if (p.ParameterKey && value !== undefined && value !== '****') previous.set(p.ParameterKey, value);
    }
  }
  return previous;
}

/** The given values (UsePreviousValue entries left out: their value is not known here). */
function givenValues(values: ParameterValues): Map<string, string> {
  const given = new Map<string, string>();
  for (const key of Object.keys(values)) {
    const value = values[key];
    if (typeof value === 'string') given.set(key, value);
  }
  return given;
}

function throwProblems(problems: readonly ValueProblem[]): void {
  if (problems.length === 0) return;
  const lines = problems.map((p) => p.message);
  throw new ParameterInputError(lines.length === 1 ? `Parameter ${lines[0]}` : `Parameters refused:\n- ${lines.join('\n- ')}`);
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
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
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
