/**
 * Checks parameter values against a template as CloudFormation would, before any AWS call:
 * each value against its parameter (AllowedValues, AllowedPattern, MinLength/MaxLength,
 * MinValue/MaxValue, whole numbers), then the template's `Rules` (rule conditions and
 * assertions over `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Fn::Contains`,
 * `Fn::EachMemberEquals`, `Fn::EachMemberIn` and `Ref`).
 *
 * Pure and browser-safe (no Node imports): the CLI (deploy, url, publish) and the launch page
 * run this same function. A rule that needs AWS (`Fn::ValueOf`, `Fn::RefAll`) or a value
 * nobody knows yet (an update keeps a previous value) counts as "cannot tell" and refuses
 * nothing: only a rule that certainly fails is reported.
 *
 * Rule functions: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html
 */
import type { Parameter } from '../template/cfn';
import { checkParameterValue } from '../template/parameters';
import { closest } from '../suggest';

/** The parts of a template this check reads (a parsed template.yaml/json fits). */
export interface CheckedTemplate {
  readonly Parameters?: { readonly [name: string]: Parameter };
  readonly Rules?: { readonly [name: string]: unknown };
  readonly Metadata?: { readonly [key: string]: unknown };
}

/** One refused value or failed rule. */
export interface ValueProblem {
  /** The parameters it is about, in the template's order. */
  readonly parameters: readonly string[];
  /** The rule's logical id, for a failed rule. */
  readonly rule?: string;
  /** What is wrong and what is allowed, naming the parameters. */
  readonly message: string;
}

/** What the check needs besides the template. */
export interface ValueCheckOptions {
  /**
   * What a parameter without a value in `values` is: its `Default` (a new stack: url, publish,
   * the launch page, a deploy that creates), or unknown (before the stack is read, or an
   * update whose previous value was not read). Default: `'default'`.
   */
  readonly missing?: 'default' | 'unknown';
  /**
   * Values the stack already has (an update's previous values): the Rules use them for
   * parameters not given; they are not checked themselves (the stack took them once).
   */
  readonly previous?: ReadonlyMap<string, string>;
}

/** CloudFormation's limit for one parameter value, in bytes of UTF-8. */
export const PARAMETER_VALUE_LIMIT = 4096;

/** The template Metadata key (under `fargate-oidc`) listing Number parameters that take only whole numbers. */
export const WHOLE_NUMBERS_KEY = 'whole_numbers';

/**
 * Every problem with `values` for `template`: unknown parameter names (with the closest
 * name), values that break their parameter's constraints, then rules that certainly fail.
 * Empty when everything passes or cannot be told without AWS.
 */
export function checkTemplateValues(
  template: CheckedTemplate,
  values: ReadonlyMap<string, string>,
  options: ValueCheckOptions = {},
): ValueProblem[] {
  const specs = template.Parameters ?? {};
  const names = Object.keys(specs);
  const whole = wholeNumberParameters(template);
  const problems: ValueProblem[] = [];
  for (const [name, value] of values) {
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) {
      const near = closest(name, names);
      problems.push({
        parameters: [name],
        message: `${name}: the template has no such parameter${near ? ` (did you mean ${near}?)` : ''}. Parameters: ${names.join(', ')}.`,
      });
      continue;
    }
    const problem = valueProblem(spec, value, whole.has(name));
    if (problem) problems.push({ parameters: [name], message: `${name}: ${problem}` });
  }
  if (problems.length > 0) return problems;
  const known = new Map(options.previous ?? []);
  for (const [name, value] of values) known.set(name, value);
  return ruleProblems(template, known, options.missing ?? 'default');
}

/** What is wrong with one value for its parameter, or undefined. */
export function valueProblem(spec: Parameter, value: string, wholeNumber: boolean): string | undefined {
  if (utf8Length(value) > PARAMETER_VALUE_LIMIT) {
    return `the value is over CloudFormation's ${PARAMETER_VALUE_LIMIT.toLocaleString('en-US')}-byte limit for a parameter value.`;
  }
  const problem = checkParameterValue(spec, value);
  if (problem || !wholeNumber || /^\s*-?\d+\s*$/.test(value)) return problem;
  const fail = `${JSON.stringify(value)} is not a whole number`;
  return spec.ConstraintDescription ? `${fail}. ${spec.ConstraintDescription}` : `${fail}.`;
}

