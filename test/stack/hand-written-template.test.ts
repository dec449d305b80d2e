/**
 * A hand-written template's Rules reach the local check in their long form: the deploy reads
 * `--template-file` through the lint's decoder (cfn-lint's short-tag rule), not through a
 * YAML reader that turns `!Equals [!Ref P, a]` into `["P", "a"]`.
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeStacksCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { deletionPolicies } from '../../src/stack/destroy-plan';
import { checkTemplateValues } from '../../src/template/parameter-rules';
import { templateFromFile } from '../../src/stack/template';

const HAND_WRITTEN = [
  'Parameters:',
  '  Stage:',
  '    Type: String',
  '    Default: dev',
  'Rules:',
  '  NotBad:',
  '    Assertions:',
  '      - Assert: !Not [!Equals [!Ref Stage, bad]]',
  '        AssertDescription: Stage must not be bad',
  '  KnownStage:',
  '    Assertions:',
  '      - Assert: !Contains [[dev, prod, bad], !Ref Stage]',
  '        AssertDescription: Stage is dev or prod',
  'Resources:',
  '  Topic:',
  '    Type: AWS::SNS::Topic',
  '    DeletionPolicy: Retain',
  '    Properties:',
  '      DisplayName: !Sub "${Stage} topic',
  '  with a continuation line indented less than its key"',
].join('\n');

const template = templateFromFile('t.yaml', () => HAND_WRITTEN);

describe('a hand-written --template-file', () => {
  it('keeps its Rules as Fn:: forms', () => {
    expect(template.checked.Rules?.['NotBad']).toEqual({
      Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Stage' }, 'bad'] }] }, AssertDescription: 'Stage must not be bad' }],
    });
    expect(template.checked.Rules?.['KnownStage']).toEqual({
      Assertions: [{ Assert: { 'Fn::Contains': [['dev', 'prod', 'bad'], { Ref: 'Stage' }] }, AssertDescription: 'Stage is dev or prod' }],
    });
  });

  it('has its values checked against those Rules before any API call', () => {
    const check = (stage: string): string[] =>
      checkTemplateValues(template.checked, new Map([['Stage', stage]])).map((p) => `${p.rule}: ${p.message}`);
    expect(check('dev')).toEqual([]);
    expect(check('bad')).toEqual([expect.stringMatching(/^NotBad: .*Stage must not be bad/)]);
    expect(check('test')).toEqual([expect.stringMatching(/^KnownStage: .*Stage is dev or prod/)]);
  });

  it('is refused with the line and column of a duplicate key, as cfn-lint and CloudFormation refuse it', () => {
    expect(() =>
      templateFromFile('d.yaml', () => 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n  T:\n    Type: AWS::SQS::Queue\n'),
    ).toThrow(
      '--template-file d.yaml is not valid YAML (line 4, column 3): Duplicate key: the same key appears twice in one mapping (CloudFormation rejects the template). Fix it there: cfn-lint and CloudFormation would reject it too.',
    );
  });
});

describe("destroy's reading of the stack's template", () => {
  it('reads DeletionPolicy from a template cfn-lint reads, short tags and lax indentation included', () => {
    expect([...deletionPolicies(HAND_WRITTEN)]).toEqual([['Topic', 'Retain']]);
  });
});

describe('deploy --template-file with a hand-written template', () => {
  it('refuses, before any API call, a value its Rules reject: !Not [!Equals ...] and !Contains both work', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hand-written-')), 't.yaml');
    writeFileSync(file, HAND_WRITTEN);
    const cfn = mockClient(CloudFormationClient);
    try {
      const run = async (stage: string) => {
        const err: string[] = [];
        const code = await main(
          ['deploy', '--stack-name', 'web', '--region', 'us-east-1', '--template-file', file, '--parameter', `Stage=${stage}`, '--yes'],
          () => undefined,
          (l) => err.push(l),
        );
        return { code, err: err.filter((l) => !l.startsWith('note:')) };
      };
      expect(await run('bad')).toEqual({
        code: 2,
        err: ['fargate-oidc deploy: Parameter Stage="bad": Stage must not be bad (rule NotBad)'],
      });
      expect(await run('test')).toEqual({
        code: 2,
        err: ['fargate-oidc deploy: Parameter Stage="test": Stage is dev or prod (rule KnownStage)'],
      });
      expect(cfn.calls()).toHaveLength(0);
    } finally {
      cfn.restore();
    }
  });
});

describe('deploy --template-file: a rule only CloudFormation can decide', () => {
  it('is named in a Note line once the stack is read, as url and publish name it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hand-written-')), 'reads-aws.json');
    writeFileSync(
      file,
      JSON.stringify({
        Parameters: { Vpc: { Type: 'AWS::EC2::VPC::Id' } },
        Rules: {
          TaggedVpc: {
            Assertions: [
              {
                Assert: { 'Fn::Contains': [['prod'], { 'Fn::ValueOf': ['Vpc', 'Tags.Stage'] }] },
                AssertDescription: 'The VPC is tagged prod.',
              },
            ],
          },
        },
        Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
      }),
    );
    const cfn = mockClient(CloudFormationClient);
    cfn.on(ValidateTemplateCommand).resolves({ Parameters: [{ ParameterKey: 'Vpc' }], $metadata: { requestId: 'r' } });
    cfn.on(DescribeStacksCommand).rejects(
      Object.assign(new Error('Stack with id web does not exist'), {
        name: 'ValidationError',
        $metadata: { httpStatusCode: 400, requestId: 'r' },
      }),
    );
    cfn
      .on(CreateChangeSetCommand)
      .rejects(Object.assign(new Error('stop here'), { name: 'ValidationError', $metadata: { httpStatusCode: 400, requestId: 'r' } }));
    try {
      const lines: string[] = [];
      await main(
        ['deploy', '--stack-name', 'web', '--region', 'us-east-1', '--template-file', file, '--parameter', 'Vpc=vpc-1', '--yes'],
        (l) => lines.push(l),
        (l) => lines.push(l),
      );
      expect(lines).toContain(
        'Note: rule TaggedVpc ("The VPC is tagged prod.") is not checked here, CloudFormation checks it: Fn::ValueOf reads attributes of AWS resources: only CloudFormation can tell.',
      );
    } finally {
      cfn.restore();
    }
  });
});
