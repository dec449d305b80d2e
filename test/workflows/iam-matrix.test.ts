import { s3Bucket } from '../../src/template/s3-bucket';
import { compileTemplate } from '../../src/template/compile';
import { formatMatrix, iamMatrix, roleGrantLines, type Simulate } from '../../src/verify/iam-matrix';
import { trustShape } from '../../src/verify/trust';
import { simulateWithIamSimulate, VARIANTS } from '../../scripts/verify-iam';

const { plain } = compileTemplate();

describe('verify:iam matrix (iam-simulate)', () => {
  it.each(VARIANTS)(
    'has no surprises with $title',
    async ({ parameters }) => {
      const rows = await iamMatrix(plain, parameters, simulateWithIamSimulate);
      expect(rows.filter((r) => r.surprise)).toEqual([]);
      expect(rows.filter((r) => r.kind === 'allowed').length).toBeGreaterThanOrEqual(20);
      expect(rows.filter((r) => r.kind === 'denied').length).toBeGreaterThanOrEqual(25);
    },
    30_000,
  );

  it('proves the front door role and the scheduler role only when the stack has them', async () => {
    const kinds = async (parameters: Record<string, string>) => {
      const rows = await iamMatrix(plain, parameters, simulateWithIamSimulate);
      return ['front door role', 'scheduler role'].map((role) => rows.filter((r) => r.what.startsWith(role)).length > 0);
    };
    expect(await kinds({})).toEqual([true, true]);
    // The idle check's schedule exists whenever the front door does (it also counts run hours and ends crash loops).
    expect(await kinds({ IdleMinutes: '0' })).toEqual([true, true]);
    expect(await kinds({ PublicAccess: 'public-ip' })).toEqual([false, false]);
  }, 30_000);

  it("proves Lambda's calls for the function's network interfaces only when the function is in the VPC", async () => {
    const lambdaRows = async (parameters: Record<string, string>) =>
      (await iamMatrix(plain, parameters, simulateWithIamSimulate))
        .filter((r) => r.what.includes('network interface'))
        .map((r) => `${r.kind} ${r.action} ${r.surprise ? 'SURPRISE' : 'ok'}`);
    expect(await lambdaRows({})).toEqual([
      'allowed ec2:DescribeNetworkInterfaces ok',
      'allowed ec2:DescribeSubnets ok',
      'allowed ec2:CreateNetworkInterface ok',
      'allowed ec2:CreateNetworkInterface ok',
      'allowed ec2:CreateNetworkInterface ok',
      'allowed ec2:DeleteNetworkInterface ok',
      'allowed ec2:AssignPrivateIpAddresses ok',
      'allowed ec2:UnassignPrivateIpAddresses ok',
      'denied ec2:CreateNetworkInterface ok',
      'denied ec2:CreateNetworkInterface ok',
      'denied ec2:DeleteNetworkInterface ok',
      'denied ec2:AttachNetworkInterface ok',
    ]);
    // Outside the VPC only the public-IP lookup's own denial is left.
    expect(await lambdaRows({ ExistingVpcId: 'vpc-0123456789abcdef0', ExistingSubnetIds: 'subnet-01111111111111111' })).toEqual([
      'denied ec2:DescribeNetworkInterfaces ok',
    ]);
  }, 30_000);

  it('reports a surprise when the policy does not allow a workflow call', async () => {
    const denyAll: Simulate = async () => false;
    const rows = await iamMatrix(plain, {}, denyAll);
    const lines = formatMatrix('t', rows);
    // 10 workflow calls of the GitHub role, 16 deployer calls, 7 controls (requests with the
    // stack's own values), 3 absent-key rows that must stay allowed, 9 front door calls and
    // the scheduler's one invoke.
    expect(lines.at(-1)).toMatch(/^ {2}\d+ checks, 59 surprises$/);
    expect(lines).toContain(
      '  SURPRISE DENY  allowed     ecs:UpdateService                  front door role, both: service-control.ts setDesiredCount  [arn:aws:ecs:us-west-2:123456789012:service/portfolio/portfolio]',
    );
    expect(lines).toContain(
      '  SURPRISE DENY  allowed     ecr:GetAuthorizationToken          deploy role, deploy.yml: amazon-ecr-login  [*] {aws:RequestedRegion=us-west-2}',
    );
  });

  it.each([
    [
      'deployer role: register 16 vCPU / 120 GB in the family (a cost attack)',
      'ecs:RegisterTaskDefinition',
      '{ecs:task-cpu=16384 ecs:task-memory=122880 ecs:compute-compatibility=[FARGATE]}',
    ],
    [
      'deployer role: register a privileged container',
      'ecs:RegisterTaskDefinition',
      '{ecs:task-cpu=256 ecs:task-memory=512 ecs:compute-compatibility=[FARGATE] ecs:privileged=true}',
    ],
    [
      'deployer role: register an EC2 task definition',
      'ecs:RegisterTaskDefinition',
      '{ecs:task-cpu=256 ecs:task-memory=512 ecs:compute-compatibility=[EC2]}',
    ],
    ['deployer role: move the service to another subnet', 'ecs:UpdateService', '{ecs:subnet=[subnet-0cccccccccccccccc]}'],
    [
      "deployer role: add another subnet to the service's own",
      'ecs:UpdateService',
      '{ecs:subnet=[subnet-06666666666666666,subnet-07777777777777777,subnet-0cccccccccccccccc]}',
    ],
    ['deployer role: give the IPv6-only task a public IP', 'ecs:UpdateService', '{ecs:auto-assign-public-ip=true}'],
    [
      'deployer role: switch the service to another capacity provider',
      'ecs:UpdateService',
      '{ecs:capacity-provider=[arn:aws:ecs:us-west-2:123456789012:capacity-provider/ec2-instances]}',
    ],
    ['deployer role: turn on Service Connect', 'ecs:UpdateService', '{ecs:enable-service-connect=true}'],
    ['deployer role: turn on VPC Lattice', 'ecs:UpdateService', '{ecs:enable-vpc-lattice=true}'],
    ['deployer role: attach EBS volumes', 'ecs:UpdateService', '{ecs:enable-ebs-volumes=true}'],
    ['deployer role: run the service at 16 vCPU / 120 GB', 'ecs:UpdateService', '{ecs:task-cpu=16384 ecs:task-memory=122880}'],
    ['execution role: used as a task role: pull from another repository', 'ecr:BatchGetImage', ''],
    ['execution role: used as a task role: write to another log group', 'logs:PutLogEvents', ''],
    ['execution role: used as a task role: create a stream in another log group', 'logs:CreateLogStream', ''],
  ])(
    'denies "%s" (%s), printing the request',
    async (what, action, context) => {
      const rows = await iamMatrix(plain, {}, simulateWithIamSimulate);
      const row = rows.find((r) => r.what === what);
      expect(row).toMatchObject({ kind: 'denied', action, expected: false, actual: false, surprise: false });
      const line = formatMatrix('t', rows).find((l) => l.includes(what));
      expect(line).toMatch(
        new RegExp(
          `^ {2}ok {7}DENY  denied {6}${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +${what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}  \\[[^\\]]+\\]`,
        ),
      );
      expect(line?.endsWith(context ? `] ${context}` : ']')).toBe(true);
    },
    30_000,
  );

  it("allows the stack's own values for every key it denies, and what ECS does with the execution role", async () => {
    const rows = await iamMatrix(plain, {}, simulateWithIamSimulate);
    const controls = rows.filter((r) => r.kind === 'control');
    expect(controls.map((r) => [r.what, r.actual])).toEqual([
      ['deployer role: update the service with its own network, capacity and size, all sent', true],
      ["deployer role: register the stack's size on Fargate, privileged false sent", true],
      ['execution role: ECS logs in to ECR', true],
      ['execution role: ECS pulls the image (manifest)', true],
      ['execution role: ECS pulls the image (layers)', true],
      ["execution role: ECS creates the task's log stream", true],
      ["execution role: ECS writes the app's logs", true],
    ]);
  }, 30_000);

  it("sends the stack's task size and FARGATE with the deployer's RegisterTaskDefinition", async () => {
    const rows = await iamMatrix(plain, { TaskCpu: '1024', TaskMemory: '4096' }, simulateWithIamSimulate);
    const register = rows.find((r) => r.kind === 'allowed' && r.action === 'ecs:RegisterTaskDefinition');
    expect(register?.request?.context).toEqual({
      'ecs:task-cpu': '1024',
      'ecs:task-memory': '4096',
      'ecs:compute-compatibility': ['FARGATE'],
    });
    expect(register?.actual).toBe(true);
  }, 30_000);

  it('reports a surprise when the policy allows a forbidden act', async () => {
    const allowAll: Simulate = async () => true;
    const rows = await iamMatrix(plain, {}, allowAll);
    expect(rows.filter((r) => r.surprise).map((r) => r.what)).toContain('deployer role: delete the cluster');
    expect(rows.filter((r) => r.surprise).map((r) => r.what)).toContain(
      'deploy role: update the service (its desired count, nothing else sent)',
    );
  });
});

