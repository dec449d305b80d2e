/**
 * The front door's role, proven the way verify:iam proves the deploy role: each call the
 * function makes (src/front-door/aws-calls.ts) is allowed with the ARNs a deployed stack has,
 * every granted action is one of those calls, and what a stolen function credential must not
 * do is denied. Evaluated by @cloud-copilot/iam-simulate.
 */
import { simulateWithIamSimulate } from '../../scripts/verify-iam';
import { FRONT_DOOR_CALLS, type FrontDoorResource } from '../../src/front-door/aws-calls';
import { LAMBDA_VPC_CALLS } from '../../src/template/front-door-vpc';
import { frontDoorArns, frontDoorDenials, lambdaVpcCallArn } from '../../src/verify/front-door-matrix';
import type { Json } from '../../src/template/cfn';
import { ACCOUNT, REGION } from '../template/helpers';
import { resolve } from '../template/front-door-helpers';

const ecs = `arn:aws:ecs:${REGION}:${ACCOUNT}`;
const ARNS: Record<Exclude<FrontDoorResource, '*'>, string> = {
  service: `${ecs}:service/portfolio/portfolio`,
  task: `${ecs}:task/portfolio/0123456789abcdef0123456789abcdef`,
  lastRequestParameter: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/portfolio/front-door/last-request`,
  lastStartParameter: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/portfolio/front-door/last-start`,
  stateParameter: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/portfolio/front-door/state`,
  logStream: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/portfolio-front-door:log-stream:2026/11/29/[$LATEST]abc`,
};
const CONTEXT = { region: REGION, clusterArn: `${ecs}:cluster/portfolio` };

const role = resolve().resources['FrontDoorRole']?.Properties as unknown as { Policies: { PolicyDocument: Json }[] };
const policy = role.Policies[0]?.PolicyDocument as Json;
const allowed = (action: string, resource: string, context: Record<string, string | string[]> = {}): Promise<boolean> =>
  simulateWithIamSimulate(policy, { action, resource, context });

describe('front door role against its own calls', () => {
  it.each(FRONT_DOOR_CALLS.map((c) => [`${c.action} (${c.where})`, c] as const))('allows %s', async (_, call) => {
    const context = Object.fromEntries(Object.entries(call.context ?? {}).map(([k, v]) => [k, CONTEXT[v]]));
    expect(await allowed(call.action, call.resource === '*' ? '*' : ARNS[call.resource], context)).toBe(true);
  });

  it.each(LAMBDA_VPC_CALLS.map((c) => [`${c.action} on the ${c.resource} (Lambda, for the function in the VPC)`, c] as const))(
    'allows %s',
    async (_, call) => {
      const arns = frontDoorArns('portfolio', REGION, ACCOUNT);
      expect(await allowed(call.action, lambdaVpcCallArn(call.resource, arns), call.inVpc ? { 'ec2:Vpc': arns.vpc } : {})).toBe(true);
    },
  );

  it('grants no action the function (or Lambda for it) does not call', () => {
    const statements = (policy as { Statement: { Action: string | string[] }[] }).Statement;
    const granted = new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
    const called = new Set([...FRONT_DOOR_CALLS, ...LAMBDA_VPC_CALLS].map((c) => c.action));
    expect([...granted].filter((a) => !called.has(a))).toEqual([]);
  });
});

describe('front door role denials (the rows verify:iam prints, src/verify/front-door-matrix.ts)', () => {
  // The default stack: the IPv6-only task (no public IP) and the function in the VPC.
  const rows = frontDoorDenials(frontDoorArns('portfolio', REGION, ACCOUNT), { taskPublicIp: false, inVpc: true }).map((d) => ({
    what: d.what,
    ...d.request,
  }));
  it("covers the issue's denials: other services, RunTask, ExecuteCommand, PassRole, other parameters and clusters", () => {
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['s3:GetObject', 'ecs:RunTask', 'ecs:ExecuteCommand', 'iam:PassRole', 'ssm:GetParameters', 'ecs:StopTask']),
    );
  });
  it.each(rows)('denies: $what', async ({ action, resource, context }) => {
    expect(await allowed(action, resource, context)).toBe(false);
  });
});
