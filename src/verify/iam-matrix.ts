/**
 * The proof behind `npm run verify:iam`: every AWS call the generated workflows make is
 * allowed by the compiled deploy role, with the ARNs a deployed stack has; a list of things
 * nobody should be able to do with it is denied; and the trust policy admits exactly the
 * intended GitHub tokens.
 *
 * The policy evaluator is injected (`Simulate`): the script wires in
 * @cloud-copilot/iam-simulate, an AGPL-3.0 devDependency that the published CLI never loads.
 */
import type { Json } from '../template/cfn';
import { evaluateTemplate } from '../template/evaluate';
import {
  workflowAwsCalls,
  type AwsCall,
  type StackContext,
  type StackContextValue,
  type StackResource,
} from '../workflows/aws-calls';
import { frontDoorArns, frontDoorMatrix, frontDoorPhysical } from './front-door-matrix';
import { trustAllows, trustShape, type TrustStatement } from './trust';

/** One request to evaluate against the deploy role's identity policy. */
export interface PolicyRequest {
  action: string;
  resource: string;
  /** Request context: one value, or a list for multivalued keys (`ecs:subnet`, ...). */
  context: Record<string, string | string[]>;
}

/** Evaluates one request; resolves to true when the policy allows it. */
export type Simulate = (policy: Json, request: PolicyRequest) => Promise<boolean>;

/** One row of the matrix. */
export interface MatrixRow {
  /**
   * `allowed`: a workflow call; `control`: a request with the stack's own values that must stay
   * allowed, so each `denied` row is denied for the value it changes; `grant-used`: a granted
   * action some workflow call needs; `trust`/`trust-shape`: the trust policy.
   */
  kind: 'allowed' | 'control' | 'denied' | 'grant-used' | 'trust' | 'trust-shape';
  /** What the row is about, e.g. the workflow step or the forbidden act. */
  what: string;
  action: string;
  resource: string;
  expected: boolean;
  actual: boolean;
  surprise: boolean;
  /** The request evaluated, for rows that simulate one (its context is printed). */
  request?: PolicyRequest;
}

const ACCOUNT = '123456789012';
const REGION = 'us-west-2';
const ORG = 'my-org';
const REPO = 'portfolio-app';
const HOST = 'token.actions.githubusercontent.com';

/** ARNs and names a stack created from the template with these parameters has. */
export function stackArns(appName: string) {
  const ecs = `arn:aws:ecs:${REGION}:${ACCOUNT}`;
  const iam = `arn:aws:iam::${ACCOUNT}`;
  return {
    provider: `${iam}:oidc-provider/${HOST}`,
    deployRole: `${iam}:role/${appName}-github-deploy-${REGION}`,
    executionRole: `${iam}:role/${appName}-task-execution-${REGION}`,
    taskRole: `${iam}:role/${appName}-task-${REGION}`,
    repository: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${appName}`,
    cluster: `${ecs}:cluster/${appName}`,
    service: `${ecs}:service/${appName}/${appName}`,
    task: `${ecs}:task/${appName}/0123456789abcdef0123456789abcdef`,
    newTaskDefinition: `${ecs}:task-definition/${appName}:42`,
    logGroup: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/${appName}:*`,
    logStream: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/${appName}:log-stream:app/app/0123456789abcdef`,
    capacityProvider: (name: string) => `${ecs}:capacity-provider/${name}`,
  };
}

/** Subnets of the VPC the stack creates (PublicSubnetA, PublicSubnetB). */
export const CREATED_SUBNETS = ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'] as const;

type Arns = ReturnType<typeof stackArns>;
type StackResourceArns = Omit<Arns, 'capacityProvider'>;

function physical(appName: string, a: Arns): Record<string, Record<string, string>> {
  return {
    ...frontDoorPhysical(appName, frontDoorArns(appName, REGION, ACCOUNT)),
    GitHubOidcProvider: { Ref: a.provider },
    GitHubDeployRole: { Arn: a.deployRole },
    TaskExecutionRole: { Arn: a.executionRole },
    TaskRole: { Arn: a.taskRole },
    Repository: { Ref: appName, Arn: a.repository, RepositoryUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${appName}` },
    Cluster: { Ref: appName, Arn: a.cluster },
    Service: { Ref: a.service, Name: appName },
    LogGroup: { Ref: `/ecs/${appName}`, Arn: a.logGroup },
    PublicSubnetA: { Ref: CREATED_SUBNETS[0] },
    PublicSubnetB: { Ref: CREATED_SUBNETS[1] },
  };
}

