/**
 * The front door's role, proven the way verify:iam proves the deploy role: each call the
 * function makes (src/front-door/aws-calls.ts) is allowed with the ARNs a deployed stack has,
 * every granted action is one of those calls, and what a stolen function credential must not
 * do is denied. Evaluated by @cloud-copilot/iam-simulate.
 */
import { simulateWithIamSimulate } from '../../scripts/verify-iam';
import { FRONT_DOOR_CALLS, type FrontDoorResource } from '../../src/front-door/aws-calls';
import type { Json } from '../../src/template/cfn';
import { ACCOUNT, REGION } from '../template/helpers';
import { resolve } from '../template/front-door-helpers';

const ecs = `arn:aws:ecs:${REGION}:${ACCOUNT}`;
const ARNS: Record<Exclude<FrontDoorResource, '*'>, string> = {
  service: `${ecs}:service/portfolio/portfolio`,
  task: `${ecs}:task/portfolio/0123456789abcdef0123456789abcdef`,
  lastRequestParameter: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/portfolio/front-door/last-request`,
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

  it('grants no action the function does not call', () => {
    const statements = (policy as { Statement: { Action: string | string[] }[] }).Statement;
    const granted = new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
    const called = new Set(FRONT_DOOR_CALLS.map((c) => c.action));
    expect([...granted].filter((a) => !called.has(a))).toEqual([]);
  });
});

describe('front door role denials', () => {
  const forbidden: [string, string, string, Record<string, string | string[]>?][] = [
    ['run an arbitrary task', 'ecs:RunTask', `${ecs}:task-definition/portfolio:42`],
    ['open a shell in the task', 'ecs:ExecuteCommand', `${ecs}:cluster/portfolio`],
    ['pass a role', 'iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/portfolio-task-${REGION}`, { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }],
    ['scale another service', 'ecs:UpdateService', `${ecs}:service/portfolio/other`],
    ['point the service at another task family', 'ecs:UpdateService', ARNS.service, { 'ecs:task-definition': `${ecs}:task-definition/admin-tools:7` }],
    ['turn on ECS Exec', 'ecs:UpdateService', ARNS.service, { 'ecs:enable-execute-command': 'true' }],
    ['move the service to another subnet', 'ecs:UpdateService', ARNS.service, { 'ecs:subnet': ['subnet-0cccccccccccccccc'] }],
    ['turn the service\'s public IP off', 'ecs:UpdateService', ARNS.service, { 'ecs:auto-assign-public-ip': 'false' }],
    ['run the service at 16 vCPU / 120 GB', 'ecs:UpdateService', ARNS.service, { 'ecs:task-cpu': '16384', 'ecs:task-memory': '122880' }],
    ['delete the service', 'ecs:DeleteService', ARNS.service],
    ['register a task definition', 'ecs:RegisterTaskDefinition', `${ecs}:task-definition/portfolio:43`],
    ['list tasks of another cluster', 'ecs:ListTasks', '*', { 'ecs:cluster': `${ecs}:cluster/other` }],
    ['describe tasks of another cluster', 'ecs:DescribeTasks', `${ecs}:task/other/0123456789abcdef0123456789abcdef`],
    ['describe network interfaces in another region', 'ec2:DescribeNetworkInterfaces', '*', { 'aws:RequestedRegion': 'us-east-1' }],
    ['write another parameter', 'ssm:PutParameter', `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/other/secret`],
    ['read a secret parameter', 'ssm:GetParameter', `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/prod/db-password`],
    ['write to another log group', 'logs:PutLogEvents', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/portfolio:log-stream:x`],
    ['change its own function', 'lambda:UpdateFunctionCode', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:portfolio-front-door`],
    ['widen its own policy', 'iam:PutRolePolicy', `arn:aws:iam::${ACCOUNT}:role/portfolio-front-door-${REGION}`],
  ];
  // Objects, not tuples: jest would pass `done` in place of a missing fourth element.
  const rows = forbidden.map(([what, action, resource, context]) => ({ what, action, resource, context: context ?? {} }));
  it.each(rows)('denies: $what', async ({ action, resource, context }) => {
    expect(await allowed(action, resource, context)).toBe(false);
  });
});
