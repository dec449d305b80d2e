/**
 * verify:iam's check of every policy against the Service Authorization Reference
 * (src/verify/reference.ts), and the rows that prove what the GitHub role can no longer do.
 */
import { compileTemplate } from '../../src/template/compile';
import { iamMatrix } from '../../src/verify/iam-matrix';
import { checkAgainstReference, patternsOverlap, referenceProblems, type PolicyAtLocation } from '../../src/verify/reference';
import { deployedStack } from '../../src/verify/fixtures';
import { s3Bucket } from '../../src/template/s3-bucket';
import { simulateWithIamSimulate, VARIANTS } from '../../scripts/verify-iam';

const policy = (statement: Record<string, unknown>, trust = false): PolicyAtLocation => ({
  where: 'R policy p',
  trust,
  statements: [{ Sid: 'S', Effect: 'Allow', ...statement }],
});
const SERVICE = 'arn:aws:ecs:us-west-2:123456789012:service/app/app';

describe('the reference check', () => {
  it("flags the template's former BoolIfExists on ecs:enable-execute-command, a key of type String", async () => {
    expect(
      await referenceProblems(
        policy({ Action: 'ecs:UpdateService', Resource: SERVICE, Condition: { BoolIfExists: { 'ecs:enable-execute-command': 'false' } } }),
      ),
    ).toEqual(['R policy p S: operator BoolIfExists does not fit ecs:enable-execute-command, a key of type String']);
    expect(
      await referenceProblems(
        policy({
          Action: 'ecs:UpdateService',
          Resource: SERVICE,
          Condition: { StringEqualsIfExists: { 'ecs:enable-execute-command': 'false' } },
        }),
      ),
    ).toEqual([]);
  });

  it('flags a made-up key (iam-simulate evaluates it without complaint) and a real key not listed for the action', async () => {
    expect(
      await referenceProblems(
        policy({ Action: 'ecs:UpdateService', Resource: SERVICE, Condition: { StringEquals: { 'ecs:security-group': 'sg-1' } } }),
      ),
    ).toEqual(['R policy p S: condition key ecs:security-group does not exist in the reference']);
    expect(
      await referenceProblems(
        policy({ Action: 'ecs:UpdateService', Resource: SERVICE, Condition: { StringEquals: { 'ecs:privileged': 'false' } } }),
      ),
    ).toEqual(['R policy p S: condition key ecs:privileged is not listed for ecs:UpdateService']);
    expect(
      await referenceProblems(
        policy({ Action: 'ecs:UpdateService', Resource: SERVICE, Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['app'] } } }),
      ),
    ).toEqual(['R policy p S: condition key aws:TagKeys is not listed for ecs:UpdateService']);
  });

  it("flags operators that do not fit the key's type, and set operators on the wrong kind of key", async () => {
    const problems = await referenceProblems(
      policy({
        Action: 'ecs:UpdateService',
        Resource: SERVICE,
        Condition: {
          NumericEquals: { 'ecs:task-definition': '1' },
          StringEquals: { 'ecs:subnet': 'subnet-1' },
          'ForAllValues:ArnEquals': { 'ecs:task-definition': 'arn:x' },
        },
      }),
    );
    expect(problems).toEqual([
      'R policy p S: operator NumericEquals does not fit ecs:task-definition, a key of type ARN',
      'R policy p S: ecs:subnet is multivalued (ArrayOfString): use ForAllValues: or ForAnyValue: with StringEquals',
      'R policy p S: ForAllValues: on ecs:task-definition, a single-valued key of type ARN',
    ]);
  });

  it('flags an unknown action, a resource of a type the action does not take, and an ARN for a "*"-only action', async () => {
    expect(await referenceProblems(policy({ Action: 'ecs:UpdateServices', Resource: SERVICE }))).toEqual([
      'R policy p S: ecs:UpdateServices: no such action in the reference',
    ]);
    const [wrongType] = await referenceProblems(
      policy({ Action: 'ecs:UpdateService', Resource: 'arn:aws:ecs:us-west-2:123456789012:cluster/app' }),
    );
    expect(wrongType).toMatch(
      /^R policy p S: arn:aws:ecs:us-west-2:123456789012:cluster\/app is not the ARN of a resource type ecs:UpdateService supports \(service: arn:\$\{Partition\}:ecs:/,
    );
    expect(
      await referenceProblems(
        policy({ Action: 'ecs:DescribeTaskDefinition', Resource: 'arn:aws:ecs:us-west-2:123456789012:task-definition/app:1' }),
      ),
    ).toEqual([
      'R policy p S: ecs:DescribeTaskDefinition has no resource types: only "*" applies, not arn:aws:ecs:us-west-2:123456789012:task-definition/app:1',
    ]);
  });

  it("matches a policy ARN with * against the reference's formats as IAM would (a log group's :* covers its streams)", () => {
    const stream = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';
    expect(patternsOverlap('arn:aws:logs:us-west-2:1:log-group:/ecs/app:*', stream)).toBe(true);
    expect(patternsOverlap('arn:aws:logs:us-west-2:1:log-group:/ecs/app', stream)).toBe(false);
    expect(patternsOverlap('arn:aws:s3:::bucket/key', stream)).toBe(false);
  });

  it("accepts the GitHub trust policy's OIDC claims and the service trusts' source keys", async () => {
    expect(
      await referenceProblems(
        policy(
          {
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
              StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' },
            },
          },
          true,
        ),
      ),
    ).toEqual([]);
    expect(
      await referenceProblems(
        policy(
          {
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': '1' }, ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:*' } },
          },
          true,
        ),
      ),
    ).toEqual([]);
  });
});

