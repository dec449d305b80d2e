/**
 * The proof behind `npm run verify:iam`, evaluated: every AWS call the generated workflows make
 * is allowed by the GitHub deploy role, and every call the deployer makes by the deployer's role,
 * with the ARNs a deployed stack has; every action a role is granted is one of those calls;
 * what nobody should be able to do with either is denied (the probes); every policy of the
 * template fits the Service Authorization Reference; and the trust policy admits exactly the
 * intended GitHub tokens.
 *
 * Parts: fixtures.ts (the deployed stack), probes.ts (requests beyond the calls),
 * reference.ts (the reference check), output.ts (the printed matrix), front-door-matrix.ts (the
 * front door's rows). The policy evaluator is injected (`Simulate`): the script wires in
 * @cloud-copilot/iam-simulate, an AGPL-3.0 devDependency that the published CLI never loads.
 */
import type { Json } from '../template/cfn';
import { DEPLOYER_CALLS, type DeployerCall, type DeployerContextValue, type DeployerResource } from '../deployer/aws-calls';
import { workflowAwsCalls, type StackResource } from '../workflows/aws-calls';
import {
  ACCOUNT,
  deployedStack,
  inlinePolicy,
  ORG,
  PROBED_ROLES,
  REGION,
  REPO,
  type Arns,
  type DeployedStack,
  type StackValues,
} from './fixtures';
import { FRONT_DOOR_VPC, frontDoorArns, frontDoorMatrix } from './front-door-matrix';
import { absentKeys, claimsOf, controls, deployerDenials, githubRoleDenials, trustCases } from './probes';
import { checkAgainstReference } from './reference';
import { trustAllows, trustShape, type TrustStatement } from './trust';
import type { MatrixRow, PolicyOf, PolicyRequest, RowInput, Simulate } from './types';

export type { MatrixRow, PolicyRequest, Simulate } from './types';
export { formatMatrix, roleGrantLines } from './output';
export { stackArns, CREATED_SUBNETS, CREATED_TASK_SUBNETS } from './fixtures';

function workflowResourceArn(r: StackResource, a: Arns): string {
  return r === '*' ? '*' : a[r];
}

function deployerResourceArn(r: DeployerResource, a: Arns): string {
  if (r === '*') return '*';
  if (r === 'logStream') return a.deployerLogStream;
  return a[r];
}

function contextValue(what: DeployerContextValue, v: StackValues): string {
  switch (what) {
    case 'region':
      return REGION;
    case 'clusterArn':
      return v.arns.cluster;
    case 'newTaskDefinitionArn':
      return v.arns.newTaskDefinition;
    case 'taskCpu':
      return v.taskCpu;
    case 'taskMemory':
      return v.taskMemory;
    default:
      return what;
  }
}

function contextValues(c: DeployerCall['context'], v: StackValues): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, what] of Object.entries(c ?? {})) {
    out[key] = Array.isArray(what) ? what.map((w) => contextValue(w, v)) : contextValue(what, v);
  }
  return out;
}

/** Actions a policy grants, each once. */
function grantedActions(policy: Json): string[] {
  const statements = ((policy as { Statement?: Json[] }).Statement ?? []) as { Action?: string | string[] }[];
  return [...new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : [])))];
}

/** A role's policy, or a clear error naming what the template lacks. */
function requiredPolicy(stack: DeployedStack, logicalId: string): Json {
  const policy = inlinePolicy(stack, logicalId);
  if (!policy) throw new Error(`the template has no ${logicalId} with an inline policy`);
  return policy;
}

/**
 * Builds and evaluates the whole matrix for the template `plain` with `parameters` (beyond the
 * required GitHubOrg/GitHubRepo, which it sets).
 */
