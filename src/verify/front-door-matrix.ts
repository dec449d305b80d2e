/**
 * The front door's part of `npm run verify:iam`: every AWS call the function makes
 * (src/front-door/aws-calls.ts) is allowed by its role with the ARNs a deployed stack has, and
 * every action the role is granted is one of those calls; the idle-check schedule's role may
 * invoke this function and nothing else; and what a stolen credential of either must not do
 * is denied. Rows exist only when the stack has the roles (`PublicAccess` https; the scheduler
 * role exists whenever the front door does).
 */
import { FRONT_DOOR_CALLS, type FrontDoorResource } from '../front-door/aws-calls';
import type { Json } from '../template/cfn';
import { LAMBDA_VPC_CALLS, type LambdaVpcResource } from '../template/front-door-vpc';
import type { MatrixRow, PolicyRequest, Simulate } from './types';

/** The names and ARNs of a deployed stack's front door (and what it acts on). */
export interface FrontDoorArns {
  account: string;
  region: string;
  /** The function's role, for the "widen its own policy" probe. */
  role: string;
  function: string;
  cluster: string;
  service: string;
  task: string;
  taskDefinition: (family: string, revision: number) => string;
  lastRequestParameter: string;
  lastStartParameter: string;
  stateParameter: string;
  logGroup: string;
  logStream: string;
  /** The VPC the function runs in (private layout), and what Lambda creates there for it. */
  vpc: string;
  networkInterface: string;
  subnet: string;
  frontDoorSecurityGroup: string;
}

/** What the stack's layout changes in the front door's rows (src/template/network.ts). */
export interface FrontDoorLayout {
  /** The service assigns its task a public IP (false: the IPv6-only task). */
  taskPublicIp: boolean;
  /** The function runs in the VPC (its role may manage network interfaces there). */
  inVpc: boolean;
}

/** The VPC, subnet and security group ids a deployed stack's front door has. */
export const FRONT_DOOR_VPC = {
  vpc: 'vpc-0aaaaaaaaaaaaaaaa',
  subnet: 'subnet-0aaaaaaaaaaaaaaaa',
  securityGroup: 'sg-0fd0fd0fd0fd0fd00',
} as const;

/** The front door's ARNs for a stack of `appName` (in the VPC the stack creates, or `vpcId`). */
export function frontDoorArns(appName: string, region: string, account: string, vpcId: string = FRONT_DOOR_VPC.vpc): FrontDoorArns {
  const ecs = `arn:aws:ecs:${region}:${account}`;
  const logGroup = `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${appName}-front-door`;
  return {
    account,
    region,
    role: `arn:aws:iam::${account}:role/${appName}-front-door-${region}`,
    function: `arn:aws:lambda:${region}:${account}:function:${appName}-front-door`,
    cluster: `${ecs}:cluster/${appName}`,
    service: `${ecs}:service/${appName}/${appName}`,
    task: `${ecs}:task/${appName}/0123456789abcdef0123456789abcdef`,
    taskDefinition: (family, revision) => `${ecs}:task-definition/${family}:${revision}`,
    lastRequestParameter: `arn:aws:ssm:${region}:${account}:parameter/${appName}/front-door/last-request`,
    lastStartParameter: `arn:aws:ssm:${region}:${account}:parameter/${appName}/front-door/last-start`,
    stateParameter: `arn:aws:ssm:${region}:${account}:parameter/${appName}/front-door/state`,
    logGroup: `${logGroup}:*`,
    logStream: `${logGroup}:log-stream:2026/11/29/[$LATEST]0123456789abcdef`,
    vpc: `arn:aws:ec2:${region}:${account}:vpc/${vpcId}`,
    networkInterface: `arn:aws:ec2:${region}:${account}:network-interface/eni-0123456789abcdef0`,
    subnet: `arn:aws:ec2:${region}:${account}:subnet/${FRONT_DOOR_VPC.subnet}`,
    frontDoorSecurityGroup: `arn:aws:ec2:${region}:${account}:security-group/${FRONT_DOOR_VPC.securityGroup}`,
  };
}

/** Values `evaluateTemplate` gives the front door's resources in a deployed stack. */
export function frontDoorPhysical(appName: string, a: FrontDoorArns): Record<string, Record<string, string>> {
  return {
    FrontDoorFunction: { Ref: `${appName}-front-door`, Arn: a.function },
    FrontDoorLogGroup: { Ref: `/aws/lambda/${appName}-front-door`, Arn: a.logGroup },
    FrontDoorRole: { Arn: a.role },
    FrontDoorSchedulerRole: { Arn: `arn:aws:iam::${a.account}:role/${appName}-FrontDoorSchedulerRole-ABC` },
    FrontDoorSecurityGroup: { GroupId: FRONT_DOOR_VPC.securityGroup },
  };
}

/** The resource ARN one of Lambda's VPC calls acts on. */
export function lambdaVpcCallArn(resource: LambdaVpcResource, a: FrontDoorArns): string {
  return resource === '*' ? '*' : a[resource];
}

/** A request that must be denied. */
export interface Denial {
  what: string;
  request: PolicyRequest;
}