describe('verify:iam rows', () => {
  const { plain } = compileTemplate();

  it.each(VARIANTS)(
    'checks every policy of the template against the reference, with no problem ($title)',
    async ({ parameters }) => {
      const rows = (await iamMatrix(plain, parameters, simulateWithIamSimulate)).filter((r) => r.kind === 'reference');
      expect(rows.map((r) => r.what.split(':')[0])).toEqual(
        expect.arrayContaining([
          'GitHubDeployRole trust',
          'GitHubDeployRole policy deploy-and-start-stop',
          'DeployerRole policy deployer',
          'TaskExecutionRole trust',
          'TaskRole trust',
        ]),
      );
      expect(rows.filter((r) => !r.actual)).toEqual([]);
    },
    30_000,
  );

  it('proves the GitHub role can no longer update the service, register or read task definitions, pass roles, tag, or change the deployer', async () => {
    const rows = await iamMatrix(plain, {}, simulateWithIamSimulate);
    const denied = (action: string) =>
      rows.filter((r) => r.kind === 'denied' && r.what.startsWith('deploy role:') && r.action === action && !r.actual).length;
    for (const action of [
      'ecs:UpdateService',
      'ecs:RegisterTaskDefinition',
      'ecs:DescribeTaskDefinition',
      'iam:PassRole',
      'ecs:TagResource',
      'lambda:UpdateFunctionCode',
    ]) {
      expect(`${action}: ${denied(action) > 0}`).toBe(`${action}: true`);
    }
  }, 30_000);

  it('has rows for requests that leave condition keys out, as real requests do', async () => {
    const rows = (await iamMatrix(plain, {}, simulateWithIamSimulate)).filter((r) => r.kind === 'absent-key');
    expect(rows.map((r) => [r.what, r.actual])).toEqual([
      ['deployer role: UpdateService with no key at all (start/stop: desiredCount only)', true],
      ['deployer role: UpdateService with only the task definition (deploy)', true],
      ['deployer role: RegisterTaskDefinition without ecs:privileged (no privileged container)', true],
      ['deployer role: RegisterTaskDefinition without ecs:compute-compatibility (EC2 by default)', false],
      ['deployer role: RegisterTaskDefinition without a task size', false],
      ['deployer role: TagResource without ecs:CreateAction (a tag write of its own)', false],
      ['deployer role: PassRole without iam:PassedToService', false],
      ['deployer role: ListTasks without ecs:cluster', false],
      ['deployer role: DescribeTaskDefinition without aws:RequestedRegion', false],
    ]);
  }, 30_000);
});

describe('the reference check on the templates the tests compile with options and modules', () => {
  it.each([
    [
      'secrets from SSM and Secrets Manager',
      compileTemplate(
        {},
        {
          secrets: {
            DB: { ssmParameter: '/shop/db' },
            KEY: { secretsManager: 'arn:aws:secretsmanager:us-west-2:123456789012:secret:shop/key-AbCdEf' },
          },
        },
      ),
    ],
    [
      "a module's bucket the app reads and writes",
      compileTemplate(
        {},
        {
          modules: [
            ({ taskRole }) => {
              const b = s3Bucket('Assets');
              return { ...b.fragment, grants: b.grantReadWrite(taskRole) };
            },
          ],
        },
      ),
    ],
    [
      'other defaults (x86, on-demand, 1 vCPU, no tags, no front door)',
      compileTemplate({
        cpuArchitecture: 'X86_64',
        useFargateSpot: false,
        taskCpu: '1024',
        taskMemory: '4096',
        propagateTags: false,
        publicAccess: 'public-ip',
      }),
    ],
  ])('%s: every policy fits', async (_what, compiled) => {
    const stack = deployedStack(compiled.plain, {});
    const checked = await checkAgainstReference(stack.resolved.resources);
    expect(checked.length).toBeGreaterThanOrEqual(6);
    expect(checked.flatMap((c) => c.problems)).toEqual([]);
  });
});