function resourceArn(r: StackResource, a: StackResourceArns): string {
  return r === '*' ? '*' : a[r];
}

/** The stack's own values a request may carry. */
interface StackValues {
  arns: Arns;
  /** The stack's `TaskCpu` and `TaskMemory` parameters. */
  taskCpu: string;
  taskMemory: string;
  /** The subnets the service runs in (created, or `ExistingSubnetIds`). */
  subnets: string[];
}

function contextValue(what: StackContextValue, v: StackValues): string {
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

function contextValues(c: StackContext | undefined, v: StackValues): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, what] of Object.entries(c ?? {})) {
    out[key] = Array.isArray(what) ? what.map((w) => contextValue(w, v)) : contextValue(what, v);
  }
  return out;
}

/** Which role's identity policy a request is evaluated against. */
export type PolicyOf = 'deploy role' | 'execution role';

/** A request that is not a workflow call, with the decision it must get. */
interface Probe {
  what: string;
  policy: PolicyOf;
  request: PolicyRequest;
}

/** Requests that must be denied: what a stolen workflow token must not be able to do. */
export function forbidden(v: StackValues): Probe[] {
  const a = v.arns;
  const ecs = `arn:aws:ecs:${REGION}:${ACCOUNT}`;
  const other = (what: string, action: string, resource: string, context: Record<string, string | string[]> = {}): Probe => ({
    what,
    policy: 'deploy role',
    request: { action, resource, context },
  });
  const asTaskRole = (what: string, action: string, resource: string): Probe => ({
    what: `used as a task role: ${what}`,
    policy: 'execution role',
    request: { action, resource, context: {} },
  });
  const toEcsTasks = { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' };
  const size = { 'ecs:task-cpu': v.taskCpu, 'ecs:task-memory': v.taskMemory };
  const fargate = { ...size, 'ecs:compute-compatibility': ['FARGATE'] };
  return [
    other('pass another role to ECS tasks', 'iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/admin`, toEcsTasks),
    other('pass the task role to another service', 'iam:PassRole', a.taskRole, { 'iam:PassedToService': 'ec2.amazonaws.com' }),
    other('pass the execution role to Lambda', 'iam:PassRole', a.executionRole, { 'iam:PassedToService': 'lambda.amazonaws.com' }),
    other('update another service in the cluster', 'ecs:UpdateService', `${a.cluster.replace(':cluster/', ':service/')}/other`),
    other('update a same-named service in another cluster', 'ecs:UpdateService', `${ecs}:service/other/${a.service.split('/').pop()}`),
    other('point the service at another task family', 'ecs:UpdateService', a.service, { 'ecs:task-definition': `${ecs}:task-definition/admin-tools:7` }),
    other('turn on ECS Exec for the service', 'ecs:UpdateService', a.service, { 'ecs:enable-execute-command': 'true' }),
    other('move the service to another subnet', 'ecs:UpdateService', a.service, { 'ecs:subnet': ['subnet-0cccccccccccccccc'] }),
    other('add another subnet to the service\'s own', 'ecs:UpdateService', a.service, { 'ecs:subnet': [...v.subnets, 'subnet-0cccccccccccccccc'] }),
    other('turn the service\'s public IP off', 'ecs:UpdateService', a.service, { 'ecs:auto-assign-public-ip': 'false' }),
    other('switch the service to another capacity provider', 'ecs:UpdateService', a.service, { 'ecs:capacity-provider': [a.capacityProvider('ec2-instances')] }),
    other('turn on Service Connect', 'ecs:UpdateService', a.service, { 'ecs:enable-service-connect': 'true' }),
    other('turn on VPC Lattice', 'ecs:UpdateService', a.service, { 'ecs:enable-vpc-lattice': 'true' }),
    other('attach EBS volumes', 'ecs:UpdateService', a.service, { 'ecs:enable-ebs-volumes': 'true' }),
    other('run the service at 16 vCPU / 120 GB', 'ecs:UpdateService', a.service, { 'ecs:task-cpu': '16384', 'ecs:task-memory': '122880' }),
    other('register 16 vCPU / 120 GB in the family (a cost attack)', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, { ...fargate, 'ecs:task-cpu': '16384', 'ecs:task-memory': '122880' }),
    other('register more memory than the stack\'s', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, { ...fargate, 'ecs:task-memory': '30720' }),
    other('register a privileged container', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, { ...fargate, 'ecs:privileged': 'true' }),
    other('register an EC2 task definition', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, { ...size, 'ecs:compute-compatibility': ['EC2'] }),
    other('register an EC2 and Fargate task definition', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, { ...size, 'ecs:compute-compatibility': ['FARGATE', 'EC2'] }),
    other('register without requiresCompatibilities (EC2 by default)', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, size),
    other('register without a task size', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, { 'ecs:compute-compatibility': ['FARGATE'] }),
    other('delete the service', 'ecs:DeleteService', a.service),
    other('delete the cluster', 'ecs:DeleteCluster', a.cluster),
    other('run an arbitrary task', 'ecs:RunTask', a.newTaskDefinition),
    other('open a shell in the task', 'ecs:ExecuteCommand', a.cluster),
    other('register another task family', 'ecs:RegisterTaskDefinition', `${ecs}:task-definition/other:1`, fargate),
    other('retag an existing resource', 'ecs:TagResource', a.service),
    other('push to another repository', 'ecr:PutImage', `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/other`),
    other('delete the repository', 'ecr:DeleteRepository', a.repository),
    other('delete images', 'ecr:BatchDeleteImage', a.repository),
    other('create a role', 'iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/x`),
    other('widen its own policy', 'iam:PutRolePolicy', a.deployRole),
    other('attach a managed policy to itself', 'iam:AttachRolePolicy', a.deployRole),
    other('assume another role', 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/admin`),
    other('write to S3', 's3:PutObject', 'arn:aws:s3:::some-bucket/key'),
    other('start an EC2 instance', 'ec2:RunInstances', `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`),
    other('open a security group', 'ec2:AuthorizeSecurityGroupIngress', `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0123456789abcdef0`),
    other('change the stack', 'cloudformation:UpdateStack', `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/app/1`),
    other('delete the stack', 'cloudformation:DeleteStack', `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/app/1`),
    other('delete the log group', 'logs:DeleteLogGroup', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/app`),
    other('describe task definitions in another region', 'ecs:DescribeTaskDefinition', '*', { 'aws:RequestedRegion': 'us-east-1' }),
    other('list tasks of another cluster', 'ecs:ListTasks', '*', { 'ecs:cluster': `${ecs}:cluster/other` }),
    other('describe tasks of another cluster', 'ecs:DescribeTasks', `${ecs}:task/other/0123456789abcdef0123456789abcdef`),
    asTaskRole('pull from another repository', 'ecr:BatchGetImage', `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/other`),
    asTaskRole('download layers of another repository', 'ecr:GetDownloadUrlForLayer', `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/other`),
    asTaskRole('push to its own repository', 'ecr:PutImage', a.repository),
    asTaskRole('create a stream in another log group', 'logs:CreateLogStream', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/other:log-stream:x`),
    asTaskRole('write to another log group', 'logs:PutLogEvents', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/other:log-stream:x`),
    asTaskRole('delete its own log group', 'logs:DeleteLogGroup', a.logGroup),
  ];
}

/**
 * Requests with the stack's own values: allowed, so each denial above is about the value it
 * changes, not the request's shape. The execution role's rows are what ECS does with it.
 */
function controls(v: StackValues, useSpot: boolean): Probe[] {
  const a = v.arns;
  const deploy = (what: string, action: string, resource: string, context: Record<string, string | string[]>): Probe => ({
    what,
    policy: 'deploy role',
    request: { action, resource, context },
  });
  const ecsDoes = (what: string, action: string, resource: string): Probe => ({
    what: `ECS ${what}`,
    policy: 'execution role',
    request: { action, resource, context: {} },
  });
  return [
    deploy('update the service with its own network, capacity and size, all sent', 'ecs:UpdateService', a.service, {
      'ecs:task-definition': a.newTaskDefinition,
      'ecs:subnet': v.subnets,
      'ecs:auto-assign-public-ip': 'true',
      'ecs:capacity-provider': [a.capacityProvider(useSpot ? 'FARGATE_SPOT' : 'FARGATE')],
      'ecs:enable-execute-command': 'false',
      'ecs:enable-service-connect': 'false',
      'ecs:enable-vpc-lattice': 'false',
      'ecs:enable-ebs-volumes': 'false',
      'ecs:task-cpu': v.taskCpu,
      'ecs:task-memory': v.taskMemory,
    }),
    deploy('register the stack\'s size on Fargate, privileged false sent', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, {
      'ecs:task-cpu': v.taskCpu,
      'ecs:task-memory': v.taskMemory,
      'ecs:compute-compatibility': ['FARGATE'],
      'ecs:privileged': 'false',
    }),
    ecsDoes('logs in to ECR', 'ecr:GetAuthorizationToken', '*'),
    ecsDoes('pulls the image (manifest)', 'ecr:BatchGetImage', a.repository),
    ecsDoes('pulls the image (layers)', 'ecr:GetDownloadUrlForLayer', a.repository),
    ecsDoes('creates the task\'s log stream', 'logs:CreateLogStream', a.logStream),
    ecsDoes('writes the app\'s logs', 'logs:PutLogEvents', a.logStream),
  ];
}

/** Token claims and whether the trust policy must admit them. */
function trustCases(withIds: boolean, environment: string): { what: string; sub: string; aud?: string; expected: boolean }[] {
  const name = `repo:${ORG}/${REPO}`;
  const ids = `repo:${ORG}@1234/${REPO}@987654`;
  if (environment !== '') {
    // With a GitHub environment, only jobs in it: its protection rules gate every deploy.
    return [
      { what: `a job in the environment ${environment}`, sub: `${name}:environment:${environment}`, expected: true },
      { what: 'another environment', sub: `${name}:environment:other`, expected: false },
      { what: 'push to main outside the environment', sub: `${name}:ref:refs/heads/main`, expected: false },
      { what: 'release tag outside the environment', sub: `${name}:ref:refs/tags/v1.2.3`, expected: false },
      { what: 'a pull request', sub: `${name}:pull_request`, expected: false },
      ...(withIds ? [{ what: 'immutable claim, the environment', sub: `${ids}:environment:${environment}`, expected: true }] : []),
    ];
  }
  const cases = [
    { what: 'push to the deploy branch', sub: `${name}:ref:refs/heads/main`, expected: true },
    { what: 'release tag', sub: `${name}:ref:refs/tags/v1.2.3`, expected: true },
    { what: 'another branch', sub: `${name}:ref:refs/heads/feature`, expected: false },
    { what: 'a pull request', sub: `${name}:pull_request`, expected: false },
    { what: 'an environment that is not configured', sub: `${name}:environment:production`, expected: false },
    { what: 'another repository of the same org', sub: `repo:${ORG}/other:ref:refs/heads/main`, expected: false },
    { what: 'the same repository name under another org', sub: `repo:evil/${REPO}:ref:refs/heads/main`, expected: false },
    { what: 'the wrong audience (sts.amazon.com)', sub: `${name}:ref:refs/heads/main`, aud: 'sts.amazon.com', expected: false },
  ];
  if (withIds) {
    cases.push(
      { what: 'immutable claim, deploy branch', sub: `${ids}:ref:refs/heads/main`, expected: true },
      { what: 'immutable claim, release tag', sub: `${ids}:ref:refs/tags/v2.0.0`, expected: true },
      { what: 'immutable claim, another repository id', sub: `repo:${ORG}@1234/${REPO}@111:ref:refs/heads/main`, expected: false },
      { what: 'immutable claim, another owner id', sub: `repo:${ORG}@4321/${REPO}@987654:ref:refs/heads/main`, expected: false },
    );
  } else {
    cases.push({ what: 'immutable claim without ids configured', sub: `${ids}:ref:refs/heads/main`, expected: false });
  }
  return cases;
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
  const params: Record<string, string> = { GitHubOrg: ORG, GitHubRepo: REPO, ...parameters };
  const defaults = plain['Parameters'] as Record<string, { Default?: string }>;
  const param = (name: string, fallback: string): string => params[name] ?? defaults[name]?.Default ?? fallback;
  const appName = param('AppName', 'app');
  const a = stackArns(appName);
  const existingSubnets = params['ExistingSubnetIds'];
  const values: StackValues = {
    arns: a,
    taskCpu: param('TaskCpu', '256'),
    taskMemory: param('TaskMemory', '512'),
    subnets: existingSubnets ? existingSubnets.split(',') : [...CREATED_SUBNETS],
  };
  const stack = evaluateTemplate(plain, {
    parameters: params,
    pseudo: { 'AWS::AccountId': ACCOUNT, 'AWS::Region': REGION },
    physical: physical(appName, a),
  });
  const role = stack.resources['GitHubDeployRole']?.Properties as
    | { AssumeRolePolicyDocument: { Statement: TrustStatement[] }; Policies: { PolicyDocument: Json }[] }
    | undefined;
  if (!role) throw new Error('the template has no GitHubDeployRole');
  const policy = role.Policies[0]?.PolicyDocument;
  if (!policy) throw new Error('GitHubDeployRole has no inline policy');
  const execution = stack.resources['TaskExecutionRole']?.Properties as { Policies?: { PolicyDocument: Json }[] } | undefined;
  const executionPolicy = execution?.Policies?.[0]?.PolicyDocument;
  if (!executionPolicy) throw new Error('TaskExecutionRole has no inline policy');
  const policyOf = (p: PolicyOf): Json => (p === 'deploy role' ? policy : executionPolicy);

  const rows: MatrixRow[] = [];
  const row = (r: Omit<MatrixRow, 'surprise'>) => rows.push({ ...r, surprise: r.expected !== r.actual });

  const calls: AwsCall[] = workflowAwsCalls({ propagateTags: params['PropagateTags'] !== 'false' });
  for (const call of calls) {
    const request = { action: call.action, resource: resourceArn(call.resource, a), context: contextValues(call.context, values) };
    row({ kind: 'allowed', what: `${call.workflow}: ${call.step}`, action: call.action, resource: request.resource, expected: true, actual: await simulate(policy, request), request });
  }
  // Exactly, not at least: every action the role is granted must be one a workflow calls.
  const called = new Set(calls.map((c) => c.action));
  const statements = ((policy as { Statement?: Json[] }).Statement ?? []) as { Action?: string | string[] }[];
  for (const granted of new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : [])))) {
    row({ kind: 'grant-used', what: 'granted, so a workflow call above must need it', action: granted, resource: '-', expected: true, actual: called.has(granted) });
  }
  if (params['PropagateTags'] === 'false') {
    const request = { action: 'ecs:TagResource', resource: a.newTaskDefinition, context: { 'ecs:CreateAction': 'RegisterTaskDefinition' } };
    row({ kind: 'denied', what: 'tag task definitions when PropagateTags is false', action: request.action, resource: request.resource, expected: false, actual: await simulate(policy, request) });
  }
  for (const f of forbidden(values)) {
    row({ kind: 'denied', what: `${f.policy}: ${f.what}`, action: f.request.action, resource: f.request.resource, expected: false, actual: await simulate(policyOf(f.policy), f.request), request: f.request });
  }
  for (const c of controls(values, params['UseFargateSpot'] !== 'false')) {
    row({ kind: 'control', what: `${c.policy}: ${c.what}`, action: c.request.action, resource: c.request.resource, expected: true, actual: await simulate(policyOf(c.policy), c.request), request: c.request });
  }

  // The front door's role and the idle check's scheduler role (PublicAccess https).
  for (const r of await frontDoorMatrix(stack.resources, frontDoorArns(appName, REGION, ACCOUNT), simulate)) rows.push(r);

  const trust = role.AssumeRolePolicyDocument.Statement;
  const withIds = Boolean(params['GitHubOwnerId'] && params['GitHubRepoId']);
  for (const c of trustCases(withIds, params['GitHubEnvironment'] ?? '')) {
    const claims = { [`${HOST}:aud`]: c.aud ?? 'sts.amazonaws.com', [`${HOST}:sub`]: c.sub };
    row({ kind: 'trust', what: c.what, action: 'sts:AssumeRoleWithWebIdentity', resource: c.sub, expected: c.expected, actual: trustAllows(trust, a.provider, claims) });
  }
  for (const problem of trustShape(trust, a.provider, ORG, REPO)) {
    row({ kind: 'trust-shape', what: problem, action: 'sts:AssumeRoleWithWebIdentity', resource: a.deployRole, expected: true, actual: false });
  }
  return rows;
}

