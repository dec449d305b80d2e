/**
 * Permissions as values, given to the role that needs them (the AWS CDK's
 * `bucket.grantRead(role)`): a module returns `Grant`s for the roles it is handed, and each
 * role's module turns the grants addressed to it into its policy. Adding a resource and what
 * may be done with it is then one file.
 */
import { Fn, type IntrinsicFunction, type Json, type PolicyStatement, type StatementEntry } from './cfn';
import { InvalidOptionError } from '../errors';
import { ROLE_INLINE_POLICY_LIMIT, rolePolicySizes } from './policy-size';

/** A role that modules may grant permissions to. */
export interface Grantee {
  /** Logical id of the role in the template. */
  readonly logicalId: string;
  /** What the role is for, in words (shown by `verify:iam`). */
  readonly description: string;
  /** `Fn::GetAtt <role>.Arn`. */
  readonly arn: IntrinsicFunction;
}

/** One permission statement given to one role. */
export interface Grant {
  /** The role that receives the statement. */
  readonly grantee: Grantee;
  /** The statement added to that role's policy (a `Fn::If` entry may make it conditional). */
  readonly statement: StatementEntry;
}

/** A grantee handle for the role with this logical id. */
export function grantee(logicalId: string, description: string): Grantee {
  return { logicalId, description, arn: Fn.GetAtt(logicalId, 'Arn') };
}

/** Grants `statements` to `to`. */
export function grant(to: Grantee, ...statements: StatementEntry[]): Grant[] {
  return statements.map((statement) => ({ grantee: to, statement }));
}

/**
 * The statements granted to `to`, in the order they were granted, merged like aws-cdk-lib's
 * `mergeStatements` (aws-iam/lib/private/merge-statements.ts): see {@link mergeStatements}.
 */
export function statementsFor(grants: readonly Grant[], to: Grantee): StatementEntry[] {
  return mergeStatements(grants.filter((g) => g.grantee.logicalId === to.logicalId).map((g) => g.statement));
}

/**
 * Merges statements that say the same thing twice, as aws-cdk-lib does: two statements with
 * the same Effect, Condition and Principal merge when their Actions are the same set (their
 * Resources are joined) or their Resources are (their Actions are joined); the result allows
 * exactly what the two did. Unlike aws-cdk-lib, which never merges statements with a Sid,
 * every statement here has a Sid naming its purpose, so only statements with the same Sid
 * merge (a module granting under one Sid twice, two modules granting the same). A statement
 * inside `Fn::If` is left as it is. Repeats until nothing merges.
 */
export function mergeStatements(entries: readonly StatementEntry[]): StatementEntry[] {
  const out = [...entries];
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length && !merged; j++) {
        const combined = mergePair(out[i] as StatementEntry, out[j] as StatementEntry);
        if (combined) {
          out.splice(j, 1);
          out[i] = combined;
          merged = true;
        }
      }
    }
  }
  return out;
}

function isStatement(entry: StatementEntry): entry is PolicyStatement {
  return typeof entry === 'object' && entry !== null && 'Effect' in entry;
}

function mergePair(a: StatementEntry, b: StatementEntry): PolicyStatement | undefined {
  if (!isStatement(a) || !isStatement(b)) return undefined;
  if (a.Sid !== b.Sid || a.Effect !== b.Effect || json(a.Condition) !== json(b.Condition) || json(a.Principal) !== json(b.Principal))
    return undefined;
  const sameActions = sameSet(a.Action, b.Action);
  const sameResources = sameSet(a.Resource, b.Resource);
  if (!sameActions && !sameResources) return undefined;
  const Action = union(a.Action, b.Action) as string | string[];
  const Resource = a.Resource === undefined && b.Resource === undefined ? undefined : union(a.Resource, b.Resource);
  return { ...a, Action, ...(Resource === undefined ? {} : { Resource }) };
}

type Item = PolicyStatement['Resource'];

function json(x: unknown): string {
  return JSON.stringify(x) ?? '';
}

function items(x: Item | PolicyStatement['Action']): unknown[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

function sameSet(a: Item | PolicyStatement['Action'], b: Item | PolicyStatement['Action']): boolean {
  const as = new Set(items(a).map(json));
  const bs = new Set(items(b).map(json));
  return as.size === bs.size && [...as].every((x) => bs.has(x));
}

/** `a`'s items, then `b`'s not already there; one item stays a single value. */
function union(a: Item | PolicyStatement['Action'], b: Item | PolicyStatement['Action']): Item | PolicyStatement['Action'] {
  const seen = new Set(items(a).map(json));
  const all = [...items(a), ...items(b).filter((x) => !seen.has(json(x)))];
  return (all.length === 1 ? all[0] : all) as Item;
}

/** Two statements of one policy document with the same Sid (IAM requires them to differ). */
export class DuplicateSidError extends InvalidOptionError {
  constructor(role: string, policy: string, sid: string) {
    super(
      'modules',
      `role ${role}, policy ${policy}: two statements have Sid ${sid}, and a Sid must be unique in a policy. ` +
        'Give one of them another Sid, or grant both under one Sid with the same Actions or the same Resources so they merge.',
    );
  }
}

/** A role whose inline policies pass IAM's size limit. */
export class RolePolicyTooLargeError extends InvalidOptionError {
  constructor(role: string, characters: number) {
    super(
      'modules',
      `role ${role}: its inline policies come to about ${characters.toLocaleString('en-US')} characters, over IAM's ` +
        `${ROLE_INLINE_POLICY_LIMIT.toLocaleString('en-US')}-character limit for all inline policies of a role (white space not counted), ` +
        'so the deploy would fail. Grant one statement for several resources (the same Actions) instead of one per resource, use wildcards ' +
        'in resource names you own, or give the role a managed policy (AWS::IAM::ManagedPolicy) from a module.',
    );
  }
}

/**
 * Checks the roles of a plain template: no Sid twice in one policy document (statements in
 * both branches of an `Fn::If` count once), and each role's inline policies within IAM's limit.
 */
export function checkRolePolicies(template: { readonly [key: string]: Json }): void {
  const resources = (template['Resources'] ?? {}) as { readonly [id: string]: Json };
  for (const [id, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || resource['Type'] !== 'AWS::IAM::Role') continue;
    const properties = isJsonObject(resource['Properties']) ? resource['Properties'] : {};
    for (const policy of Array.isArray(properties['Policies']) ? properties['Policies'] : []) {
      if (!isJsonObject(policy) || !isJsonObject(policy['PolicyDocument'])) continue;
      const statements = policy['PolicyDocument']['Statement'];
      const seen = new Set<string>();
      for (const statement of Array.isArray(statements) ? statements : []) {
        const sids = new Set(branches(statement).flatMap((s) => (isJsonObject(s) && typeof s['Sid'] === 'string' ? [s['Sid']] : [])));
        for (const sid of sids) {
          if (seen.has(sid)) throw new DuplicateSidError(id, String(policy['PolicyName']), sid);
          seen.add(sid);
        }
      }
    }
  }
  for (const { role, characters } of rolePolicySizes(template)) {
    if (characters > ROLE_INLINE_POLICY_LIMIT) throw new RolePolicyTooLargeError(role, characters);
  }
}

/** The statements an entry may be: itself, or each branch of its `Fn::If`. */
function branches(entry: Json): Json[] {
  if (isJsonObject(entry) && Array.isArray(entry['Fn::If'])) return entry['Fn::If'].slice(1).flatMap(branches);
  return [entry];
}

function isJsonObject(x: Json | undefined): x is { [key: string]: Json } {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
