/**
 * The one evaluator of CloudFormation's condition and intrinsic functions, shared by the
 * compiler's checks and the tests (`evaluateTemplate`), the lint's "what a stack created with
 * defaults has" (`conditionDefault`) and the check of parameter values against a template's
 * `Rules` (`template/parameter-rules.ts`, which the CLI and the launch page run).
 *
 * It decides `Ref`, `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Fn::If`, `Condition`,
 * `Fn::FindInMap`, `Fn::Select`, `Fn::Join`, `Fn::Split`, `Fn::Sub`, `Fn::Cidr` and the rule
 * functions `Fn::Contains`, `Fn::EachMemberEquals` and `Fn::EachMemberIn` wherever the values
 * they read are known. Where they are not (a parameter without a value, a resource's id, a
 * function only AWS can answer such as `Fn::ValueOf` or `Fn::RefAll`), the result is an
 * {@link Undecided} that says why, never a guess. A decisive operand still decides:
 * `Fn::Or [true, <undecided>]` is true, and `Fn::EachMemberIn [[], Fn::RefAll …]` is true
 * because an empty list is in every list.
 *
 * Pure and browser-safe (no Node imports): the launch page runs it.
 *
 * Condition functions: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html
 * Rule functions: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html
 * (both read 2026-12-06).
 */
import type { Json } from './cfn';

/** A value the evaluation cannot decide without AWS or a value nobody gave, and why. */
export class Undecided {
  constructor(
    /** Why, in words naming the function or parameter, e.g. `Fn::ValueOf reads AWS`. */
    readonly reason: string,
  ) {}
}

/** True for an {@link Undecided} result. */
export function isUndecided(x: unknown): x is Undecided {
  return x instanceof Undecided;
}

/** What `{ "Ref": "AWS::NoValue" }` evaluates to: the property or list item is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** What evaluating a node gives. */
export type Outcome = Json | typeof NO_VALUE | Undecided;

/** The sections of a template an evaluation reads (a parsed template fits). */
export interface EvaluatedTemplate {
  readonly Parameters?: { readonly [name: string]: unknown };
  readonly Mappings?: { readonly [name: string]: unknown };
  readonly Conditions?: { readonly [name: string]: unknown };
}

/** A parameter's or pseudo parameter's value: text, a list (list types), or why it is not known. */
export type ReferenceValue = string | readonly string[] | Undecided;

/** What an evaluation knows besides the template. */
export interface EvaluationInputs {
  /**
   * The value of `Ref name` for a parameter or pseudo parameter (`AWS::Region`…);
   * `undefined` when `name` is neither (then it is a resource: see `resource`).
   */
  readonly reference: (name: string) => ReferenceValue | undefined;
  /**
   * A resource's `Ref` (`attribute` undefined) or `Fn::GetAtt` attribute. Default: undecided,
   * as a resource's values exist only once the stack has created it.
   */
  readonly resource?: (id: string, attribute: string | undefined) => Json | Undecided;
  /** `Fn::GetAZs` for a region. Default: undecided (EC2 answers it). */
  readonly availabilityZones?: (region: string) => readonly string[];
}

type Node = unknown;

