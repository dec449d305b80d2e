/**
 * Evaluates a template for given parameter values, the way CloudFormation would at create
 * time: conditions decided, `Fn::If` branches picked, `AWS::NoValue` removed, `Ref`/`Fn::Sub`
 * of parameters and pseudo parameters filled in, resources whose condition is false dropped.
 * Resource attributes CloudFormation only knows after creation (`Ref Service`, `GetAtt
 * Repository.Arn`) come from `physical`, or stay as readable placeholders.
 *
 * Used by the tests to check both sides of every condition, and by tools that need the
 * policies "as a deployed stack would have them".
 */
import type { Json } from './cfn';

type Obj = { [key: string]: Json };

/** Inputs of an evaluation. */
export interface ResolveInput {
  /** Parameter values; parameters not given take their Default. */
  parameters?: Record<string, string>;
  /** Pseudo parameters; defaults: partition aws, region us-west-2, account 123456789012. */
  pseudo?: Partial<Record<'AWS::Partition' | 'AWS::Region' | 'AWS::AccountId' | 'AWS::StackName' | 'AWS::StackId' | 'AWS::URLSuffix', string>>;
  /** Values of resource references: `physical[id].Ref`, `physical[id][attribute]`. */
  physical?: Record<string, Record<string, string>>;
}

/** A template after evaluation. */
export interface ResolvedTemplate {
  parameters: Record<string, string>;
  conditions: Record<string, boolean>;
  resources: Record<string, { Type: string; Properties: Obj }>;
  outputs: Record<string, Json>;
}

/** A parameter without a value and without a default. */
export class MissingParameterError extends Error {
  constructor(readonly parameter: string) {
    super(`parameter ${parameter} has no default: give it a value`);
    this.name = 'MissingParameterError';
  }
}

const NO_VALUE = Symbol('NoValue');
type Resolved = Json | typeof NO_VALUE;