export async function iamMatrix(
  plain: { [key: string]: Json },
  parameters: Record<string, string>,
  simulate: Simulate,
): Promise<MatrixRow[]> {
  const stack = deployedStack(plain, parameters);
  const { params, values } = stack;
  const a = values.arns;
  const policies: Record<PolicyOf, Json> = {
    'deploy role': requiredPolicy(stack, PROBED_ROLES['deploy role'].logicalId),
    'deployer role': requiredPolicy(stack, PROBED_ROLES['deployer role'].logicalId),
    'execution role': requiredPolicy(stack, PROBED_ROLES['execution role'].logicalId),
  };
  const rows: MatrixRow[] = [];
  const row = (r: RowInput) => rows.push({ ...r, surprise: r.expected !== r.actual });
  const evaluate = async (kind: RowInput['kind'], what: string, policy: PolicyOf, request: PolicyRequest, expected: boolean) =>
    row({
      kind,
      what,
      action: request.action,
      resource: request.resource,
      expected,
      actual: await simulate(policies[policy], request),
      request,
    });

  // The GitHub role: exactly the workflows' calls.
  const calls = workflowAwsCalls();
  for (const call of calls) {
    const context: Record<string, string> = call.context ? { 'aws:RequestedRegion': REGION } : {};
    const request = { action: call.action, resource: workflowResourceArn(call.resource, a), context };
    await evaluate('allowed', `deploy role, ${call.workflow}: ${call.step}`, 'deploy role', request, true);
  }
  const called = new Set(calls.map((c) => c.action));
  for (const granted of grantedActions(policies['deploy role'])) {
    row({
      kind: 'grant-used',
      what: 'deploy role: granted, so a workflow call above must need it',
      action: granted,
      resource: '-',
      expected: true,
      actual: called.has(granted),
    });
  }

  // The deployer's role: exactly the deployer's calls for this stack.
  const tags = params['PropagateTags'] !== 'false';
  const frontDoor = stack.resolved.resources['FrontDoorFunction'] !== undefined;
  const deployerCalls = DEPLOYER_CALLS.filter((c) => c.when === undefined || (c.when === 'tags' ? tags : frontDoor));
  for (const call of deployerCalls) {
    const request = {
      action: call.iamAction,
      resource: deployerResourceArn(call.resource, a),
      context: contextValues(call.context, values),
    };
    await evaluate('allowed', `deployer role, ${call.action}: ${call.where}`, 'deployer role', request, true);
  }
  const deployerCalled = new Set(deployerCalls.map((c) => c.iamAction));
  for (const granted of grantedActions(policies['deployer role'])) {
    row({
      kind: 'grant-used',
      what: 'deployer role: granted, so a deployer call above must need it',
      action: granted,
      resource: '-',
      expected: true,
      actual: deployerCalled.has(granted),
    });
  }
  if (!tags) {
    const request = {
      action: 'ecs:TagResource',
      resource: a.newTaskDefinition,
      context: { 'ecs:CreateAction': 'RegisterTaskDefinition', 'aws:TagKeys': ['app'] },
    };
    await evaluate('denied', 'deployer role: tag task definitions when PropagateTags is false', 'deployer role', request, false);
  }
  if (!frontDoor) {
    const request = { action: 'ssm:PutParameter', resource: a.lastStartParameter, context: {} };
    await evaluate(
      'denied',
      "deployer role: write the front door's parameter when there is no front door",
      'deployer role',
      request,
      false,
    );
  }

  for (const p of [...githubRoleDenials(values), ...deployerDenials(values)])
    await evaluate('denied', `${p.policy}: ${p.what}`, p.policy, p.request, false);
  for (const p of controls(values, params['UseFargateSpot'] !== 'false'))
    await evaluate('control', `${p.policy}: ${p.what}`, p.policy, p.request, true);
  for (const p of absentKeys(values)) await evaluate('absent-key', `${p.policy}: ${p.what}`, p.policy, p.request, p.expected);

  // The front door's role and the idle check's scheduler role (PublicAccess https).
  rows.push(
    ...(await frontDoorMatrix(
      stack.resolved.resources,
      frontDoorArns(stack.appName, REGION, ACCOUNT, stack.params['ExistingVpcId'] || FRONT_DOOR_VPC.vpc),
      simulate,
      stack.values.publicIp,
    )),
  );

  // Every policy of the template against the Service Authorization Reference.
  for (const { policy, problems } of await checkAgainstReference(stack.resolved.resources)) {
    const actions = policy.statements.length;
    row({
      kind: 'reference',
      what: `${policy.where}: ${actions} statement${actions === 1 ? ' fits' : 's fit'} the Service Authorization Reference`,
      action: '-',
      resource: '-',
      expected: true,
      actual: problems.length === 0,
    });
    for (const problem of problems) row({ kind: 'reference', what: problem, action: '-', resource: '-', expected: true, actual: false });
  }

  const role = stack.resolved.resources[PROBED_ROLES['deploy role'].logicalId]?.Properties as unknown as {
    AssumeRolePolicyDocument: { Statement: TrustStatement[] };
  };
  const trust = role.AssumeRolePolicyDocument.Statement;
  const withIds = Boolean(params['GitHubOwnerId'] && params['GitHubRepoId']);
  for (const c of trustCases(withIds, params['GitHubEnvironment'] ?? '')) {
    row({
      kind: 'trust',
      what: c.what,
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: c.sub ?? '(no sub)',
      expected: c.expected,
      actual: trustAllows(trust, a.provider, claimsOf(c)),
    });
  }
  for (const problem of trustShape(trust, a.provider, ORG, REPO)) {
    row({
      kind: 'trust-shape',
      what: problem,
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: a.deployRole,
      expected: true,
      actual: false,
    });
  }
  return rows;
}
