/**
 * The misses found by running the lint over public templates (issue 21): severities and
 * messages of the new rules beyond the fixtures' line marks, and parameter defaults in IAM rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTexts } from '../../src/lint/index';
import { FIXTURES } from './helpers';

const lintFixture = async (name: string) => {
  const file = join(FIXTURES, name);
  return lintTexts([{ file, text: readFileSync(file, 'utf8') }]);
};

describe('FO108: AWS managed *FullAccess policies', () => {
  it('is a warning on a role only the account uses, an error on one a GitHub workflow or anyone on the internet can use', async () => {
    const findings = (await lintFixture('FO108.fail.yaml')).filter((f) => f.rule === 'FO108');
    expect(findings.map((f) => `${f.line} ${f.severity}`)).toEqual(['16 warning', '17 warning', '18 warning', '32 error', '42 error']);
    expect(findings[2]?.message).toBe(
      'The AWS managed policy AmazonDynamoDBFullAccess (with default parameters: ReadPolicy) allows every action of its service on every resource of the account. ' +
        'Attach an inline policy with only the actions the role calls, on the resources it uses.',
    );
    expect(findings[3]?.message).toContain(
      'People outside the account can use it: it trusts a federated (OIDC or SAML) principal, such as a GitHub workflow.',
    );
    expect(findings[4]?.message).toContain(
      'People outside the account can use it: it is the role of PublicFunction, whose function URL has AuthType NONE (anyone can invoke it).',
    );
  });

  it('is an error on a SAM function behind an API event without Auth', async () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(e, c): return 1"
      Policies: [AmazonS3FullAccess]
      Events:
        Get: { Type: HttpApi, Properties: { Path: /, Method: get } }
`;
    const findings = await lintTexts([{ file: 't.yaml', text }]);
    expect(findings.map((f) => `${f.line} ${f.rule} ${f.severity}`)).toEqual(['9 FO108 error']);
  });
});

describe('FO101 reads parameter defaults, as FO112 does', () => {
  it('reports AdministratorAccess attached to a GitHub OIDC role through a parameter default', async () => {
    const text = `Parameters:
  DeployPolicyArn:
    Type: String
    Default: arn:aws:iam::aws:policy/AdministratorAccess
Resources:
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Federated: arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com }
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals:
                token.actions.githubusercontent.com:aud: sts.amazonaws.com
                token.actions.githubusercontent.com:sub: repo:acme/app:ref:refs/heads/main
      ManagedPolicyArns: [!Ref DeployPolicyArn]
`;
    const findings = await lintTexts([{ file: 't.yaml', text }]);
    expect(findings.map((f) => `${f.line} ${f.rule} ${f.severity} ${f.message}`)).toEqual([
      '19 FO101 error With default parameters (DeployPolicyArn), the AWS managed policy AdministratorAccess allows nearly every action. Attach an inline policy with only the actions the role calls.',
    ]);
  });

  it('reads actions and resources given by parameters as their defaults', async () => {
    const text = `Parameters:
  Actions: { Type: CommaDelimitedList, Default: "s3:*,sqs:SendMessage" }
  Target: { Type: String, Default: "*" }
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: !Ref Actions
            Resource: !Ref Target
`;
    const findings = await lintTexts([{ file: 't.yaml', text }]);
    expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual(['12 FO101', '12 FO102']);
  });
});

describe('FO130 and FO131: open ingress', () => {
  it('name the ports, the range and the parameter a default came from', async () => {
    const messages = (await lintFixture('FO130.fail.yaml')).map((f) => `${f.line} ${f.severity} ${f.message}`);
    expect(messages).toEqual([
      '12 error Ingress from 0.0.0.0/0 to port 22 opens 22 (SSH) to the whole internet. Allow only your own address range (a parameter), or use SSM Session Manager, which needs no inbound port.',
      '13 error Ingress from ::/0 to port 3389 opens 3389 (RDP) to the whole internet. Allow only your own address range (a parameter), or use SSM Session Manager, which needs no inbound port.',
      '14 error With default parameters (AdminCidr), ingress from 0.0.0.0/0 to ports 5985-5986 opens 5985 (WinRM (HTTP)), 5986 (WinRM (HTTPS)) to the whole internet. Allow only your own address range (a parameter), or use SSM Session Manager, which needs no inbound port.',
      '18 error Ingress from 0.0.0.0/0 to every port opens 22 (SSH), 23 (Telnet), 3389 (RDP), 5985 (WinRM (HTTP)), 5986 (WinRM (HTTPS)) to the whole internet. Allow only your own address range (a parameter), or use SSM Session Manager, which needs no inbound port.',
      '24 error Ingress from 0.0.0.0/0 to ports 1-1024 opens 22 (SSH), 23 (Telnet) to the whole internet. Allow only your own address range (a parameter), or use SSM Session Manager, which needs no inbound port.',
    ]);
  });

  it('warn on database and cache ports', async () => {
    const messages = (await lintFixture('FO131.fail.yaml')).map((f) => `${f.line} ${f.severity} ${f.message}`);
    expect(messages[0]).toBe(
      "8 warning Ingress from 0.0.0.0/0 to port 5432 opens 5432 (PostgreSQL) to the whole internet. Allow the clients' security group (SourceSecurityGroupId) or the VPC's range instead.",
    );
    expect(messages[2]).toMatch(/^12 warning Ingress from 0\.0\.0\.0\/0 to ports 9000-9300 opens 9200 \(Elasticsearch\/OpenSearch\)/);
  });
});
