/**
 * The one home of parameter rules: the template's own parameter constraints and `Rules` are
 * the source, and every check of a value goes through here: deploy, url and publish (values
 * for a stack), the launch page, the compiler (the defaults its options bake in), the config
 * (each environment's values) and the workflow options.
 *
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
import type { Parameter } from './cfn';
import { checkParameterValue } from './parameters';
import { closest } from '../suggest';
import { Evaluator, isUndecided, parameterReferences, type ReferenceValue } from './evaluate';

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
  /** The failed assertion's AssertDescription, for a failed rule. */
  readonly assertion?: string;
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
  return ruleProblems(template, knownValues(values, options), options.missing ?? 'default');
}

/** A problem in the words of the caller's user: their field names, not the template's. */
export interface FieldProblem {
  /** The field(s) to fix, e.g. `container.memory` or `taskCpu, taskMemory`. */
  readonly field: string;
  /** What is wrong and what is allowed; for a rule, with each field's value. */
  readonly problem: string;
  /** The parameters it is about. */
  readonly parameters: readonly string[];
  /** The rule's logical id, for a failed rule. */
  readonly rule?: string;
}

/** How {@link fieldProblems} names things. */
export interface FieldNames extends ValueCheckOptions {
  /** The field a parameter's value comes from (a config field, an option, a flag). */
  readonly fieldOf: (parameter: string) => string;
  /** The field named for a failed rule; default: the fields of its parameters, joined with `, `. */
  readonly ruleField?: (parameters: readonly string[]) => string;
}

/**
 * {@link checkTemplateValues} for values that come from somewhere else than parameter names
 * (a config file, template options, workflow options): each problem names the caller's field.
 * Unknown parameter names are the caller's bug, not the user's: they are thrown.
 */
export function fieldProblems(template: CheckedTemplate, values: ReadonlyMap<string, string>, names: FieldNames): FieldProblem[] {
  for (const name of values.keys()) {
    if (!template.Parameters || !Object.hasOwn(template.Parameters, name)) throw new Error(`no parameter ${name} in the template`);
  }
  const reference = parameterReferences(template, knownValues(values, names), { missing: names.missing ?? 'default' });
  return checkTemplateValues(template, values, names).map((p) => {
    if (p.rule === undefined) {
      const [parameter] = p.parameters as [string];
      return { field: names.fieldOf(parameter), problem: p.message.slice(parameter.length + 2), parameters: p.parameters };
    }
    const shown = p.parameters.map((q) => `${names.fieldOf(q)}=${JSON.stringify(referenceText(reference(q)))}`).join(', ');
    return {
      field: names.ruleField ? names.ruleField(p.parameters) : p.parameters.map(names.fieldOf).join(', '),
      problem: `${p.assertion ?? ''} (rule ${p.rule}: ${shown})`,
      parameters: p.parameters,
      rule: p.rule,
    };
  });
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

/** Rules whose condition holds (or cannot fail) and an assertion of which certainly fails. */
export function ruleProblems(
  template: CheckedTemplate,
  values: ReadonlyMap<string, string>,
  missing: 'default' | 'unknown',
): ValueProblem[] {
  const order = Object.keys(template.Parameters ?? {});
  const reference = parameterReferences(template, values, { missing });
  const evaluator = new Evaluator(template, { reference });
  const problems: ValueProblem[] = [];
  for (const { id, rule, assertion, description } of assertionsOf(template)) {
    if (Object.hasOwn(rule, 'RuleCondition') && evaluator.truth(rule['RuleCondition']) !== true) continue;
    if (evaluator.truth(assertion['Assert']) !== false) continue;
    const refs = new Set<string>();
    collectRefs(rule, refs);
    const parameters = order.filter((p) => refs.has(p));
    const shown = parameters.map((p) => `${p}=${JSON.stringify(values.get(p) ?? referenceText(reference(p)))}`).join(', ');
    problems.push({ parameters, rule: id, assertion: description, message: `${shown}: ${description} (rule ${id})` });
  }
  return problems;
}

/** A rule assertion that cannot be decided here, and why. */
export interface UndecidedAssertion {
  /** The rule's logical id. */
  readonly rule: string;
  /** The assertion's AssertDescription (or "the assertion"). */
  readonly description: string;
  /** Why it cannot be decided, e.g. `Fn::ValueOf reads attributes of AWS resources: only CloudFormation can tell`. */
  readonly reason: string;
}

/**
 * The rule assertions {@link checkTemplateValues} cannot decide for `values` (a rule function
 * only AWS answers, a value not known here): CloudFormation checks them. For a note, so
 * "passed" never claims more than was checked.
 */
export function undecidedAssertions(
  template: CheckedTemplate,
  values: ReadonlyMap<string, string>,
  options: ValueCheckOptions = {},
): UndecidedAssertion[] {
  const evaluator = new Evaluator(template, {
    reference: parameterReferences(template, knownValues(values, options), { missing: options.missing ?? 'default' }),
  });
  const out: UndecidedAssertion[] = [];
  for (const { id, rule, assertion, description } of assertionsOf(template)) {
    const condition = Object.hasOwn(rule, 'RuleCondition') ? evaluator.truth(rule['RuleCondition']) : true;
    if (condition === false) continue;
    const assert = evaluator.truth(assertion['Assert']);
    const undecided = isUndecided(condition) ? condition : isUndecided(assert) ? assert : undefined;
    if (undecided) out.push({ rule: id, description, reason: undecided.reason });
  }
  return out;
}

/** Every assertion of every rule, with its rule. */
function assertionsOf(
  template: CheckedTemplate,
): { id: string; rule: { readonly [key: string]: unknown }; assertion: { readonly [key: string]: unknown }; description: string }[] {
  const out = [];
  for (const [id, rule] of Object.entries(template.Rules ?? {})) {
    if (!isRecord(rule)) continue;
    const assertions = Object.hasOwn(rule, 'Assertions') && Array.isArray(rule['Assertions']) ? rule['Assertions'] : [];
    for (const assertion of assertions) {
      if (!isRecord(assertion)) continue;
      const description = typeof assertion['AssertDescription'] === 'string' ? assertion['AssertDescription'] : 'the assertion fails';
      out.push({ id, rule, assertion, description });
    }
  }
  return out;
}

/** The values the Rules see: the stack's previous values, overridden by those given. */
function knownValues(values: ReadonlyMap<string, string>, options: ValueCheckOptions): Map<string, string> {
  return new Map([...(options.previous ?? []), ...values]);
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

function referenceText(v: ReferenceValue | undefined): string {
  return v === undefined || isUndecided(v) ? '?' : typeof v === 'string' ? v : v.join(',');
}

function isRecord(x: unknown): x is { readonly [key: string]: unknown } {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** UTF-8 length without Node's Buffer (browser-safe). */
function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}