export function resolveTemplate(template: Obj, input: ResolveInput = {}): ResolvedTemplate {
  const paramSpecs = (template['Parameters'] ?? {}) as { [name: string]: Obj };
  const parameters: Record<string, string> = {};
  for (const [name, spec] of Object.entries(paramSpecs)) {
    const given = input.parameters?.[name];
    if (given !== undefined) parameters[name] = given;
    else if (spec['Default'] !== undefined) parameters[name] = String(spec['Default']);
    else throw new MissingParameterError(name);
  }
  for (const name of Object.keys(input.parameters ?? {})) {
    if (!(name in paramSpecs)) throw new Error(`unknown parameter ${name}`);
  }
  const pseudo: Record<string, string> = {
    'AWS::Partition': 'aws',
    'AWS::Region': 'us-west-2',
    'AWS::AccountId': '123456789012',
    'AWS::StackName': 'stack',
    'AWS::URLSuffix': 'amazonaws.com',
    ...input.pseudo,
  };
  pseudo['AWS::StackId'] ??= `arn:${pseudo['AWS::Partition']}:cloudformation:${pseudo['AWS::Region']}:${pseudo['AWS::AccountId']}:stack/${pseudo['AWS::StackName']}/0f1e2d3c-4b5a-4697-8a7b-6c5d4e3f2a10`;
  {
  };
  const physical = input.physical ?? {};

  const condSpecs = (template['Conditions'] ?? {}) as Obj;
  const conditions: Record<string, boolean> = {};
  const evalCondition = (name: string): boolean => {
    if (!(name in conditions)) {
      const spec = condSpecs[name];
      if (spec === undefined) throw new Error(`unknown condition ${name}`);
      conditions[name] = toBool(value(spec));
    }
    return conditions[name] as boolean;
  };

  const refValue = (name: string): Json => {
    if (name in parameters) {
      const spec = paramSpecs[name];
      const v = parameters[name] as string;
      if (spec?.['Type'] === 'CommaDelimitedList') return v === '' ? [''] : v.split(',');
      return v;
    }
    if (name in pseudo) return pseudo[name] as string;
    return physical[name]?.['Ref'] ?? `<Ref ${name}>`;
  };
  const attValue = (id: string, attr: string): string => physical[id]?.[attr] ?? `<GetAtt ${id}.${attr}>`;

  function value(node: Json): Resolved {
    if (Array.isArray(node)) {
      return node.map(value).filter((v): v is Json => v !== NO_VALUE);
    }
    if (node === null || typeof node !== 'object') return node;
    const keys = Object.keys(node);
    if (keys.length === 1) {
      const fn = keys[0] as string;
      const arg = node[fn] as Json;
      switch (fn) {
        case 'Ref':
          return arg === 'AWS::NoValue' ? NO_VALUE : refValue(String(arg));
        case 'Fn::GetAtt': {
          const [id, attr] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
          return attValue(String(id), String(attr));
        }
        case 'Fn::If': {
          const [cond, a, b] = arg as [string, Json, Json];
          return value(evalCondition(cond) ? a : b);
        }
        case 'Condition':
          return evalCondition(String(arg));
        case 'Fn::Equals': {
          const [a, b] = (arg as Json[]).map(value);
          return JSON.stringify(a) === JSON.stringify(b);
        }
        case 'Fn::Not':
          return !toBool(value((arg as Json[])[0] as Json));
        case 'Fn::And':
          return (arg as Json[]).every((c) => toBool(value(c)));
        case 'Fn::Or':
          return (arg as Json[]).some((c) => toBool(value(c)));
        case 'Fn::Sub':
          return sub(arg);
        case 'Fn::Join': {
          const [sep, list] = arg as [string, Json];
          return (value(list) as Json[]).map(String).join(sep);
        }
        case 'Fn::Split': {
          const [sep, text] = arg as [string, Json];
          return String(value(text)).split(sep);
        }
        case 'Fn::Select': {
          const [index, list] = arg as [Json, Json];
          return (value(list) as Json[])[Number(value(index))] ?? null;
        }
        case 'Fn::GetAZs':
          return [`${pseudo['AWS::Region']}a`, `${pseudo['AWS::Region']}b`, `${pseudo['AWS::Region']}c`];
        case 'Fn::Cidr': {
          const [block, count, bits] = (arg as Json[]).map(value) as [string, number, number];
          return cidr(block, Number(count), Number(bits));
        }
        default:
          break;
      }
    }
    const out: Obj = {};
    for (const [k, v] of Object.entries(node)) {
      const r = value(v);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  function sub(arg: Json): string {
    const [text, vars] = Array.isArray(arg) ? [String(arg[0]), (arg[1] ?? {}) as Obj] : [String(arg), {}];
    return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (name in vars) return String(value(vars[name] as Json));
      if (name.includes('.')) {
        const [id, attr] = name.split('.') as [string, string];
        return attValue(id, attr);
      }
      const v = refValue(name);
      return Array.isArray(v) ? whole : String(v);
    });
  }

  for (const name of Object.keys(condSpecs)) evalCondition(name);

  const resources: ResolvedTemplate['resources'] = {};
  for (const [id, resource] of Object.entries((template['Resources'] ?? {}) as { [id: string]: Obj })) {
    const cond = resource['Condition'];
    if (typeof cond === 'string' && !evalCondition(cond)) continue;
    resources[id] = {
      Type: String(resource['Type']),
      Properties: (value(resource['Properties'] ?? {}) as Obj) ?? {},
    };
  }
  const outputs: Record<string, Json> = {};
  for (const [id, output] of Object.entries((template['Outputs'] ?? {}) as { [id: string]: Obj })) {
    const cond = output['Condition'];
    if (typeof cond === 'string' && !evalCondition(cond)) continue;
    const v = value(output['Value'] as Json);
    if (v !== NO_VALUE) outputs[id] = v;
  }
  return { parameters, conditions, resources, outputs };
}

function toBool(v: Resolved): boolean {
  if (typeof v !== 'boolean') throw new Error(`condition did not evaluate to a boolean: ${String(v)}`);
  return v;
}

/** `Fn::Cidr` for IPv4: `count` consecutive blocks of `2^bits` addresses from the start of `block`. */
function cidr(block: string, count: number, bits: number): string[] {
  const [ip] = block.split('/') as [string];
  const base = ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = base + i * 2 ** bits;
    out.push(`${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')}/${32 - bits}`);
  }
  return out;
}
