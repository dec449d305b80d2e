/**
 * Least-privilege findings beyond the fixtures' line marks: severities and advice.
 */
import { conditionKeyExists } from '../../src/lint/iam-data';
import { lintTexts } from '../../src/lint/index';
import { BOUNDING_GLOBAL_KEYS } from '../../src/lint/rules/least-privilege';

const lint = async (text: string) => lintTexts([{ file: 't.yaml', text }]);

const POLICY = (statements: string) => `Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
${statements}
`;

describe('FO102 on wildcard actions', () => {
  it('is info when most actions the pattern matches take only "*", and says which accept ARNs', async () => {
    const findings = await lint(POLICY('          - { Effect: Allow, Action: "cloudwatch:Describe*", Resource: "*" }'));
    expect(findings.map(({ rule, severity, message }) => ({ rule, severity, message }))).toEqual([
      {
        rule: 'FO102',
        severity: 'info',
        message:
          '2 of the 5 actions "cloudwatch:Describe*" matches accept resource ARNs (cloudwatch:DescribeAlarmHistory, cloudwatch:DescribeAlarms); the other 3 take only Resource "*", so naming an ARN here would break them. ' +
          'If those 2 matter, grant them in a statement of their own with the resource ARN.',
      },
    ]);
  });

  it('stays a warning when most matched actions accept ARNs', async () => {
    const findings = await lint(POLICY('          - { Effect: Allow, Action: "ecs:Describe*", Resource: "*" }'));
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['FO102', 'warning']]);
  });
});

describe('FO106 advice', () => {
  const passRole = (role: string) => `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: iam:PassRole, Resource: ${role} }
`;

  it('names the service the passed role trusts when the role is in the template', async () => {
    const [finding] = await lint(passRole('!GetAtt Role.Arn'));
    expect(finding?.message).toBe(
      'iam:PassRole without an iam:PassedToService condition lets the roles be passed to any service. Add Condition: { StringEquals: { iam:PassedToService: lambda.amazonaws.com } }, the service role Role trusts.',
    );
  });

  it('does not guess a service for a role defined elsewhere', async () => {
    const [finding] = await lint(passRole('arn:aws:iam::123456789012:role/etl'));
    expect(finding?.message).toBe(
      'iam:PassRole without an iam:PassedToService condition lets the roles be passed to any service. Add Condition: { StringEquals: { iam:PassedToService: SERVICE } }, where SERVICE is the service principal each role trusts (e.g. ecs-tasks.amazonaws.com for an ECS task role).',
    );
  });
});

describe('FO102 bounding keys', () => {
  it('are global condition keys the IAM data knows', async () => {
    const known = await Promise.all(
      [...BOUNDING_GLOBAL_KEYS, 'aws:viaawsservice', 'aws:resourcetag/app', 'ec2:resourcetag/app'].map(async (k) => [
        k,
        await conditionKeyExists(k),
      ]),
    );
    expect(known.filter(([, exists]) => exists !== true)).toEqual([]);
  });
});

describe('FO101 in an IoT policy', () => {
  it('asks for the actions the devices use', async () => {
    const text = `Resources:
  DevicePolicy:
    Type: AWS::IoT::Policy
    Properties:
      PolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iot:*", "Resource": "*"}]}'
`;
    expect((await lint(text)).map((f) => `${f.line} ${f.rule} ${f.message}`)).toEqual([
      '5 FO101 Action "iot:*" allows every action of iot. List only the actions the devices use (e.g. "iot:Publish").',
    ]);
  });
});
