/**
 * Just enough of CloudFormation's intrinsic functions for static checks: the branches of
 * `Fn::If` (minus `AWS::NoValue`), the text of a `Fn::Sub`, and parameter defaults behind
 * `Ref`. `Fn::If` is not evaluated: a rule sees every branch that could be deployed. A
 * resource's `Condition` can be evaluated with the parameter defaults (`conditionDefault`),
 * for rules that say what a stack created with defaults costs.
 */
import { isObject, type JsonObject, type JsonPath, type JsonValue } from './types';

/** A value and where it sits in the template. */
export interface Located {
  value: JsonValue;
  path: JsonPath;
}

/** True for `{ "Ref": "AWS::NoValue" }`, which removes the property or list item. */
export function isNoValue(value: JsonValue): boolean {
  return isObject(value) && Object.keys(value).length === 1 && value['Ref'] === 'AWS::NoValue';
}

/** The single key of an intrinsic-function object (`Ref`, `Fn::Sub`…), if it is one. */
export function intrinsicName(value: JsonValue): string | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0] as string;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/**
 * Every value a node can take: the node itself, or for `Fn::If` the values of both branches
 * (recursively), leaving out `AWS::NoValue`.
 */
export function alternatives(node: Located): Located[] {
  const { value, path } = node;
  if (isNoValue(value)) return [];
  if (isObject(value) && intrinsicName(value) === 'Fn::If') {
    const args = value['Fn::If'];
    if (Array.isArray(args) && args.length === 3) {
      return [1, 2].flatMap((i) => alternatives({ value: args[i] as JsonValue, path: [...path, 'Fn::If', i] }));
    }
  }
  return [node];
}

/**
 * The items of a value that may be a list or a single item (like a policy's `Action`), with
 * `Fn::If` expanded both around the list and around each item.
 */
export function listItems(node: Located): Located[] {
  return alternatives(node).flatMap((alt) =>
    Array.isArray(alt.value)
      ? alt.value.flatMap((item, i) => alternatives({ value: item, path: [...alt.path, i] }))
      : [alt],
  );
}

/** A child of an object node, located. */
export function child(node: Located, key: string): Located | undefined {
  if (!isObject(node.value) || !(key in node.value)) return undefined;
  return { value: node.value[key] as JsonValue, path: [...node.path, key] };
}

/**
 * The text of a value for pattern checks: a string as is; a `Fn::Sub` template with the
 * variables of its map substituted by their text (`{ Account: !Ref AWS::AccountId }` gives
 * `${AWS::AccountId}`) and the rest left as `${Name}`; `Ref` as `${Name}`;
 * `Fn::GetAtt` as `${Res.Attr}`; `Fn::Join` of such parts. `undefined` when unknowable.
 */
export function textOf(value: JsonValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isObject(value)) return undefined;
  switch (intrinsicName(value)) {
    case 'Ref':
      return typeof value['Ref'] === 'string' ? `\${${value['Ref']}}` : undefined;
    case 'Fn::GetAtt': {
      const a = value['Fn::GetAtt'];
      if (Array.isArray(a) && a.every((p) => typeof p === 'string')) return `\${${a.join('.')}}`;
      return typeof a === 'string' ? `\${${a}}` : undefined;
    }
    case 'Fn::Sub': {
      const a = value['Fn::Sub'];
      if (typeof a === 'string') return a;
      if (!Array.isArray(a) || typeof a[0] !== 'string') return undefined;
      const vars = isObject(a[1]) ? a[1] : {};
      return a[0].replace(/\$\{([^}!][^}]*)\}/g, (whole, name: string) => {
        const v = vars[name.trim()];
        return v === undefined ? whole : (textOf(v) ?? whole);
      });
    }
    case 'Fn::Join': {
      const a = value['Fn::Join'];
      if (!Array.isArray(a) || typeof a[0] !== 'string' || !Array.isArray(a[1])) return undefined;
      const parts = a[1].map(textOf);
      return parts.every((p): p is string => p !== undefined) ? parts.join(a[0]) : undefined;
    }
    default:
      return undefined;
  }
}

/** The template's parameters section (empty when missing). */
export function parametersOf(template: JsonObject): JsonObject {
  const p = template['Parameters'];
  return isObject(p) ? p : {};
}

/** The template's resources as `[logicalId, resource]` pairs (objects only). */
export function resourcesOf(template: JsonObject): [string, JsonObject][] {
  const r = template['Resources'];
  if (!isObject(r)) return [];
  return Object.entries(r).filter((e): e is [string, JsonObject] => isObject(e[1]));
}