/** The Number parameters the template marks as whole numbers (`Metadata.fargate-oidc.whole_numbers`). */
export function wholeNumberParameters(template: CheckedTemplate): ReadonlySet<string> {
  const own = template.Metadata && Object.hasOwn(template.Metadata, 'fargate-oidc') ? template.Metadata['fargate-oidc'] : undefined;
  const list = isRecord(own) && Object.hasOwn(own, WHOLE_NUMBERS_KEY) ? own[WHOLE_NUMBERS_KEY] : undefined;
  return new Set(Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
}

/** A rule value: a string, a list of strings, or "cannot tell". */
type RuleValue = string | readonly string[] | typeof UNKNOWN;
const UNKNOWN = Symbol('unknown');
/** Three-valued truth: true, false, or "cannot tell". */
type Truth = boolean | typeof UNKNOWN;

/** Rules whose condition holds (or cannot fail) and an assertion of which certainly fails. */
export function ruleProblems(template: CheckedTemplate, values: ReadonlyMap<string, string>, missing: 'default' | 'unknown'): ValueProblem[] {
  const specs = template.Parameters ?? {};
  const order = Object.keys(specs);
  const lookup = (name: string): RuleValue => {
    if (!Object.hasOwn(specs, name)) return UNKNOWN;
    const spec = specs[name] as Parameter;
    const given = values.get(name);
    const value = given ?? (missing === 'default' && spec.Default !== undefined ? defaultText(spec.Default) : undefined);
    if (value === undefined) return UNKNOWN;
    return isListType(String(spec.Type)) ? value.split(',') : value;
  };
  const problems: ValueProblem[] = [];
  for (const [id, rule] of Object.entries(template.Rules ?? {})) {
    if (!isRecord(rule)) continue;
    if (Object.hasOwn(rule, 'RuleCondition') && truth(rule['RuleCondition'], lookup) !== true) continue;
    const assertions = Object.hasOwn(rule, 'Assertions') && Array.isArray(rule['Assertions']) ? rule['Assertions'] : [];
    for (const assertion of assertions) {
      if (!isRecord(assertion) || truth(assertion['Assert'], lookup) !== false) continue;
      const refs = new Set<string>();
      collectRefs(rule, refs);
      const parameters = order.filter((p) => refs.has(p));
      const shown = parameters.map((p) => `${p}=${JSON.stringify(values.get(p) ?? lookupText(lookup(p)))}`).join(', ');
      const description = typeof assertion['AssertDescription'] === 'string' ? assertion['AssertDescription'] : 'the assertion fails';
      problems.push({ parameters, rule: id, message: `${shown}: ${description} (rule ${id})` });
    }
  }
  return problems;
}

function truth(expr: unknown, lookup: (name: string) => RuleValue): Truth {
  if (typeof expr === 'boolean') return expr;
  if (expr === 'true' || expr === 'false') return expr === 'true';
  if (!isRecord(expr)) return UNKNOWN;
  const [fn] = Object.keys(expr);
  if (fn === undefined || Object.keys(expr).length !== 1) return UNKNOWN;
  const args = expr[fn];
  const list = Array.isArray(args) ? args : [];
  switch (fn) {
    case 'Fn::And': {
      const ts = list.map((a) => truth(a, lookup));
      return ts.includes(false) ? false : ts.every((t) => t === true) ? true : UNKNOWN;
    }
    case 'Fn::Or': {
      const ts = list.map((a) => truth(a, lookup));
      return ts.includes(true) ? true : ts.every((t) => t === false) ? false : UNKNOWN;
    }
    case 'Fn::Not': {
      const t = truth(list[0], lookup);
      return t === UNKNOWN ? UNKNOWN : !t;
    }
    case 'Fn::Equals': {
      const [a, b] = list.map((x) => value(x, lookup));
      if (a === undefined || b === undefined || a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
      return asList(a).join('\u0000') === asList(b).join('\u0000') && typeof a === typeof b;
    }
    case 'Fn::Contains': {
      const [haystack, needle] = list.map((x) => value(x, lookup));
      if (haystack === undefined || needle === undefined || haystack === UNKNOWN || needle === UNKNOWN) return UNKNOWN;
      return typeof needle === 'string' && asList(haystack).includes(needle);
    }
    case 'Fn::EachMemberEquals': {
      const [members, one] = list.map((x) => value(x, lookup));
      if (members === undefined || one === undefined || members === UNKNOWN || one === UNKNOWN) return UNKNOWN;
      return typeof one === 'string' && asList(members).every((m) => m === one);
    }
    case 'Fn::EachMemberIn': {
      const [members, allowed] = list.map((x) => value(x, lookup));
      if (members === undefined || allowed === undefined || members === UNKNOWN || allowed === UNKNOWN) return UNKNOWN;
      const set = new Set(asList(allowed));
      return asList(members).every((m) => set.has(m));
    }
    default:
      return UNKNOWN;
  }
}

/** The value of a rule operand: a literal, a list, or a `Ref` to a parameter. */
function value(expr: unknown, lookup: (name: string) => RuleValue): RuleValue {
  if (typeof expr === 'string') return expr;
  if (typeof expr === 'number' || typeof expr === 'boolean') return String(expr);
  if (Array.isArray(expr)) {
    const items = expr.map((x) => value(x, lookup));
    if (items.some((i) => i === UNKNOWN || typeof i !== 'string')) return UNKNOWN;
    return items as string[];
  }
  if (isRecord(expr) && Object.keys(expr).length === 1 && Object.hasOwn(expr, 'Ref') && typeof expr['Ref'] === 'string') {
    return lookup(expr['Ref']);
  }
  return UNKNOWN;
}

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectRefs(n, into);
  } else if (isRecord(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'Ref' && typeof v === 'string') into.add(v);
      else collectRefs(v, into);
    }
  }
}

function asList(v: string | readonly string[]): readonly string[] {
  return typeof v === 'string' ? [v] : v;
}

function lookupText(v: RuleValue): string {
  return v === UNKNOWN ? '?' : typeof v === 'string' ? v : v.join(',');
}

function defaultText(d: unknown): string {
  return Array.isArray(d) ? d.map(String).join(',') : String(d);
}

function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || /^List<.+>$/.test(type);
}

function isRecord(x: unknown): x is { readonly [key: string]: unknown } {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** UTF-8 length without Node's Buffer (browser-safe). */
function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}