/** The matrix as aligned text lines, surprises marked. */
export function formatMatrix(title: string, rows: MatrixRow[]): string[] {
  const lines = [title];
  for (const r of rows) {
    const verdict = r.kind === 'grant-used' ? (r.actual ? 'USED ' : 'SPARE') : r.actual ? 'ALLOW' : 'DENY ';
    const mark = r.surprise ? 'SURPRISE' : 'ok      ';
    const context = Object.entries(r.request?.context ?? {}).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : v}`);
    const sent = context.length > 0 ? ` {${context.join(' ')}}` : '';
    lines.push(`  ${mark} ${verdict} ${r.kind.padEnd(11)} ${r.action.padEnd(34)} ${r.what}  [${r.resource}]${sent}`);
  }
  const surprises = rows.filter((r) => r.surprise).length;
  lines.push(`  ${rows.length} checks, ${surprises} surprise${surprises === 1 ? '' : 's'}`);
  return lines;
}

/**
 * What the app's own roles may do, one line per statement (resolved with the matrix's stack),
 * so grants from modules and secrets show beside the deploy role's proof.
 */
export function roleGrantLines(plain: { [key: string]: Json }, parameters: Record<string, string> = {}): string[] {
  const params: Record<string, string> = { GitHubOrg: ORG, GitHubRepo: REPO, ...parameters };
  const appName = params['AppName'] ?? (plain['Parameters'] as Record<string, { Default?: string }>)['AppName']?.Default ?? 'app';
  const a = stackArns(appName);
  const stack = evaluateTemplate(plain, {
    parameters: params,
    pseudo: { 'AWS::AccountId': ACCOUNT, 'AWS::Region': REGION },
    physical: physical(appName, a),
  });
  const lines: string[] = [];
  for (const [id, what] of [['TaskRole', 'task role (the app runs as it)'], ['TaskExecutionRole', 'execution role (ECS starts the task with it)']] as const) {
    const props = stack.resources[id]?.Properties as { Policies?: { PolicyDocument: { Statement: Json[] } }[]; ManagedPolicyArns?: string[] } | undefined;
    const statements = (props?.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement) as { Sid?: string; Action?: string | string[]; Resource?: string | string[] }[];
    lines.push(`Grants of the ${what}: ${statements.length === 0 ? 'none' : ''}`.trimEnd());
    for (const arn of props?.ManagedPolicyArns ?? []) lines.push(`  managed policy ${arn}`);
    for (const s of statements) {
      const actions = Array.isArray(s.Action) ? s.Action.join(', ') : s.Action;
      const resources = Array.isArray(s.Resource) ? s.Resource.join(', ') : s.Resource;
      lines.push(`  ${s.Sid ?? '(no Sid)'}: ${actions} on ${resources}`);
    }
  }
  return lines;
}