/**
 * The value CloudFormation uses when the stack is created with default parameters: a literal
 * as is; `Ref` to a parameter, that parameter's `Default` (`undefined` if it has none);
 * each branch of `Fn::If`. Other intrinsics give `undefined` (unknown).
 */
export function defaultValues(value: JsonValue, template: JsonObject): (JsonValue | undefined)[] {
  return alternatives({ value, path: [] }).map(({ value: v }) => {
    if (isObject(v) && intrinsicName(v) === 'Ref' && typeof v['Ref'] === 'string') {
      const param = parametersOf(template)[v['Ref']];
      return isObject(param) ? param['Default'] : undefined;
    }
    return intrinsicName(v) === undefined ? v : undefined;
  });
}

/** The resource a `Ref`/`Fn::GetAtt` points at, if it names a resource of the template. */
export function referencedResource(value: JsonValue, template: JsonObject): [string, JsonObject] | undefined {
  if (!isObject(value)) return undefined;
  let id: JsonValue | undefined;
  if (intrinsicName(value) === 'Ref') id = value['Ref'];
  else if (intrinsicName(value) === 'Fn::GetAtt') {
    const a = value['Fn::GetAtt'];
    id = Array.isArray(a) ? a[0] : typeof a === 'string' ? a.split('.')[0] : undefined;
  }
  if (typeof id !== 'string') return undefined;
  const resources = template['Resources'];
  const res = isObject(resources) ? resources[id] : undefined;
  return isObject(res) ? [id, res] : undefined;
}

/**
 * The value of a template condition when the stack is created with default parameters:
 * `Fn::Equals` of literals and parameters with a `Default`, combined with `Fn::And`,
 * `Fn::Or`, `Fn::Not` and `Condition`. `undefined` when it cannot be told (a parameter
 * without a default, a pseudo parameter such as `AWS::Region`, another intrinsic, a cycle).
 * CloudFormation compares the values as strings.
 */
export function conditionDefault(name: string, template: JsonObject, seen: ReadonlySet<string> = new Set()): boolean | undefined {
  const conditions = template['Conditions'];
  const body = isObject(conditions) ? conditions[name] : undefined;
  if (body === undefined || seen.has(name)) return undefined;
  return evaluateCondition(body, template, new Set([...seen, name]));
}

function scalarDefault(value: JsonValue, template: JsonObject): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isObject(value) && intrinsicName(value) === 'Ref' && typeof value['Ref'] === 'string') {
    const param = parametersOf(template)[value['Ref']];
    const fallback = isObject(param) ? param['Default'] : undefined;
    return typeof fallback === 'string' || typeof fallback === 'number' || typeof fallback === 'boolean' ? String(fallback) : undefined;
  }
  return undefined;
}

function evaluateCondition(value: JsonValue, template: JsonObject, seen: ReadonlySet<string>): boolean | undefined {
  if (!isObject(value)) return undefined;
  const fn = intrinsicName(value);
  const args = fn === undefined ? undefined : value[fn];
  if (fn === 'Condition') return typeof args === 'string' ? conditionDefault(args, template, seen) : undefined;
  if (!Array.isArray(args)) return undefined;
  switch (fn) {
    case 'Fn::Equals': {
      const [a, b] = args.map((x) => scalarDefault(x, template));
      return a === undefined || b === undefined || args.length !== 2 ? undefined : a === b;
    }
    case 'Fn::Not': {
      const v = args.length === 1 ? evaluateCondition(args[0] as JsonValue, template, seen) : undefined;
      return v === undefined ? undefined : !v;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      const vs = args.map((x) => evaluateCondition(x, template, seen));
      const decisive = fn === 'Fn::And' ? false : true;
      if (vs.includes(decisive)) return decisive;
      return vs.includes(undefined) ? undefined : !decisive;
    }
    default:
      return undefined;
  }
}

/** The parameters a condition reads (through nested conditions too), in order of appearance. */
export function conditionParameters(name: string, template: JsonObject, seen: Set<string> = new Set()): string[] {
  const conditions = template['Conditions'];
  const body = isObject(conditions) ? conditions[name] : undefined;
  if (body === undefined || seen.has(name)) return [];
  seen.add(name);
  const params = parametersOf(template);
  const out: string[] = [];
  const walk = (v: JsonValue): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) {
      if (intrinsicName(v) === 'Ref' && typeof v['Ref'] === 'string' && v['Ref'] in params) out.push(v['Ref']);
      else if (intrinsicName(v) === 'Condition' && typeof v['Condition'] === 'string') out.push(...conditionParameters(v['Condition'], template, seen));
      else Object.values(v).forEach(walk);
    }
  };
  walk(body);
  return [...new Set(out)];
}
