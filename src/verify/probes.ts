/**
 * The requests `verify:iam` evaluates beyond the calls the stack's code makes: what a stolen
 * credential of each role must not do (denied), the stack's own values that must stay allowed
 * (controls), requests that leave a condition key out as real requests may (absent keys), and
 * the GitHub tokens the trust policy must admit or refuse.
 */
import { ACCOUNT, HOST, ORG, REGION, REPO, type StackValues } from './fixtures';
import type { PolicyOf, Probe } from './types';

type Context = Record<string, string | string[]>;

const probe =
  (policy: PolicyOf) =>
  (what: string, action: string, resource: string, context: Context = {}): Probe => ({
    what,
    policy,
    request: { action, resource, context },
  });

/**
 * What the GitHub role can no longer do: every ECS write, task-definition read or write, role
 * pass and tag write now belongs to the deployer, and the deployer's code is the template's.
 */
export function githubRoleDenials(v: StackValues): Probe[] {
  const a = v.arns;
  const deny = probe('deploy role');
  const size = { 'ecs:task-cpu': v.taskCpu, 'ecs:task-memory': v.taskMemory };
  return [
    deny('update the service (its desired count, nothing else sent)', 'ecs:UpdateService', a.service),
    deny('point the service at a revision of its own family', 'ecs:UpdateService', a.service, {
      'ecs:task-definition': a.newTaskDefinition,
    }),
    deny("register a revision of the family with the stack's own size on Fargate", 'ecs:RegisterTaskDefinition', a.newTaskDefinition, {
      ...size,
      'ecs:compute-compatibility': ['FARGATE'],
    }),
    deny('read task definitions (their environment in plain text)', 'ecs:DescribeTaskDefinition', '*', { 'aws:RequestedRegion': REGION }),
    deny('pass the task role to ECS tasks', 'iam:PassRole', a.taskRole, { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }),
    deny('pass the execution role to ECS tasks', 'iam:PassRole', a.executionRole, { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }),
    deny('tag a new task definition', 'ecs:TagResource', a.newTaskDefinition, {
      'ecs:CreateAction': 'RegisterTaskDefinition',
      'aws:TagKeys': ['app'],
    }),
    deny("change the deployer's code", 'lambda:UpdateFunctionCode', a.deployer),
    deny("change the deployer's configuration", 'lambda:UpdateFunctionConfiguration', a.deployer),
    deny('invoke another function', 'lambda:InvokeFunction', a.deployer.replace(/[^:]+$/, 'other')),
    deny('describe the service', 'ecs:DescribeServices', a.service),
    deny("read the stack's outputs", 'cloudformation:DescribeStacks', `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/app/1`),
    deny('change the stack', 'cloudformation:UpdateStack', `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/app/1`),
    deny('delete the stack', 'cloudformation:DeleteStack', `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/app/1`),
    deny('push to another repository', 'ecr:PutImage', `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/other`),
    deny('delete the repository', 'ecr:DeleteRepository', a.repository),
    deny('delete images', 'ecr:BatchDeleteImage', a.repository),
    deny('create a role', 'iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/x`),
    deny('widen its own policy', 'iam:PutRolePolicy', a.deployRole),
    deny('attach a managed policy to itself', 'iam:AttachRolePolicy', a.deployRole),
    deny('assume another role', 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/admin`),
    deny('write to S3', 's3:PutObject', 'arn:aws:s3:::some-bucket/key'),
    deny('run an arbitrary task', 'ecs:RunTask', a.newTaskDefinition),
    deny('open a shell in the task', 'ecs:ExecuteCommand', a.cluster),
    deny('delete the log group', 'logs:DeleteLogGroup', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/app`),
  ];
}

/** What a stolen credential of the deployer's role must not do, and of the execution role used as a task role. */
export function deployerDenials(v: StackValues): Probe[] {
  const a = v.arns;
  const ecs = `arn:aws:ecs:${REGION}:${ACCOUNT}`;
  const deny = probe('deployer role');
  const asTaskRole = (what: string, action: string, resource: string): Probe =>
    probe('execution role')(`used as a task role: ${what}`, action, resource);
  const toEcsTasks = { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' };
  const size = { 'ecs:task-cpu': v.taskCpu, 'ecs:task-memory': v.taskMemory };
  const fargate = { ...size, 'ecs:compute-compatibility': ['FARGATE'] };
  return [
    deny('pass another role to ECS tasks', 'iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/admin`, toEcsTasks),
    deny('pass the task role to another service', 'iam:PassRole', a.taskRole, { 'iam:PassedToService': 'ec2.amazonaws.com' }),
    deny('pass the execution role to Lambda', 'iam:PassRole', a.executionRole, { 'iam:PassedToService': 'lambda.amazonaws.com' }),
    deny('update another service in the cluster', 'ecs:UpdateService', `${a.cluster.replace(':cluster/', ':service/')}/other`),
    deny('update a same-named service in another cluster', 'ecs:UpdateService', `${ecs}:service/other/${a.service.split('/').pop()}`),
    deny('point the service at another task family', 'ecs:UpdateService', a.service, {
      'ecs:task-definition': `${ecs}:task-definition/admin-tools:7`,
    }),
    deny('turn on ECS Exec for the service', 'ecs:UpdateService', a.service, { 'ecs:enable-execute-command': 'true' }),
    deny('move the service to another subnet', 'ecs:UpdateService', a.service, { 'ecs:subnet': ['subnet-0cccccccccccccccc'] }),
    deny("add another subnet to the service's own", 'ecs:UpdateService', a.service, {
      'ecs:subnet': [...v.subnets, 'subnet-0cccccccccccccccc'],
    }),
    v.publicIp
      ? deny("turn the service's public IP off", 'ecs:UpdateService', a.service, { 'ecs:auto-assign-public-ip': 'false' })
      : deny('give the IPv6-only task a public IP', 'ecs:UpdateService', a.service, { 'ecs:auto-assign-public-ip': 'true' }),
    deny('switch the service to another capacity provider', 'ecs:UpdateService', a.service, {
      'ecs:capacity-provider': [a.capacityProvider('ec2-instances')],
    }),
    deny('turn on Service Connect', 'ecs:UpdateService', a.service, { 'ecs:enable-service-connect': 'true' }),
    deny('turn on VPC Lattice', 'ecs:UpdateService', a.service, { 'ecs:enable-vpc-lattice': 'true' }),
    deny('attach EBS volumes', 'ecs:UpdateService', a.service, { 'ecs:enable-ebs-volumes': 'true' }),
    deny('run the service at 16 vCPU / 120 GB', 'ecs:UpdateService', a.service, { 'ecs:task-cpu': '16384', 'ecs:task-memory': '122880' }),
    deny('register 16 vCPU / 120 GB in the family (a cost attack)', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, {
      ...fargate,
      'ecs:task-cpu': '16384',
      'ecs:task-memory': '122880',
    }),
    deny("register more memory than the stack's", 'ecs:RegisterTaskDefinition', a.newTaskDefinition, {
      ...fargate,
      'ecs:task-memory': '30720',
    }),
    deny('register a privileged container', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, { ...fargate, 'ecs:privileged': 'true' }),
    deny('register an EC2 task definition', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, {
      ...size,
      'ecs:compute-compatibility': ['EC2'],
    }),
    deny('register an EC2 and Fargate task definition', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, {
      ...size,
      'ecs:compute-compatibility': ['FARGATE', 'EC2'],
    }),
    deny('register another task family', 'ecs:RegisterTaskDefinition', `${ecs}:task-definition/other:1`, fargate),
    deny('tag a new task definition with another key', 'ecs:TagResource', a.newTaskDefinition, {
      'ecs:CreateAction': 'RegisterTaskDefinition',
      'aws:TagKeys': ['app', 'owner'],
    }),
    deny('retag an existing resource', 'ecs:TagResource', a.service, { 'aws:TagKeys': ['app'] }),
    deny('delete the service', 'ecs:DeleteService', a.service),
    deny('delete the cluster', 'ecs:DeleteCluster', a.cluster),
    deny('run an arbitrary task', 'ecs:RunTask', a.newTaskDefinition),
    deny('open a shell in the task', 'ecs:ExecuteCommand', a.cluster),
    deny('describe images of another repository', 'ecr:DescribeImages', `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/other`),
    deny('push an image', 'ecr:PutImage', a.repository),
    deny('change its own code', 'lambda:UpdateFunctionCode', a.deployer),
    deny('widen its own policy', 'iam:PutRolePolicy', a.deployerRole),
    deny('write another parameter', 'ssm:PutParameter', `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/other/secret`),
    deny('describe task definitions in another region', 'ecs:DescribeTaskDefinition', '*', { 'aws:RequestedRegion': 'us-east-1' }),
    deny('list tasks of another cluster', 'ecs:ListTasks', '*', { 'ecs:cluster': `${ecs}:cluster/other` }),
    deny('describe tasks of another cluster', 'ecs:DescribeTasks', `${ecs}:task/other/0123456789abcdef0123456789abcdef`),
    asTaskRole('pull from another repository', 'ecr:BatchGetImage', `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/other`),
    asTaskRole('download layers of another repository', 'ecr:GetDownloadUrlForLayer', `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/other`),
    asTaskRole('push to its own repository', 'ecr:PutImage', a.repository),
    asTaskRole(
      'create a stream in another log group',
      'logs:CreateLogStream',
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/other:log-stream:x`,
    ),
    asTaskRole('write to another log group', 'logs:PutLogEvents', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/other:log-stream:x`),
    asTaskRole('delete its own log group', 'logs:DeleteLogGroup', a.logGroup),
  ];
}

/**
 * Requests with the stack's own values: allowed, so each denial above is about the value it
 * changes, not the request's shape. The execution role's rows are what ECS does with it.
 */
export function controls(v: StackValues, useSpot: boolean): Probe[] {
  const a = v.arns;
  const allow = probe('deployer role');
  const ecsDoes = (what: string, action: string, resource: string): Probe => probe('execution role')(`ECS ${what}`, action, resource);
  return [
    allow('update the service with its own network, capacity and size, all sent', 'ecs:UpdateService', a.service, {
      'ecs:task-definition': a.newTaskDefinition,
      'ecs:subnet': v.subnets,
      'ecs:auto-assign-public-ip': String(v.publicIp),
      'ecs:capacity-provider': [a.capacityProvider(useSpot ? 'FARGATE_SPOT' : 'FARGATE')],
      'ecs:enable-execute-command': 'false',
      'ecs:enable-service-connect': 'false',
      'ecs:enable-vpc-lattice': 'false',
      'ecs:enable-ebs-volumes': 'false',
      'ecs:task-cpu': v.taskCpu,
      'ecs:task-memory': v.taskMemory,
    }),
    allow("register the stack's size on Fargate, privileged false sent", 'ecs:RegisterTaskDefinition', a.newTaskDefinition, {
      'ecs:task-cpu': v.taskCpu,
      'ecs:task-memory': v.taskMemory,
      'ecs:compute-compatibility': ['FARGATE'],
      'ecs:privileged': 'false',
    }),
    ecsDoes('logs in to ECR', 'ecr:GetAuthorizationToken', '*'),
    ecsDoes('pulls the image (manifest)', 'ecr:BatchGetImage', a.repository),
    ecsDoes('pulls the image (layers)', 'ecr:GetDownloadUrlForLayer', a.repository),
    ecsDoes("creates the task's log stream", 'logs:CreateLogStream', a.logStream),
    ecsDoes("writes the app's logs", 'logs:PutLogEvents', a.logStream),
  ];
}

/**
 * Requests that leave a condition key out, as real requests do when the field is not sent
 * (ECS sends `ecs:privileged` only for a privileged container, `ecs:subnet` only when the
 * network changes), with the decision each must get. The matrix supplies keys elsewhere, so
 * these rows show what the IfExists forms and the Null test do when a key is absent.
 */
export function absentKeys(v: StackValues): (Probe & { expected: boolean })[] {
  const a = v.arns;
  const p = probe('deployer role');
  const size = { 'ecs:task-cpu': v.taskCpu, 'ecs:task-memory': v.taskMemory };
  return [
    { ...p('UpdateService with no key at all (start/stop: desiredCount only)', 'ecs:UpdateService', a.service), expected: true },
    {
      ...p('UpdateService with only the task definition (deploy)', 'ecs:UpdateService', a.service, {
        'ecs:task-definition': a.newTaskDefinition,
      }),
      expected: true,
    },
    {
      ...p('RegisterTaskDefinition without ecs:privileged (no privileged container)', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, {
        ...size,
        'ecs:compute-compatibility': ['FARGATE'],
      }),
      expected: true,
    },
    {
      ...p(
        'RegisterTaskDefinition without ecs:compute-compatibility (EC2 by default)',
        'ecs:RegisterTaskDefinition',
        a.newTaskDefinition,
        size,
      ),
      expected: false,
    },
    {
      ...p('RegisterTaskDefinition without a task size', 'ecs:RegisterTaskDefinition', a.newTaskDefinition, {
        'ecs:compute-compatibility': ['FARGATE'],
      }),
      expected: false,
    },
    {
      ...p('TagResource without ecs:CreateAction (a tag write of its own)', 'ecs:TagResource', a.newTaskDefinition, {
        'aws:TagKeys': ['app'],
      }),
      expected: false,
    },
    { ...p('PassRole without iam:PassedToService', 'iam:PassRole', a.taskRole), expected: false },
    { ...p('ListTasks without ecs:cluster', 'ecs:ListTasks', '*'), expected: false },
    { ...p('DescribeTaskDefinition without aws:RequestedRegion', 'ecs:DescribeTaskDefinition', '*'), expected: false },
  ];
}

/** Token claims and whether the trust policy must admit them; a missing `aud` or `sub` is a token without it. */
export function trustCases(
  withIds: boolean,
  environment: string,
): { what: string; sub?: string; aud?: string | null; expected: boolean }[] {
  const name = `repo:${ORG}/${REPO}`;
  const ids = `repo:${ORG}@1234/${REPO}@987654`;
  const absent = [
    { what: 'a token without a sub claim', expected: false },
    { what: 'a token without an aud claim', sub: `${name}:ref:refs/heads/main`, aud: null, expected: false },
  ];
  if (environment !== '') {
    // With a GitHub environment, only jobs in it: its protection rules gate every deploy.
    return [
      { what: `a job in the environment ${environment}`, sub: `${name}:environment:${environment}`, expected: true },
      { what: 'another environment', sub: `${name}:environment:other`, expected: false },
      { what: 'push to main outside the environment', sub: `${name}:ref:refs/heads/main`, expected: false },
      { what: 'release tag outside the environment', sub: `${name}:ref:refs/tags/v1.2.3`, expected: false },
      { what: 'a pull request', sub: `${name}:pull_request`, expected: false },
      ...(withIds ? [{ what: 'immutable claim, the environment', sub: `${ids}:environment:${environment}`, expected: true }] : []),
      ...absent,
    ];
  }
  const cases: { what: string; sub?: string; aud?: string | null; expected: boolean }[] = [
    { what: 'push to the deploy branch', sub: `${name}:ref:refs/heads/main`, expected: true },
    { what: 'release tag', sub: `${name}:ref:refs/tags/v1.2.3`, expected: true },
    { what: 'another branch', sub: `${name}:ref:refs/heads/feature`, expected: false },
    { what: 'a pull request', sub: `${name}:pull_request`, expected: false },
    { what: 'an environment that is not configured', sub: `${name}:environment:production`, expected: false },
    { what: 'another repository of the same org', sub: `repo:${ORG}/other:ref:refs/heads/main`, expected: false },
    { what: 'the same repository name under another org', sub: `repo:evil/${REPO}:ref:refs/heads/main`, expected: false },
    { what: 'the wrong audience (sts.amazon.com)', sub: `${name}:ref:refs/heads/main`, aud: 'sts.amazon.com', expected: false },
    ...absent,
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

/** The claims a token of `c` carries: `aud` sts.amazonaws.com unless told, `sub` when given. */
export function claimsOf(c: { sub?: string; aud?: string | null }): Record<string, string> {
  const claims: Record<string, string> = {};
  if (c.aud !== null) claims[`${HOST}:aud`] = c.aud ?? 'sts.amazonaws.com';
  if (c.sub !== undefined) claims[`${HOST}:sub`] = c.sub;
  return claims;
}