describe('trust policy shape', () => {
  const provider = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
  const base = {
    Sid: 'T',
    Effect: 'Allow',
    Principal: { Federated: provider },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main',
      },
    },
  };

  it("accepts the template's form", () => {
    expect(trustShape([base], provider, 'o', 'r')).toEqual([]);
  });

  it.each([
    [
      { ...base, Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } },
      'T: no sub condition (any repository could assume the role)',
    ],
    [
      {
        ...base,
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazon.com',
            'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main',
          },
        },
      },
      'T: aud must be StringEquals sts.amazonaws.com, is ["sts.amazon.com"]',
    ],
    [
      {
        ...base,
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/*' },
        },
      },
      'T: sub repo:o/* does not name one repository',
    ],
    [
      {
        ...base,
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:o/r:pull_request',
          },
        },
      },
      'T: sub repo:o/r:pull_request admits pull requests',
    ],
    [
      {
        ...base,
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:environment:*' },
        },
      },
      'T: sub repo:o/r:environment:* admits every environment',
    ],
    [{ ...base, Condition: { ...base.Condition, 'ForAllValues:StringLike': { x: 'y' } } }, 'T: uses a set operator'],
  ])('flags %#', (statement, problem) => {
    expect(trustShape([statement as typeof base], provider, 'o', 'r')).toContain(problem);
  });
});

describe('grants of the app roles, as verify:iam shows them', () => {
  it("lists a module's grant on the task role and the secrets on the execution role", () => {
    const { plain } = compileTemplate(
      {},
      {
        secrets: { DATABASE_URL: { ssmParameter: '/shop/database-url' } },
        modules: [
          ({ taskRole }) => {
            const b = s3Bucket('Assets');
            return { ...b.fragment, grants: b.grantRead(taskRole) };
          },
        ],
      },
    );
    expect(roleGrantLines(plain)).toEqual([
      'Grants of the task role (the app runs as it):',
      '  ListAssets: s3:ListBucket on <GetAtt Assets.Arn>',
      '  ReadAssets: s3:GetObject on <GetAtt Assets.Arn>/*',
      'Grants of the execution role (ECS starts the task with it: image, logs, secrets):',
      '  EcrLogin: ecr:GetAuthorizationToken on *',
      '  EcrPullThisRepository: ecr:BatchGetImage, ecr:GetDownloadUrlForLayer on arn:aws:ecr:us-west-2:123456789012:repository/portfolio',
      '  LogsWriteThisLogGroup: logs:CreateLogStream, logs:PutLogEvents on arn:aws:logs:us-west-2:123456789012:log-group:/ecs/portfolio:*',
      '  ReadContainerSsmParameters: ssm:GetParameters on arn:aws:ssm:us-west-2:123456789012:parameter/shop/database-url',
      '  DecryptContainerSecretsViaTheirServices: kms:Decrypt on arn:aws:kms:us-west-2:123456789012:key/*',
    ]);
  });
});