function isRecord(x: unknown): x is { readonly [key: string]: unknown } {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The single key of an intrinsic-function object (`Ref`, `Condition`, `Fn::…`), if it is one. */
export function functionName(node: Node): string | undefined {
  if (!isRecord(node)) return undefined;
  const keys = Object.keys(node);
  const key = keys[0];
  return keys.length === 1 && key !== undefined && (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::')) ? key : undefined;
}

/** Parameter types whose value is a comma-separated list (`CommaDelimitedList`, `List<…>`). */
export function isListType(type: unknown): boolean {
  return type === 'CommaDelimitedList' || (typeof type === 'string' && /^List<.+>$/.test(type));
}

/**
 * Evaluates nodes of one template. Each named condition is evaluated once (conditions may
 * share others); a condition that refers to itself is undecided, not an endless loop.
 */
export class Evaluator {
  private readonly conditions = new Map<string, boolean | Undecided>();
  private readonly evaluating = new Set<string>();

  constructor(
    /** The template's Parameters, Mappings and Conditions. */
    readonly template: EvaluatedTemplate,
    /** Parameter values, resources and zones. */
    readonly inputs: EvaluationInputs,
  ) {}

  /** A named condition of the template. */
  condition(name: string): boolean | Undecided {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const body = this.template.Conditions && Object.hasOwn(this.template.Conditions, name) ? this.template.Conditions[name] : undefined;
    if (body === undefined) return new Undecided(`the template has no condition ${name}`);
    if (this.evaluating.has(name)) return new Undecided(`condition ${name} refers to itself`);
    this.evaluating.add(name);
    const result = this.truth(body);
    this.evaluating.delete(name);
    this.conditions.set(name, result);
    return result;
  }

  /** A condition or rule expression as true, false or undecided. */
  truth(node: Node): boolean | Undecided {
    if (typeof node === 'boolean') return node;
    if (node === 'true' || node === 'false') return node === 'true';
    const fn = functionName(node);
    if (fn === undefined || !isRecord(node)) return new Undecided(`${short(node)} is not a condition`);
    const args = node[fn];
    const list = Array.isArray(args) ? args : [];
    switch (fn) {
      case 'Condition':
        return typeof args === 'string' ? this.condition(args) : new Undecided('Condition takes a condition name');
      case 'Fn::Not': {
        const t = this.truth(list[0]);
        return isUndecided(t) ? t : !t;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const decisive = fn === 'Fn::Or';
        let undecided: Undecided | undefined;
        for (const operand of list) {
          const t = this.truth(operand);
          if (t === decisive) return decisive;
          if (isUndecided(t)) undecided ??= t;
        }
        return undecided ?? !decisive;
      }
      case 'Fn::Equals': {
        const a = this.value(list[0]);
        const b = this.value(list[1]);
        if (isUndecided(a)) return a;
        if (isUndecided(b)) return b;
        return sameValue(a, b);
      }
      case 'Fn::Contains': {
        const haystack = this.value(list[0]);
        if (isUndecided(haystack)) return haystack;
        const needle = this.value(list[1]);
        if (isUndecided(needle)) return needle;
        return !Array.isArray(needle) && asList(haystack).some((h) => sameValue(h, needle));
      }
      case 'Fn::EachMemberEquals':
      case 'Fn::EachMemberIn': {
        // An empty list passes whatever the other operand is, even one only AWS knows.
        const members = this.value(list[0]);
        if (isUndecided(members)) return members;
        if (asList(members).length === 0) return true;
        const other = this.value(list[1]);
        if (isUndecided(other)) return other;
        const allowed: Json[] = fn === 'Fn::EachMemberIn' ? asList(other) : other === NO_VALUE ? [] : [other];
        return asList(members).every((m) => allowed.some((a) => sameValue(a, m)));
      }
      default: {
        const v = this.value(node);
        if (isUndecided(v)) return v;
        return v === true || v === 'true' ? true : v === false || v === 'false' ? false : new Undecided(`${fn} did not give true or false`);
      }
    }
  }

  /** A node's value: literals as they are, intrinsic functions evaluated, `AWS::NoValue` removed. */
  value(node: Node): Outcome {
    if (Array.isArray(node)) {
      const out: Json[] = [];
      for (const item of node) {
        const v = this.value(item);
        if (isUndecided(v)) return v;
        if (v !== NO_VALUE) out.push(v);
      }
      return out;
    }
    if (!isRecord(node)) return node as Json;
    const fn = functionName(node);
    if (fn === undefined) {
      const out: { [key: string]: Json } = {};
      for (const [key, child] of Object.entries(node)) {
        const v = this.value(child);
        if (isUndecided(v)) return v;
        if (v !== NO_VALUE) out[key] = v;
      }
      return out;
    }
    return this.call(fn, node[fn]);
  }

  private call(fn: string, arg: unknown): Outcome {
    const list = Array.isArray(arg) ? arg : [];
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg) : new Undecided('Ref takes a name');
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split(/\.(.*)/s);
        return this.resource(String(id), String(attribute));
      }
      case 'Fn::If': {
        const t = typeof list[0] === 'string' ? this.condition(list[0]) : new Undecided('Fn::If takes a condition name');
        return isUndecided(t) ? t : this.value(t ? list[1] : list[2]);
      }
      case 'Condition':
      case 'Fn::Equals':
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Contains':
      case 'Fn::EachMemberEquals':
      case 'Fn::EachMemberIn':
        return this.truth({ [fn]: arg });
      case 'Fn::Sub':
        return this.sub(arg);
      case 'Fn::Join': {
        const items = this.value(list[1]);
        if (isUndecided(items)) return items;
        return asList(items)
          .map(text)
          .join(String(list[0] ?? ''));
      }
      case 'Fn::Split': {
        const source = this.value(list[1]);
        return isUndecided(source) ? source : text(source).split(String(list[0] ?? ''));
      }
      case 'Fn::Select': {
        const index = this.value(list[0]);
        if (isUndecided(index)) return index;
        const items = this.value(list[1]);
        if (isUndecided(items)) return items;
        const chosen = asList(items)[Number(index)];
        return chosen === undefined
          ? new Undecided(`Fn::Select: index ${text(index)} is outside the list of ${asList(items).length}`)
          : chosen;
      }
      case 'Fn::FindInMap':
        return this.findInMap(list);
      case 'Fn::GetAZs': {
        const region = arg === '' || arg === undefined ? this.ref('AWS::Region') : this.value(arg);
        if (isUndecided(region)) return region;
        const zones = this.inputs.availabilityZones;
        return zones ? [...zones(text(region))] : new Undecided('Fn::GetAZs is answered by EC2 at deploy time');
      }
      case 'Fn::Cidr': {
        const values = list.map((x) => this.value(x));
        const undecided = values.find(isUndecided);
        if (undecided) return undecided;
        return cidr(text(values[0] as Json), Number(values[1]), Number(values[2]));
      }
      case 'Fn::RefAll':
        return new Undecided(`Fn::RefAll ${text(arg as Json)} lists what the account holds: only CloudFormation can tell`);
      case 'Fn::ValueOf':
      case 'Fn::ValueOfAll':
        return new Undecided(`${fn} reads attributes of AWS resources: only CloudFormation can tell`);
      default:
        return new Undecided(`${fn} is evaluated only by CloudFormation`);
    }
  }

  private ref(name: string): Outcome {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const v = this.inputs.reference(name);
    if (v !== undefined) return typeof v === 'string' || isUndecided(v) ? v : [...v];
    return this.resource(name, undefined);
  }

  private resource(id: string, attribute: string | undefined): Json | Undecided {
    if (this.inputs.resource) return this.inputs.resource(id, attribute);
    return new Undecided(
      `${attribute === undefined ? `Ref ${id}` : `Fn::GetAtt ${id}.${attribute}`}: a resource's values exist only once the stack has it`,
    );
  }

  private sub(arg: unknown): Outcome {
    const [template, vars] = Array.isArray(arg) ? [String(arg[0]), isRecord(arg[1]) ? arg[1] : {}] : [String(arg), {}];
    let undecided: Undecided | undefined;
    const out = template.replace(/\$\{([^}]+)\}/g, (whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      let v: Outcome;
      if (Object.hasOwn(vars, name)) v = this.value(vars[name]);
      else if (!name.includes('.')) v = this.ref(name);
      else {
        const [id, attribute] = name.split(/\.(.*)/s) as [string, string];
        v = this.resource(id, attribute);
      }
      if (isUndecided(v)) {
        undecided ??= v;
        return whole;
      }
      return Array.isArray(v) ? whole : text(v === NO_VALUE ? '' : v);
    });
    return undecided ?? out;
  }

  private findInMap(list: readonly unknown[]): Outcome {
    const [map, top, second] = list.slice(0, 3).map((x) => this.value(x));
    for (const v of [map, top, second]) if (isUndecided(v)) return v;
    const mapping = this.template.Mappings?.[text(map as Json)];
    const level = isRecord(mapping) ? mapping[text(top as Json)] : undefined;
    const found = isRecord(level) && Object.hasOwn(level, text(second as Json)) ? level[text(second as Json)] : undefined;
    if (found !== undefined) return found as Json;
    const fallback = isRecord(list[3]) && Object.hasOwn(list[3], 'DefaultValue') ? list[3]['DefaultValue'] : undefined;
    if (fallback !== undefined) return this.value(fallback);
    return new Undecided(`Fn::FindInMap: mapping ${text(map as Json)} has no ${text(top as Json)}.${text(second as Json)}`);
  }
}

