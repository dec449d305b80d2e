/**
 * Least-privilege rules on resource policies (bucket, key, queue, topic, ECR repository) and
 * on a SAM function's Policies. Fixtures mark each expected finding with `# expect <id>`, as
 * in rules.test.ts; the passing ones also pass real cfn-lint.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplates, lintTexts } from '../../src/lint/index';
import { FIXTURES } from './helpers';

const expected = (text: string): string[] =>
  text.split('\n').flatMap((line, i) => [...line.matchAll(/# expect (FO\d{3})/g)].map((m) => `${i + 1} ${m[1]}`));

async function lintFixture(name: string) {
  const file = join(FIXTURES, name);
  const text = readFileSync(file, 'utf8');
  return { text, findings: await lintTexts([{ file, text }]) };
}

const lint = async (text: string) => lintTexts([{ file: 't.yaml', text }]);

describe.each(['resource-policies', 'sam-policies', 'string-policies', 'more-policies'])('%s', (name) => {
  it('reports exactly the marked lines of the failing template', async () => {
    const { text, findings } = await lintFixture(`${name}.fail.yaml`);
    expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual(expected(text));
  });

  it('reports nothing on the passing template, nor does real cfn-lint', async () => {
    expect((await lintFixture(`${name}.pass.yaml`)).findings).toEqual([]);
    expect((await lintTemplates([join(FIXTURES, `${name}.pass.yaml`)])).findings).toEqual([]);
  }, 60_000);
});

const BUCKET_POLICY = (statement: string) => `Resources:
  Site:
    Type: AWS::S3::Bucket
  SitePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Site
      PolicyDocument:
        Statement:
${statement}
`;

describe('FO107: Principal "*" in an Allow of a resource policy', () => {
  it('says how to fix it', async () => {
    const findings = await lint(
      BUCKET_POLICY('          - { Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: !Sub "${Site.Arn}/*" }'),
    );
    expect(findings.map(({ line, col, severity, rule, message }) => ({ line, col, severity, rule, message }))).toEqual([
      {
        line: 10,
        col: 41,
        severity: 'error',
        rule: 'FO107',
        message:
          'Principal "*" in an Allow statement lets every AWS account (and, for buckets, topics and queues, anonymous callers) use this resource. ' +
          'Name the principals (e.g. { Service: events.amazonaws.com } or a role ARN), or add a condition that restricts who: ' +
          'aws:SourceArn or aws:SourceAccount for a service acting for you, aws:PrincipalOrgID for your organization, aws:SourceVpce for your VPC endpoint. ' +
          'aws:SecureTransport alone restricts how, not who.',
      },
    ]);
  });

  it.each([
    ['aws:PrincipalOrgID', 'StringEquals: { aws:PrincipalOrgID: o-a1b2c3d4e5 }'],
    ['aws:SourceVpce', 'StringEquals: { aws:SourceVpce: vpce-1a2b3c4d }'],
    ['aws:SourceAccount', 'StringEquals: { aws:sourceaccount: !Ref AWS::AccountId }'],
    ['aws:SourceArn', 'ArnLike: { aws:SourceArn: !Sub "arn:aws:cloudfront::${AWS::AccountId}:distribution/*" }'],
  ])('accepts a condition on %s', async (_key, condition) => {
    const st = `          - Effect: Allow\n            Principal: { AWS: "*" }\n            Action: s3:GetObject\n            Resource: !Sub "\${Site.Arn}/*"\n            Condition: { ${condition} }`;
    expect(await lint(BUCKET_POLICY(st))).toEqual([]);
  });

  it.each([
    ['only aws:SecureTransport', 'Bool: { aws:SecureTransport: "true" }'],
    ['a negated test', 'StringNotEquals: { aws:PrincipalOrgID: o-a1b2c3d4e5 }'],
    ['an IfExists test', 'StringEqualsIfExists: { aws:SourceAccount: "123456789012" }'],
    ['a wildcard value', 'StringLike: { aws:SourceArn: "*" }'],
  ])('is not satisfied by %s', async (_what, condition) => {
    const st = `          - Effect: Allow\n            Principal: "*"\n            Action: s3:GetObject\n            Resource: !Sub "\${Site.Arn}/*"\n            Condition: { ${condition} }`;
    expect((await lint(BUCKET_POLICY(st))).map((f) => f.rule)).toEqual(['FO107']);
  });

  it('leaves Deny statements and named principals alone', async () => {
    const deny =
      '          - { Effect: Deny, Principal: "*", Action: "s3:*", Resource: !Sub "${Site.Arn}/*", Condition: { Bool: { aws:SecureTransport: "false" } } }';
    const named =
      '          - { Effect: Allow, Principal: { AWS: !Sub "arn:${AWS::Partition}:iam::111122223333:root" }, Action: s3:GetObject, Resource: !Sub "${Site.Arn}/*" }';
    expect(await lint(BUCKET_POLICY(`${deny}\n${named}`))).toEqual([]);
  });

  it('sees each Fn::If branch of the principal', async () => {
    const text = `Conditions:\n  Public: !Equals [!Ref AWS::Region, us-west-2]\n${BUCKET_POLICY(
      '          - { Effect: Allow, Principal: !If [Public, "*", { Service: cloudfront.amazonaws.com }], Action: s3:GetObject, Resource: !Sub "${Site.Arn}/*" }',
    )}`;
    expect((await lint(text)).map((f) => f.rule)).toEqual(['FO107']);
  });

  it("is suppressed by the resource's Metadata", async () => {
    const text = BUCKET_POLICY(
      '          - { Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: !Sub "${Site.Arn}/*" }',
    ).replace(
      '    Type: AWS::S3::BucketPolicy\n',
      '    Type: AWS::S3::BucketPolicy\n    Metadata:\n      fargate-oidc:\n        ignore_rules: [FO107]\n        reason: public website\n',
    );
    expect(await lint(text)).toEqual([]);
  });
});
