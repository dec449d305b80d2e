/**
 * IAM's limit on a role's inline policies, checked when the template is compiled: the sum of
 * the sizes of all inline policies of one role may not pass 10,240 characters, and IAM does
 * not count white space. A role over it fails at deploy time, half-way through a stack
 * create or update; here it fails the build with the role and the fix named.
 *
 * Source (read 2026-12-06): "IAM and AWS STS quotas", section "IAM and STS character quotas",
 * row "For inline policies": the total aggregate policy size (the sum size of all inline
 * policies) per entity; role policy size cannot exceed 10,240 characters; IAM does not count
 * white space. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 * (GetAccountSummary's RolePolicySizeQuota: "in non-whitespace characters",
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html).
 *
 * The template holds intrinsic functions whose values IAM sees only at deploy time, so the
 * size is an estimate that errs high: each `Fn::If` counts its larger branch, a pseudo
 * parameter its longest value, a parameter its MaxLength (or longest allowed or default
 * value), and a resource's id or ARN {@link UNKNOWN_VALUE_CHARS} characters.
 */
import type { Json } from './cfn';

/** IAM's limit for the sum of a role's inline policies, in non-white-space characters. */
export const ROLE_INLINE_POLICY_LIMIT = 10_240;

/** What a resource's `Ref` or `Fn::GetAtt` (an id, an ARN) counts as. */
export const UNKNOWN_VALUE_CHARS = 128;

/** Longest values of pseudo parameters: partition aws-us-gov, region ap-southeast-5, 12-digit account. */
const PSEUDO_CHARS: Readonly<Record<string, number>> = {
  'AWS::Partition': 10,
  'AWS::Region': 14,
  'AWS::AccountId': 12,
  'AWS::URLSuffix': 16,
  'AWS::StackName': 128,
  'AWS::StackId': 128,
};

type Obj = { readonly [key: string]: Json };

function isObj(x: Json | undefined): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** One role's inline policies' estimated size. */
export interface RolePolicySize {
  /** The role's logical id. */
  role: string;
  /** Estimated non-white-space characters of all its inline policies. */
  characters: number;
}

/**
 * The estimated inline policy size of each `AWS::IAM::Role` of a plain template: its
 * `Policies` plus the `AWS::IAM::Policy` and `AWS::IAM::RolePolicy` resources that name it.
 */
export function rolePolicySizes(template: Obj): RolePolicySize[] {
  const resources = isObj(template['Resources']) ? template['Resources'] : {};
  const parameters = isObj(template['Parameters']) ? template['Parameters'] : {};
  const size = (node: Json): number => estimate(node, parameters);
  const sizes = new Map<string, number>();
  for (const [id, resource] of Object.entries(resources)) {
    if (!isObj(resource) || resource['Type'] !== 'AWS::IAM::Role') continue;
    const properties = isObj(resource['Properties']) ? resource['Properties'] : {};
    sizes.set(
      id,
      documents(properties['Policies']).reduce<number>((sum, d) => sum + size(d), 0),
    );
  }
  for (const resource of Object.values(resources)) {
    if (!isObj(resource) || (resource['Type'] !== 'AWS::IAM::Policy' && resource['Type'] !== 'AWS::IAM::RolePolicy')) continue;
    const properties = isObj(resource['Properties']) ? resource['Properties'] : {};
    const roles = resource['Type'] === 'AWS::IAM::Policy' ? properties['Roles'] : [properties['RoleName'] ?? null];
    for (const role of Array.isArray(roles) ? roles : []) {
      const id = isObj(role) && typeof role['Ref'] === 'string' ? role['Ref'] : undefined;
      if (id !== undefined && sizes.has(id)) sizes.set(id, (sizes.get(id) ?? 0) + size(properties['PolicyDocument'] ?? null));
    }
  }
  return [...sizes].map(([role, characters]) => ({ role, characters }));
}

/** The policy documents of a role's `Policies` (each entry may sit in an `Fn::If`). */
function documents(policies: Json | undefined): Json[] {
  if (!Array.isArray(policies)) return [];
  return policies.flatMap((p) => (isObj(p) && p['PolicyDocument'] !== undefined ? [p['PolicyDocument']] : isObj(p) ? [p] : []));
}

/** Estimated non-white-space characters of a node as IAM would see it. */
function estimate(node: Json, parameters: Obj): number {
  if (node === null) return 4;
  if (typeof node === 'string') return text(node);
  if (typeof node === 'number' || typeof node === 'boolean') return String(node).length;
  if (Array.isArray(node)) {
    const items = node.map((n) => estimate(n, parameters)).filter((n) => n > 0);
    return 2 + items.reduce((a, b) => a + b, 0) + Math.max(0, items.length - 1);
  }
  const keys = Object.keys(node);
  const [fn] = keys;
  if (keys.length === 1 && fn !== undefined && (fn === 'Ref' || fn.startsWith('Fn::'))) return intrinsic(fn, node[fn] as Json, parameters);
  const entries = Object.entries(node)
    .map(([key, value]) => ({ key, size: estimate(value, parameters) }))
    .filter((e) => e.size > 0);
  return 2 + entries.reduce((sum, e) => sum + text(e.key) + 1 + e.size, 0) + Math.max(0, entries.length - 1);
}

/** A JSON string's characters, quotes included, white space not counted. */
function text(s: string): number {
  return JSON.stringify(s.replace(/\s/g, '')).length;
}

function intrinsic(fn: string, arg: Json, parameters: Obj): number {
  switch (fn) {
    case 'Ref':
      return arg === 'AWS::NoValue' ? 0 : 2 + reference(String(arg), parameters);
    case 'Fn::If': {
      const [, a = null, b = null] = Array.isArray(arg) ? arg : [];
      return Math.max(estimate(a, parameters), estimate(b, parameters));
    }
    case 'Fn::Sub': {
      const [template, vars] = Array.isArray(arg) ? [String(arg[0]), isObj(arg[1]) ? arg[1] : {}] : [String(arg), {} as Obj];
      let extra = 0;
      const literal = template.replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) => {
        const v = vars[name.trim()];
        extra += v === undefined ? reference(name.trim(), parameters) : Math.max(0, estimate(v, parameters) - 2);
        return '';
      });
      return text(literal) + extra;
    }
    default:
      return 2 + UNKNOWN_VALUE_CHARS;
  }
}

/** Characters of a `Ref`/`${}` value, without quotes. */
function reference(name: string, parameters: Obj): number {
  const pseudo = PSEUDO_CHARS[name];
  if (pseudo !== undefined) return pseudo;
  if (name.includes('.')) return UNKNOWN_VALUE_CHARS;
  const spec = parameters[name];
  if (!isObj(spec)) return UNKNOWN_VALUE_CHARS;
  if (typeof spec['MaxLength'] === 'number') return spec['MaxLength'];
  const allowed = Array.isArray(spec['AllowedValues']) ? spec['AllowedValues'].map((v) => String(v).length) : [];
  const fallback = spec['Default'] === undefined ? UNKNOWN_VALUE_CHARS : String(spec['Default']).length;
  return allowed.length > 0 ? Math.max(...allowed) : Math.max(fallback, spec['Type'] === 'Number' ? 20 : 0);
}