/**
 * A reference lookup from parameter values: `values` first, then (with `missing: 'default'`)
 * each parameter's Default; list types split on commas; pseudo parameters from `pseudo`.
 * What is neither given nor defaulted is undecided.
 */
export function parameterReferences(
  template: EvaluatedTemplate,
  values: ReadonlyMap<string, string>,
  options: {
    /** A parameter without a value takes its Default (a new stack) or stays unknown. */
    readonly missing: 'default' | 'unknown';
    /** Pseudo parameter values (`AWS::Region`…); those not given are undecided. */
    readonly pseudo?: Readonly<Record<string, string>>;
  },
): (name: string) => ReferenceValue | undefined {
  const specs = template.Parameters ?? {};
  return (name) => {
    if (name.startsWith('AWS::')) {
      const v = options.pseudo?.[name];
      return v ?? new Undecided(`${name} is known only when the stack is deployed`);
    }
    if (!Object.hasOwn(specs, name)) return undefined;
    const spec = specs[name];
    const fallback = isRecord(spec) ? spec['Default'] : undefined;
    const given = values.get(name);
    const value = given ?? (options.missing === 'default' && fallback !== undefined ? defaultText(fallback) : undefined);
    if (value === undefined) {
      return new Undecided(
        options.missing === 'default' ? `parameter ${name} has no value and no Default` : `parameter ${name} keeps a value not known here`,
      );
    }
    return isRecord(spec) && isListType(spec['Type']) ? value.split(',') : value;
  };
}

