/**
 * Finds the IAM policy documents in a template and flattens them into statements the
 * least-privilege rules can read: every `Fn::If` branch becomes its own statement (or item),
 * values keep their template path for line numbers.
 */
import { alternatives, child, listItems, textOf, type Located } from './intrinsics';
import { isObject, type JsonObject, type JsonPath } from './types';

/** Trust policy (who may assume a role) or identity policy (what the holder may do). */
export type PolicyKind = 'trust' | 'identity';

/** One condition test: `Operator: { Key: Values }`. */
export interface ConditionTest {
  /** e.g. `StringLike`, `ForAnyValue:StringEquals`. */
  operator: string;
  /** The condition key as written, e.g. `token.actions.githubusercontent.com:sub`. */
  key: string;
  /** The values, `Fn::If` expanded. */
  values: Located[];
  /** Path of the key in the template. */
  path: JsonPath;
}

/** One statement (one combination of `Fn::If` branches of its `Condition` block). */
export interface PolicyStatement {
  /** Logical id of the resource that holds the policy. */
  resourceId: string;
  kind: PolicyKind;
  path: JsonPath;
  /** `Allow`, `Deny`, or undefined when not a literal. */
  effect: string | undefined;
  /** Items of `Action` / `NotAction`, with their text when known. */
  actions: Located[];
  notActions: Located[];
  resources: Located[];
  notResources: Located[];
  principal: Located | undefined;
  conditions: ConditionTest[];
}

/** Where each IAM resource type keeps its policy documents. */
const POLICY_LOCATIONS: Record<string, { trust?: string; documents?: string; policies?: string }> = {
  'AWS::IAM::Role': { trust: 'AssumeRolePolicyDocument', policies: 'Policies' },
  'AWS::IAM::User': { policies: 'Policies' },
  'AWS::IAM::Group': { policies: 'Policies' },
  'AWS::IAM::Policy': { documents: 'PolicyDocument' },
  'AWS::IAM::ManagedPolicy': { documents: 'PolicyDocument' },
  'AWS::IAM::RolePolicy': { documents: 'PolicyDocument' },
  'AWS::IAM::UserPolicy': { documents: 'PolicyDocument' },
  'AWS::IAM::GroupPolicy': { documents: 'PolicyDocument' },
};

/** The IAM resource types whose policies are checked. */
export const POLICY_RESOURCE_TYPES = Object.keys(POLICY_LOCATIONS);

/** Every statement of every IAM policy in the template's resources. */
export function policyStatements(resources: [string, JsonObject][]): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const [id, resource] of resources) {
    const where = typeof resource['Type'] === 'string' ? POLICY_LOCATIONS[resource['Type']] : undefined;
    const props = child({ value: resource, path: ['Resources', id] }, 'Properties');
    if (where === undefined || props === undefined) continue;
    const docs: { kind: PolicyKind; doc: Located }[] = [];
    const trust = where.trust === undefined ? undefined : child(props, where.trust);
    if (trust) docs.push(...alternatives(trust).map((doc) => ({ kind: 'trust' as const, doc })));
    const direct = where.documents === undefined ? undefined : child(props, where.documents);
    if (direct) docs.push(...alternatives(direct).map((doc) => ({ kind: 'identity' as const, doc })));
    const inline = where.policies === undefined ? undefined : child(props, where.policies);
    for (const policy of inline ? listItems(inline) : []) {
      const doc = child(policy, 'PolicyDocument');
      if (doc) docs.push(...alternatives(doc).map((d) => ({ kind: 'identity' as const, doc: d })));
    }
    for (const { kind, doc } of docs) {
      const statements = child(doc, 'Statement');
      for (const st of statements ? listItems(statements) : []) {
        if (isObject(st.value)) out.push(...statementVariants(id, kind, st));
      }
    }
  }
  return out;
}

function items(statement: Located, key: string): Located[] {
  const node = child(statement, key);
  return node ? listItems(node) : [];
}

function statementVariants(resourceId: string, kind: PolicyKind, st: Located): PolicyStatement[] {
  const effectNode = child(st, 'Effect');
  const effects = effectNode ? alternatives(effectNode) : [undefined];
  const conditionNode = child(st, 'Condition');
  const conditionBlocks = conditionNode ? alternatives(conditionNode) : [undefined];
  const principalNode = child(st, 'Principal');
  const base = {
    resourceId,
    kind,
    path: st.path,
    actions: items(st, 'Action'),
    notActions: items(st, 'NotAction'),
    resources: items(st, 'Resource'),
    notResources: items(st, 'NotResource'),
    principal: principalNode,
  };
  const out: PolicyStatement[] = [];
  for (const effect of effects) {
    for (const block of conditionBlocks) {
      out.push({
        ...base,
        effect: effect && typeof effect.value === 'string' ? effect.value : undefined,
        conditions: block ? conditionTests(block) : [],
      });
    }
  }
  return out;
}

function conditionTests(block: Located): ConditionTest[] {
  if (!isObject(block.value)) return [];
  const tests: ConditionTest[] = [];
  for (const operator of Object.keys(block.value)) {
    for (const opNode of alternatives(child(block, operator) as Located)) {
      if (!isObject(opNode.value)) continue;
      for (const key of Object.keys(opNode.value)) {
        const keyNode = child(opNode, key) as Located;
        tests.push({ operator, key, values: listItems(keyNode), path: keyNode.path });
      }
    }
  }
  return tests;
}

/** The text of a located value (see {@link textOf}). */
export const textAt = (node: Located): string | undefined => textOf(node.value);
