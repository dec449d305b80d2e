import { s3Bucket } from '../../src/template/s3-bucket';
import { compileTemplate } from '../../src/template/compile';
import { formatMatrix, iamMatrix, roleGrantLines, type Simulate } from '../../src/verify/iam-matrix';
import { trustShape } from '../../src/verify/trust';
import { simulateWithIamSimulate, VARIANTS } from '../../scripts/verify-iam';

const { plain } = compileTemplate();

describe('verify:iam matrix (iam-simulate)', () => {
  it.each(VARIANTS)('has no surprises with $title', async ({ parameters }) => {
    const rows = await iamMatrix(plain, parameters, simulateWithIamSimulate);
    expect(rows.filter((r) => r.surprise)).toEqual([]);
    expect(rows.filter((r) => r.kind === 'allowed').length).toBeGreaterThanOrEqual(20);
    expect(rows.filter((r) => r.kind === 'denied').length).toBeGreaterThanOrEqual(25);
  }, 30_000);

  it('reports a surprise when the policy does not allow a workflow call', async () => {
    const denyAll: Simulate = async () => false;
    const rows = await iamMatrix(plain, {}, denyAll);
    const lines = formatMatrix('t', rows);
    expect(lines.at(-1)).toMatch(/^ {2}\d+ checks, 23 surprises$/);
    expect(lines).toContain(
      '  SURPRISE DENY  allowed     ecr:GetAuthorizationToken          deploy.yml: amazon-ecr-login  [*]',
    );
  });

  it('reports a surprise when the policy allows a forbidden act', async () => {
    const allowAll: Simulate = async () => true;
    const rows = await iamMatrix(plain, {}, allowAll);
    expect(rows.filter((r) => r.surprise).map((r) => r.what)).toContain('delete the cluster');
  });
});

describe('trust policy shape', () => {
  const provider = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
  const base = {
    Sid: 'T',
    Effect: 'Allow',
    Principal: { Federated: provider },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main' } },
  };

  it('accepts the template\'s form', () => {
    expect(trustShape([base], provider, 'o', 'r')).toEqual([]);
  });

  it.each([
    [{ ...base, Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }, 'T: no sub condition (any repository could assume the role)'],
    [{ ...base, Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazon.com', 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main' } } }, 'T: aud must be StringEquals sts.amazonaws.com, is ["sts.amazon.com"]'],
    [{ ...base, Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/*' } } }, 'T: sub repo:o/* does not name one repository'],
    [{ ...base, Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:o/r:pull_request' } } }, 'T: sub repo:o/r:pull_request admits pull requests'],
    [{ ...base, Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:environment:*' } } }, 'T: sub repo:o/r:environment:* admits every environment'],
    [{ ...base, Condition: { ...base.Condition, 'ForAllValues:StringLike': { x: 'y' } } }, 'T: uses a set operator'],
  ])('flags %#', (statement, problem) => {
    expect(trustShape([statement as typeof base], provider, 'o', 'r')).toContain(problem);
  });
});

describe('grants of the app roles, as verify:iam shows them', () => {
  it('lists a module\'s grant on the task role and the secrets on the execution role', () => {
    const { plain } = compileTemplate({}, {
      secrets: { DATABASE_URL: { ssmParameter: '/shop/database-url' } },
      modules: [({ taskRole }) => { const b = s3Bucket('Assets'); return { ...b.fragment, grants: b.grantRead(taskRole) }; }],
    });
    expect(roleGrantLines(plain)).toEqual([
      'Grants of the task role (the app runs as it):',
      '  ListAssets: s3:ListBucket on <GetAtt Assets.Arn>',
      '  ReadAssets: s3:GetObject on <GetAtt Assets.Arn>/*',
      'Grants of the execution role (ECS starts the task with it):',
      '  managed policy arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      '  ReadContainerSsmParameters: ssm:GetParameters on arn:aws:ssm:us-west-2:123456789012:parameter/shop/database-url',
      '  DecryptContainerSecretsViaTheirServices: kms:Decrypt on arn:aws:kms:us-west-2:123456789012:key/*',
    ]);
  });
});