/** A Default as CloudFormation reads it: a list (YAML `[a, b]`) joined with commas. */
export function defaultText(d: unknown): string {
  return Array.isArray(d) ? d.map(String).join(',') : String(d);
}

/** CloudFormation compares values as text; a list equals only a list of the same items. */
function sameValue(a: Json | typeof NO_VALUE, b: Json | typeof NO_VALUE): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i] as Json));
  }
  if (a === NO_VALUE || b === NO_VALUE) return a === b;
  return typeof a === 'object' || typeof b === 'object' ? JSON.stringify(a) === JSON.stringify(b) : String(a) === String(b);
}

function asList(v: Json | typeof NO_VALUE): Json[] {
  return v === NO_VALUE ? [] : Array.isArray(v) ? v : [v];
}

function text(v: Json | typeof NO_VALUE): string {
  return v === NO_VALUE ? '' : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

function short(node: Node): string {
  const s = JSON.stringify(node) ?? String(node);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** `Fn::Cidr`: `count` consecutive blocks of `2^bits` addresses from the start of `block`. */
function cidr(block: string, count: number, bits: number): string[] {
  const [ip] = block.split('/') as [string];
  if (ip.includes(':')) return cidr6(ip, count, bits);
  const base = ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = base + i * 2 ** bits;
    out.push(`${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')}/${32 - bits}`);
  }
  return out;
}

/** Inputs of {@link evaluateTemplate}. */
export interface TemplateEvaluationInput {
  /** Parameter values; parameters not given take their Default. */
  parameters?: Record<string, string>;
  /** Pseudo parameters; defaults: partition aws, region us-west-2, account 123456789012, stack `stack`. */
  pseudo?: Partial<
    Record<'AWS::Partition' | 'AWS::Region' | 'AWS::AccountId' | 'AWS::StackName' | 'AWS::StackId' | 'AWS::URLSuffix', string>
  >;
  /** Values of resource references: `physical[id].Ref`, `physical[id][attribute]`; others read `<Ref id>`, `<GetAtt id.attr>`. */
  physical?: Record<string, Record<string, string>>;
}

/** A template after evaluation: what a stack created with these values would have. */
export interface EvaluatedStack {
  parameters: Record<string, string>;
  conditions: Record<string, boolean>;
  resources: Record<string, { Type: string; Properties: { [key: string]: Json } }>;
  outputs: Record<string, Json>;
}

/** A parameter without a value and without a default. */
export class MissingParameterError extends Error {
  constructor(readonly parameter: string) {
    super(`parameter ${parameter} has no default: give it a value`);
    this.name = 'MissingParameterError';
  }
}

/**
 * Evaluates a whole template for given parameter values, as CloudFormation would at create
 * time: conditions decided, `Fn::If` branches picked, `AWS::NoValue` removed, resources and
 * outputs whose condition is false dropped. Resource values come from `physical`, or stay as
 * readable placeholders. Throws when something cannot be decided (the reason in the message).
 * Used by the tests to check both sides of every condition, and by `verify:iam`.
 */
export function evaluateTemplate(template: { readonly [key: string]: unknown }, input: TemplateEvaluationInput = {}): EvaluatedStack {
  const specs = (isRecord(template['Parameters']) ? template['Parameters'] : {}) as { readonly [name: string]: unknown };
  const parameters: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const given = input.parameters?.[name];
    const fallback = isRecord(spec) ? spec['Default'] : undefined;
    if (given !== undefined) parameters[name] = given;
    else if (fallback !== undefined) parameters[name] = defaultText(fallback);
    else throw new MissingParameterError(name);
  }
  for (const name of Object.keys(input.parameters ?? {})) {
    if (!Object.hasOwn(specs, name)) throw new Error(`unknown parameter ${name}`);
  }
  const pseudo: Record<string, string> = {
    'AWS::Partition': 'aws',
    'AWS::Region': 'us-west-2',
    'AWS::AccountId': '123456789012',
    'AWS::StackName': 'stack',
    'AWS::URLSuffix': 'amazonaws.com',
    ...input.pseudo,
  };
  pseudo['AWS::StackId'] ??=
    `arn:${pseudo['AWS::Partition']}:cloudformation:${pseudo['AWS::Region']}:${pseudo['AWS::AccountId']}:stack/${pseudo['AWS::StackName']}/0f1e2d3c-4b5a-4697-8a7b-6c5d4e3f2a10`;
  const physical = input.physical ?? {};
  const evaluator = new Evaluator(template as EvaluatedTemplate, {
    reference: parameterReferences(template as EvaluatedTemplate, new Map(Object.entries(parameters)), { missing: 'unknown', pseudo }),
    resource: (id, attribute) =>
      physical[id]?.[attribute ?? 'Ref'] ?? (attribute === undefined ? `<Ref ${id}>` : `<GetAtt ${id}.${attribute}>`),
    availabilityZones: (region) => ['a', 'b', 'c'].map((z) => `${region}${z}`),
  });
  const decided = <T>(v: T | Undecided): T => {
    if (isUndecided(v)) throw new Error(v.reason);
    return v;
  };
  const conditions: Record<string, boolean> = {};
  for (const name of Object.keys(isRecord(template['Conditions']) ? template['Conditions'] : {}))
    conditions[name] = decided(evaluator.condition(name));
  const present = (entry: { readonly [key: string]: unknown }): boolean =>
    typeof entry['Condition'] !== 'string' || decided(evaluator.condition(entry['Condition']));

  const resources: EvaluatedStack['resources'] = {};
  for (const [id, resource] of Object.entries(isRecord(template['Resources']) ? template['Resources'] : {})) {
    if (!isRecord(resource) || !present(resource)) continue;
    const properties = decided(evaluator.value(resource['Properties'] ?? {}));
    resources[id] = { Type: String(resource['Type']), Properties: isRecord(properties) ? (properties as { [key: string]: Json }) : {} };
  }
  const outputs: Record<string, Json> = {};
  for (const [id, output] of Object.entries(isRecord(template['Outputs']) ? template['Outputs'] : {})) {
    if (!isRecord(output) || !present(output)) continue;
    const v = decided(evaluator.value(output['Value']));
    if (v !== NO_VALUE) outputs[id] = v;
  }
  return { parameters, conditions, resources, outputs };
}

/** `Fn::Cidr` for IPv6 (the VPC's Amazon-provided /56 carved into /64s, for one). */
function cidr6(ip: string, count: number, bits: number): string[] {
  const [head = '', tail = ''] = ip.split('::') as [string, string?];
  const groups = (text: string): string[] => (text ? text.split(':') : []);
  const given = [...groups(head), ...Array<string>(8 - groups(head).length - groups(tail).length).fill('0'), ...groups(tail)];
  const base = given.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = base + BigInt(i) * 2n ** BigInt(bits);
    const hex = Array.from({ length: 8 }, (_, k) => ((n >> BigInt(16 * (7 - k))) & 0xffffn).toString(16));
    out.push(`${compress6(hex)}/${128 - bits}`);
  }
  return out;
}

/** RFC 5952 text: the longest run of two or more zero groups becomes `::`. */
function compress6(hex: string[]): string {
  let best = { at: -1, length: 0 };
  for (let i = 0; i < hex.length; ) {
    let j = i;
    while (j < hex.length && hex[j] === '0') j++;
    if (j - i > best.length && j - i >= 2) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
}