/** The resource ARN one front door call acts on. */
export function frontDoorCallArn(resource: FrontDoorResource, a: FrontDoorArns): string {
  return resource === '*' ? '*' : a[resource];
}

/** What a stolen front door credential must not do, in a stack of this layout. */
export function frontDoorDenials(a: FrontDoorArns, layout: FrontDoorLayout): Denial[] {
  const deny = (what: string, action: string, resource: string, context: Record<string, string | string[]> = {}): Denial => ({
    what,
    request: { action, resource, context },
  });
  const otherCluster = a.cluster.replace(/cluster\/[^/]+$/, 'cluster/other');
  return [
    deny('run an arbitrary task', 'ecs:RunTask', a.taskDefinition('admin-tools', 1)),
    deny('open a shell in the task', 'ecs:ExecuteCommand', a.cluster),
    deny('pass a role', 'iam:PassRole', `arn:aws:iam::${a.account}:role/admin`, { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }),
    deny('scale another service', 'ecs:UpdateService', a.service.replace(/[^/]+$/, 'other')),
    deny('point the service at another task family', 'ecs:UpdateService', a.service, {
      'ecs:task-definition': a.taskDefinition('admin-tools', 7),
    }),
    deny('turn on ECS Exec', 'ecs:UpdateService', a.service, { 'ecs:enable-execute-command': 'true' }),
    deny('move the service to another subnet', 'ecs:UpdateService', a.service, { 'ecs:subnet': ['subnet-0cccccccccccccccc'] }),
    layout.taskPublicIp
      ? deny("turn the service's public IP off", 'ecs:UpdateService', a.service, { 'ecs:auto-assign-public-ip': 'false' })
      : deny('give the IPv6-only task a public IP', 'ecs:UpdateService', a.service, { 'ecs:auto-assign-public-ip': 'true' }),
    deny('run the service at 16 vCPU / 120 GB', 'ecs:UpdateService', a.service, { 'ecs:task-cpu': '16384', 'ecs:task-memory': '122880' }),
    deny('delete the service', 'ecs:DeleteService', a.service),
    deny('register a task definition', 'ecs:RegisterTaskDefinition', a.taskDefinition('admin-tools', 1)),
    deny('list tasks of another cluster', 'ecs:ListTasks', '*', { 'ecs:cluster': otherCluster }),
    deny('describe tasks of another cluster', 'ecs:DescribeTasks', a.task.replace(/task\/[^/]+\//, 'task/other/')),
    // In the VPC, Lambda needs DescribeNetworkInterfaces on "*" with no condition (its configuration-vpc page).
    ...(layout.inVpc
      ? []
      : [
          deny('describe network interfaces in another region', 'ec2:DescribeNetworkInterfaces', '*', {
            'aws:RequestedRegion': 'us-east-1',
          }),
        ]),
    ...(layout.inVpc ? lambdaVpcDenials(a) : []),
    deny('stop a task of another cluster', 'ecs:StopTask', a.task.replace(/task\/[^/]+\//, 'task/other/')),
    deny('write another parameter', 'ssm:PutParameter', `arn:aws:ssm:${a.region}:${a.account}:parameter/other/secret`),
    deny('read a secret parameter', 'ssm:GetParameter', `arn:aws:ssm:${a.region}:${a.account}:parameter/prod/db-password`),
    deny('read a secret parameter (GetParameters)', 'ssm:GetParameters', `arn:aws:ssm:${a.region}:${a.account}:parameter/prod/db-password`),
    deny('write to another log group', 'logs:PutLogEvents', `arn:aws:logs:${a.region}:${a.account}:log-group:/ecs/other:log-stream:x`),
    deny('change its own function', 'lambda:UpdateFunctionCode', a.function),
    deny('widen its own policy', 'iam:PutRolePolicy', a.role),
    deny('use another service (S3)', 's3:GetObject', 'arn:aws:s3:::some-bucket/key'),
  ];
}

/** Network interfaces a stolen front door credential must not create or change. */
function lambdaVpcDenials(a: FrontDoorArns): Denial[] {
  const otherVpc = a.vpc.replace(/vpc\/.*$/, 'vpc/vpc-0ccccccccccccccccc');
  const deny = (what: string, action: string, resource: string, context: Record<string, string> = {}): Denial => ({
    what,
    request: { action, resource, context },
  });
  return [
    deny(
      "create a network interface in another VPC's subnet",
      'ec2:CreateNetworkInterface',
      a.subnet.replace(/subnet\/.*$/, 'subnet/subnet-0ccccccccccccccccc'),
      { 'ec2:Vpc': otherVpc },
    ),
    deny(
      'create a network interface with another security group',
      'ec2:CreateNetworkInterface',
      a.frontDoorSecurityGroup.replace(/sg-.*$/, 'sg-0ccccccccccccccccc'),
      { 'ec2:Vpc': a.vpc },
    ),
    deny('delete a network interface of another VPC', 'ec2:DeleteNetworkInterface', a.networkInterface, { 'ec2:Vpc': otherVpc }),
    deny('change a security group', 'ec2:AuthorizeSecurityGroupIngress', a.frontDoorSecurityGroup),
    deny('attach a network interface to an instance', 'ec2:AttachNetworkInterface', a.networkInterface, { 'ec2:Vpc': a.vpc }),
  ];
}

/** What a stolen credential of the idle-check schedule's role must not do. */
export function schedulerDenials(a: FrontDoorArns): Denial[] {
  const deny = (what: string, action: string, resource: string): Denial => ({ what, request: { action, resource, context: {} } });
  return [
    deny('invoke another function', 'lambda:InvokeFunction', a.function.replace(/[^:]+$/, 'other')),
    deny('change the function', 'lambda:UpdateFunctionCode', a.function),
    deny('scale the service itself', 'ecs:UpdateService', a.service),
    deny('run a task', 'ecs:RunTask', a.taskDefinition('admin-tools', 1)),
    deny('open a shell in the task', 'ecs:ExecuteCommand', a.cluster),
    deny('pass a role', 'iam:PassRole', a.role),
  ];
}

type RoleProperties = { Policies?: { PolicyDocument: Json }[] } | undefined;

/** The first inline policy of a resolved role, if the stack has the role. */
function inlinePolicy(resources: Record<string, { Properties: unknown }>, id: string): Json | undefined {
  return (resources[id]?.Properties as RoleProperties)?.Policies?.[0]?.PolicyDocument;
}

/** Actions a policy grants, each once. */
function grantedActions(policy: Json): string[] {
  const statements = ((policy as { Statement?: Json[] }).Statement ?? []) as { Action?: string | string[] }[];
  return [...new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : [])))];
}

/** The front door's and the scheduler's rows for a resolved stack (none when it has no front door). */
export async function frontDoorMatrix(
  resources: Record<string, { Properties: unknown }>,
  a: FrontDoorArns,
  simulate: Simulate,
  taskPublicIp: boolean,
): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = [];
  const row = (r: Omit<MatrixRow, 'surprise'>) => rows.push({ ...r, surprise: r.expected !== r.actual });
  const contextValue = { region: a.region, clusterArn: a.cluster };

  const policy = inlinePolicy(resources, 'FrontDoorRole');
  if (policy) {
    for (const call of FRONT_DOOR_CALLS) {
      const context = Object.fromEntries(Object.entries(call.context ?? {}).map(([k, v]) => [k, contextValue[v]]));
      const request = { action: call.action, resource: frontDoorCallArn(call.resource, a), context };
      row({
        kind: 'allowed',
        what: `front door role, ${call.job}: ${call.where}`,
        action: call.action,
        resource: request.resource,
        expected: true,
        actual: await simulate(policy, request),
        request,
      });
    }
    // In the VPC, Lambda itself calls EC2 with the role for the function's network interfaces.
    const inVpc = (resources['FrontDoorFunction']?.Properties as { VpcConfig?: unknown } | undefined)?.VpcConfig !== undefined;
    const lambdaCalls = inVpc ? LAMBDA_VPC_CALLS : [];
    for (const call of lambdaCalls) {
      const context: Record<string, string> = call.inVpc ? { 'ec2:Vpc': a.vpc } : {};
      const request = { action: call.action, resource: lambdaVpcCallArn(call.resource, a), context };
      row({
        kind: 'allowed',
        what: `front door role, Lambda's network interfaces in the VPC (${call.resource})`,
        action: call.action,
        resource: request.resource,
        expected: true,
        actual: await simulate(policy, request),
        request,
      });
    }
    const called = new Set([...FRONT_DOOR_CALLS, ...lambdaCalls].map((c) => c.action));
    for (const granted of grantedActions(policy)) {
      row({
        kind: 'grant-used',
        what: 'front door role: granted, so the function (or Lambda for it) must call it',
        action: granted,
        resource: '-',
        expected: true,
        actual: called.has(granted),
      });
    }
    for (const d of frontDoorDenials(a, { taskPublicIp, inVpc })) {
      row({
        kind: 'denied',
        what: `front door role: ${d.what}`,
        action: d.request.action,
        resource: d.request.resource,
        expected: false,
        actual: await simulate(policy, d.request),
        request: d.request,
      });
    }
  }

  const scheduler = inlinePolicy(resources, 'FrontDoorSchedulerRole');
  if (scheduler) {
    const request = { action: 'lambda:InvokeFunction', resource: a.function, context: {} };
    row({
      kind: 'allowed',
      what: 'scheduler role: the idle check invokes the front door',
      action: request.action,
      resource: request.resource,
      expected: true,
      actual: await simulate(scheduler, request),
      request,
    });
    for (const granted of grantedActions(scheduler)) {
      row({
        kind: 'grant-used',
        what: 'scheduler role: granted, so the schedule must need it',
        action: granted,
        resource: '-',
        expected: true,
        actual: granted === 'lambda:InvokeFunction',
      });
    }
    for (const d of schedulerDenials(a)) {
      row({
        kind: 'denied',
        what: `scheduler role: ${d.what}`,
        action: d.request.action,
        resource: d.request.resource,
        expected: false,
        actual: await simulate(scheduler, d.request),
        request: d.request,
      });
    }
  }
  return rows;
}
