import { Fn, statementIf, type PolicyStatement } from '../../src/template/cfn';
import { compileTemplate } from '../../src/template/compile';
import { DuplicateSidError, grant, mergeStatements, RolePolicyTooLargeError } from '../../src/template/grants';
import { rolePolicySizes, ROLE_INLINE_POLICY_LIMIT } from '../../src/template/policy-size';
import { buildTemplate, type TemplateModule } from '../../src/template';

const read = (bucket: string): PolicyStatement => ({
  Sid: 'ReadReports',
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: `arn:aws:s3:::${bucket}/*`,
});

describe('mergeStatements (as aws-cdk-lib merges)', () => {
  it('joins the Resources of statements with the same Sid and Actions', () => {
    expect(mergeStatements([read('a'), read('b'), read('a')])).toEqual([
      { Sid: 'ReadReports', Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'] },
    ]);
  });

  it('joins the Actions of statements with the same Sid and Resources', () => {
    const list: PolicyStatement = { ...read('a'), Action: 's3:ListBucket' };
    expect(mergeStatements([read('a'), list])).toEqual([{ ...read('a'), Action: ['s3:GetObject', 's3:ListBucket'] }]);
  });

  it('keeps apart statements with another Sid, Condition or Effect, both sets different, or inside Fn::If', () => {
    const entries = [
      read('a'),
      { ...read('b'), Sid: 'ReadOther' },
      { ...read('c'), Condition: { StringEquals: { 'aws:ResourceAccount': '123456789012' } } },
      { ...read('d'), Effect: 'Deny' as const },
      { ...read('e'), Action: 's3:PutObject' },
      statementIf('HasReports', read('f')),
    ];
    expect(mergeStatements(entries)).toEqual(entries);
  });
});

describe('role policies at build', () => {
  const module =
    (statements: PolicyStatement[]): TemplateModule =>
    ({ taskRole }) => ({ grants: grant(taskRole, ...statements) });

  it('merges a module that grants under one Sid twice into one statement of the task role', () => {
    const resources = compileTemplate({}, { modules: [module([read('a'), read('b')])] }).plain['Resources'] as Record<
      string,
      { Properties: Record<string, unknown> }
    >;
    expect(resources['TaskRole']?.Properties['Policies']).toEqual([
      {
        PolicyName: 'app',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Sid: 'ReadReports', Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'] }],
        },
      },
    ]);
  });

  it('refuses two statements with one Sid that cannot merge, naming the role, the policy and the fix', () => {
    const build = (): unknown => buildTemplate({}, { modules: [module([read('a'), { ...read('b'), Action: 's3:PutObject' }])] });
    expect(build).toThrow(DuplicateSidError);
    expect(build).toThrow(
      'modules: role TaskRole, policy app: two statements have Sid ReadReports, and a Sid must be unique in a policy. ' +
        'Give one of them another Sid, or grant both under one Sid with the same Actions or the same Resources so they merge.',
    );
  });

  it("refuses a task role whose inline policies pass IAM's 10,240 characters", () => {
    const many = Array.from(
      { length: 60 },
      (_, i): PolicyStatement => ({
        Sid: `Queue${i}`,
        Effect: 'Allow',
        Action: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
        Resource: Fn.Sub(`arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${AppName}-queue-number-${i}`) as never,
      }),
    );
    const build = (): unknown => buildTemplate({}, { modules: [module(many)] });
    expect(build).toThrow(RolePolicyTooLargeError);
    expect(build).toThrow(
      /^modules: role TaskRole: its inline policies come to about [\d,]+ characters, over IAM's 10,240-character limit for all inline policies of a role \(white space not counted\)/,
    );
    expect(() => buildTemplate({}, { modules: [module(many.slice(0, 20))] })).not.toThrow();
  });

  it('keeps every role of the default template well within the limit', () => {
    for (const { role, characters } of rolePolicySizes(compileTemplate().plain)) {
      expect([role, characters < ROLE_INLINE_POLICY_LIMIT / 2]).toEqual([role, true]);
    }
  });
});
