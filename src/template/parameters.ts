/**
 * Building CloudFormation parameters and checking values against them.
 * No Node.js imports: the launch page's browser script uses these checks too.
 *
 * The same check serves the TypeScript options (a default baked into the template must pass
 * its own parameter's rules) and, later, parameter files given to the deploy and URL commands,
 * so what the console would reject is rejected before any API call.
 */
import type { Parameter } from './cfn';
import type { ParameterGroup } from './console-groups';
import type { ParameterEntry } from './fragment';
import { isListType } from './evaluate';

/** Where a parameter shows in the console form. */
export interface ConsolePlacement {
  /** Field label in the console form. */
  label: string;
  /** The group the field is shown in. */
  group: ParameterGroup;
  /** Position inside the group: lower first; equal ones keep the modules' order. Default 0. */
  order?: number;
}

/** Options of a String parameter. */
export interface StringParamOptions extends ConsolePlacement {
  /** Shown under the field in the console: what it is and where the value comes from. */
  description: string;
  /** Default value; omit to make the parameter required. */
  default?: string;
  /** Java/JavaScript regular expression the whole value must match. */
  pattern?: string;
  /** Allowed values (a drop-down in the console). */
  allowedValues?: readonly string[];
  /** Shown by CloudFormation when the value breaks a rule: say what is wrong in plain words. */
  constraint: string;
  /** Shortest allowed value, in characters. */
  minLength?: number;
  /** Longest allowed value, in characters. */
  maxLength?: number;
  /** `CommaDelimitedList` instead of `String`. */
  list?: boolean;
}

/** Options of a Number parameter. */
export interface NumberParamOptions extends ConsolePlacement {
  /** Shown under the field in the console. */
  description: string;
  /** Default value (Number parameters here always have one). */
  default: number;
  /** Smallest allowed value. */
  minValue?: number;
  /** Largest allowed value. */
  maxValue?: number;
  /** Allowed values (a drop-down in the console). */
  allowedValues?: readonly number[];
  /** Shown by CloudFormation when the value breaks a rule. */
  constraint: string;
  /** Fractions are allowed (default: only whole numbers, checked by the CLI and the launch page). */
  fractions?: boolean;
}

function placement(o: ConsolePlacement): Omit<ParameterEntry, 'spec'> {
  return { label: o.label, group: o.group, ...(o.order === undefined ? {} : { order: o.order }) };
}

/** A String (or CommaDelimitedList) parameter with its console label. */
export function stringParam(o: StringParamOptions): ParameterEntry {
  const spec: Parameter = {
    Type: o.list ? 'CommaDelimitedList' : 'String',
    Description: o.description,
  };
  if (o.default !== undefined) spec.Default = o.default;
  if (o.allowedValues) spec.AllowedValues = [...o.allowedValues];
  if (o.pattern !== undefined) spec.AllowedPattern = o.pattern;
  if (o.minLength !== undefined) spec.MinLength = o.minLength;
  if (o.maxLength !== undefined) spec.MaxLength = o.maxLength;
  spec.ConstraintDescription = o.constraint;
  return { spec, ...placement(o) };
}

/** A Number parameter with its console label. */
export function numberParam(o: NumberParamOptions): ParameterEntry {
  const spec: Parameter = { Type: 'Number', Description: o.description, Default: o.default };
  if (o.allowedValues) spec.AllowedValues = [...o.allowedValues];
  if (o.minValue !== undefined) spec.MinValue = o.minValue;
  if (o.maxValue !== undefined) spec.MaxValue = o.maxValue;
  spec.ConstraintDescription = o.constraint;
  return { spec, ...placement(o), wholeNumber: o.fractions !== true };
}

/** A `true`/`false` switch (CloudFormation has no boolean parameter type). */
export function booleanParam(o: ConsolePlacement & { description: string; default: boolean }): ParameterEntry {
  return stringParam({
    ...placement(o),
    description: o.description,
    default: String(o.default),
    allowedValues: ['true', 'false'],
    constraint: 'Must be true or false.',
  });
}

/**
 * Checks one value against a parameter's rules as CloudFormation does (AllowedPattern must
 * match the whole value, AllowedValues, lengths, number ranges; for list types, AllowedPattern
 * and AllowedValues apply to each element). Returns what is wrong, in words that end with the
 * parameter's ConstraintDescription, or `undefined` when it passes.
 */
export function checkParameterValue(spec: Parameter, value: string): string | undefined {
  const fail = (what: string): string => (spec.ConstraintDescription ? `${what}. ${spec.ConstraintDescription}` : `${what}.`);
  const shown = JSON.stringify(value);
  if (spec.Type === 'Number') return checkNumber(spec, value, shown, fail);
  if (spec.MinLength !== undefined && value.length < spec.MinLength) {
    return fail(`${shown} is shorter than ${spec.MinLength} characters`);
  }
  if (spec.MaxLength !== undefined && value.length > spec.MaxLength) {
    return fail(`${shown} is longer than ${spec.MaxLength} characters`);
  }
  const list = isListType(String(spec.Type));
  const elements = list ? value.split(',') : [value];
  for (const element of elements) {
    const what = list ? `${JSON.stringify(element)} (in ${shown})` : shown;
    if (spec.Type === 'List<Number>' && !/^-?\d+(\.\d+)?$/.test(element.trim())) return fail(`${what} is not a number`);
    if (spec.AllowedValues && !spec.AllowedValues.map(String).includes(element)) {
      return fail(`${what} is not one of ${spec.AllowedValues.join(', ')}`);
    }
    if (spec.AllowedPattern !== undefined && fullMatch(spec.AllowedPattern, element) === false) {
      return fail(`${what} does not match the pattern ${spec.AllowedPattern}`);
    }
  }
  return undefined;
}

function checkNumber(spec: Parameter, value: string, shown: string, fail: (what: string) => string): string | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) return fail(`${shown} is not a number`);
  const n = Number(value);
  if (spec.MinValue !== undefined && n < spec.MinValue) return fail(`${shown} is less than the minimum ${spec.MinValue}`);
  if (spec.MaxValue !== undefined && n > spec.MaxValue) return fail(`${shown} is more than the maximum ${spec.MaxValue}`);
  if (spec.AllowedValues && !spec.AllowedValues.map(String).includes(String(n))) {
    return fail(`${shown} is not one of ${spec.AllowedValues.join(', ')}`);
  }
  return undefined;
}

/**
 * CloudFormation matches AllowedPattern against the whole value (Java's `String.matches`).
 * Java accepts some patterns JavaScript cannot compile (possessive quantifiers, `\p{Alpha}`):
 * then `undefined`, "cannot tell", and the value is left for CloudFormation to check rather
 * than refused here.
 */
function fullMatch(pattern: string, value: string): boolean | undefined {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
  return re.test(value);
}
