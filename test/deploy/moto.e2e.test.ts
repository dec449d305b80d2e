import { compileTemplate } from '../../src/template/compile';
/**
 * End to end over real HTTP: the CLI (`main(['deploy', ...])`) with the real SDK clients,
 * pointed with AWS_ENDPOINT_URL at a moto_server started on a free loopback port.
 *
 * moto's gaps, accounted for here:
 * - it runs a change set synchronously inside ExecuteChangeSet and writes only stack-level
 *   events (no per-resource events), so the followed events are the stack's own;
 * - it cannot create the default template: Fn::Select over Fn::Cidr raises KeyError: 0 inside
 *   ExecuteChangeSet (a 500), after which the stack says CREATE_COMPLETE and every read of its
 *   resources is a 500; and it has no AWS::IAM::OIDCProvider. The default path is proven against
 *   the SDK-level fake (test/stack/deploy.test.ts); here it must end as a failure, never as a
 *   "CREATE_COMPLETE" with nothing in it. The existing-VPC, existing-provider path is what moto
 *   can create: 9 resources, read back here;
 * - it ignores Conditions in change sets (all 20 resources are listed as Add) and returns no
 *   stack Outputs after a change set, so outputs are not asserted ("The stack has no outputs.");
 * - its ValidateTemplate reports no capabilities, and it ignores parameter changes when
 *   computing a change set and rejects templates with unused parameters, so the update with
 *   one change uses a small template (a renamed SNS topic); the compiled template is used for
 *   a create and a no-change re-run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, ListChangeSetsCommand } from '@aws-sdk/client-cloudformation';
import { DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { main } from '../../src/cli/main';
import { describeWithMoto, motoQuery, startMoto, type Moto, xmlValues } from '../moto';

const SMALL = (topic: string): string => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Retention:
    Type: Number
    Default: 7
    AllowedValues: [1, 7, 14]
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '\${AWS::StackName}-logs'
      RetentionInDays: !Ref Retention
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: ${topic}
`;

// Skipped where moto is not installed, except in CI (CI=true), where a missing moto must fail.
describeWithMoto('deploy end to end against moto_server', () => {
  jest.setTimeout(60_000);
  let moto: Moto | undefined;
  let endpoint = '';
  const dir = mkdtempSync(join(tmpdir(), 'deploy-e2e-'));

  beforeAll(async () => {
    moto = await startMoto('us-east-1');
    endpoint = moto.endpoint;
  });

  afterAll(() => moto?.stop());

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['deploy', ...args], (l) => out.push(l), (l) => err.push(l));
    return { code, out, err };
  }

  const cfn = (): CloudFormationClient => new CloudFormationClient({ endpoint, region: 'us-east-1' });

  it('the default template, which moto cannot create: exit 1 and says so, never "CREATE_COMPLETE" with nothing in it', async () => {
    const r = await cli('--stack-name', 'e2e-default', '--parameter', 'GitHubOrg=acme', '--parameter', 'GitHubRepo=web', '--yes');
    expect(r.code).toBe(1);
    // Every resource of the compiled template: with these parameters every condition is true.
    const resources = Object.keys(compileTemplate().template.Resources).length;
    expect(r.out).toContain(`${resources} to add, 0 to modify, 0 to remove, 0 replacements`);
    // moto cannot make the created VPC's subnets (Fn::Select over Fn::Cidr raises KeyError), and
    // the deployer's role, which names them, cannot be made either: ExecuteChangeSet fails with
    // that reason, and the stack is left for review, never reported as created.
    expect(r.out).toContain(
      `Failed executing change set ${r.out.find((l) => l.startsWith('Creating change set '))?.slice('Creating change set '.length, -4)} (ExecuteChangeSet): ValidationError: Template error: instance of Fn::GetAtt references undefined resource DeployerRole`,
    );
    expect(r.out.some((l) => l.includes('CREATE_COMPLETE'))).toBe(false);
    expect(r.out).not.toContain('The stack has no outputs.');
  });

  it('the existing-VPC, existing-provider path: creates its 9 resources (read back, with the deploy role\'s trust), then no changes', async () => {
    const vpc = xmlValues(await motoQuery(endpoint, 'ec2', { Action: 'DescribeVpcs' }), 'vpcId')[0] ?? '';
    const subnets = xmlValues(await motoQuery(endpoint, 'ec2', { Action: 'DescribeSubnets', 'Filter.1.Name': 'vpc-id', 'Filter.1.Value.1': vpc }), 'subnetId');
    const provider = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const params = [
      ['GitHubOrg', 'acme'],
      ['GitHubRepo', 'web'],
      ['AppName', 'e2eapp'],
      ['ExistingVpcId', vpc],
      ['ExistingSubnetIds', subnets.slice(0, 2).join(',')],
      ['ExistingOidcProviderArn', provider],
    ].flatMap(([k, v]) => ['--parameter', `${k}=${v}`]);
    const first = await cli('--stack-name', 'e2e-existing', ...params, '--tags', 'env=test', '--yes');
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Stack e2e-existing in us-east-1: create (new stack)');
    expect(first.out.some((l) => /^\d\d:\d\d:\d\d \+0s\s+e2e-existing\s+AWS::CloudFormation::Stack\s+CREATE_COMPLETE$/.test(l))).toBe(true);
    const stack = (await cfn().send(new DescribeStacksCommand({ StackName: 'e2e-existing' }))).Stacks?.[0];
    expect(stack?.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack?.Tags).toEqual([{ Key: 'env', Value: 'test' }]);

    // The resources exist: moto lists the 11 it skipped (conditions false) without a logical id.
    const listed = (await cfn().send(new DescribeStackResourcesCommand({ StackName: 'e2e-existing' }))).StackResources ?? [];
    const made = listed.filter((x) => x.LogicalResourceId && x.LogicalResourceId !== 'None' && x.ResourceStatus === 'CREATE_COMPLETE');
    expect(made.map((x) => x.LogicalResourceId).sort()).toEqual(
      [
        'Cluster',
        // The deployer, in every configuration.
        'DeployerFunction',
        'DeployerLogGroup',
        'DeployerRole',
        // The front door (PublicAccess https, the default): what moto can make of it.
        'FrontDoorApiInvokes',
        'FrontDoorFunction',
        'FrontDoorLastRequest',
        'FrontDoorLogGroup',
        'FrontDoorRole',
        'FrontDoorSchedulerRole',
        'GitHubDeployRole',
        'LogGroup',
        'Repository',
        'Service',
        'ServiceSecurityGroup',
        'TaskDefinition',
        'TaskExecutionRole',
        'TaskRole',
      ],
    );
    // The deploy role's trust, read back from IAM: the given provider, the audience, this repository's main branch.
    const roleName = made.find((x) => x.LogicalResourceId === 'GitHubDeployRole')?.PhysicalResourceId ?? '';
    const document = xmlValues(await motoQuery(endpoint, 'iam', { Action: 'GetRole', RoleName: roleName }), 'AssumeRolePolicyDocument')[0] ?? '';
    const trust = JSON.parse(decodeURIComponent(document)) as {
      Statement: { Sid: string; Principal: { Federated: string }; Action: string; Condition: { StringEquals: { [k: string]: unknown } } }[];
    };
    const branch = trust.Statement.find((x) => x.Sid === 'GitHubDeployBranchOrEnvironment');
    expect(branch?.Principal.Federated).toBe(provider);
    expect(branch?.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(branch?.Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
    // moto writes Fn::If ... AWS::NoValue inside a list as null; CloudFormation drops it.
    expect(branch?.Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['repo:acme/web:ref:refs/heads/main', null]);
    expect(first.out).toContain(
      'Not in the stack although the change set listed them (their Conditions may be false): GitHubOidcProvider, Vpc, InternetGateway, ' +
        'InternetGatewayAttachment, PublicRouteTable, PublicDefaultRoute, PublicSubnetA, PublicSubnetB, PublicSubnetARouteTable, ' +
        'PublicSubnetBRouteTable, NetworkReady, ' +
        // moto's CloudFormation has no API Gateway v2 or Scheduler resources; the domain ones are off (no DomainName).
        'FrontDoorApi, FrontDoorIntegration, FrontDoorRoute, FrontDoorStage, FrontDoorScheduleGroup, FrontDoorIdleCheck, FrontDoorCertificate, FrontDoorDomain, ' +
        'FrontDoorApiMapping, FrontDoorDnsRecord.',
    );

    // The re-run is an update from the managed bucket's URL (the template is over 51,200 bytes).
    // moto 5.2 then evaluates Fn::GetAtt on resources whose Condition is false and fails; with
    // the same template as a body it reports no changes. What it must never do: change the stack.
    const again = await cli('--stack-name', 'e2e-existing', '--yes');
    expect(again.out).toContain('Stack e2e-existing in us-east-1: update (now CREATE_COMPLETE)');
    expect(again.out.some((l) => l.includes('(managed bucket '))).toBe(true);
    expect(again.out).toContain('0 to add, 0 to modify, 0 to remove, 0 replacements');
    expect(again.code === 0 || again.out.some((l) => l.endsWith('ValidationError: Template error: instance of Fn::GetAtt references undefined resource FrontDoorDomain'))).toBe(true);
    expect((await cfn().send(new DescribeStacksCommand({ StackName: 'e2e-existing' }))).Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
  });

  it('a create left for review (exit 3, REVIEW_IN_PROGRESS) is taken up by the next deploy, which ends (exit 0)', async () => {
    const v1 = join(dir, 'review.yaml');
    writeFileSync(v1, SMALL('e2e-review'));
    const stop = await cli('--stack-name', 'e2e-review', '--template-file', v1);
    expect(stop.code).toBe(3);
    const go = await cli('--stack-name', 'e2e-review', '--template-file', v1, '--yes');
    expect(go.code).toBe(0);
    expect(go.out).toContain('Stack e2e-review in us-east-1: create (REVIEW_IN_PROGRESS: nothing executed yet)');
    expect(go.out.some((l) => /^Stack e2e-review: CREATE_COMPLETE in \d+s\.$/.test(l))).toBe(true);
  });

  it('creates a small stack, updates it with one change, then reports no changes', async () => {
    const v1 = join(dir, 'v1.yaml');
    const v2 = join(dir, 'v2.yaml');
    writeFileSync(v1, SMALL('e2e-topic'));
    writeFileSync(v2, SMALL('e2e-topic-renamed'));

    const create = await cli('--stack-name', 'e2e-small', '--template-file', v1, '--yes');
    expect(create.code).toBe(0);
    expect(create.out).toContain('2 to add, 0 to modify, 0 to remove, 0 replacements');

    const update = await cli('--stack-name', 'e2e-small', '--template-file', v2, '--yes', '--json');
    expect(update.code).toBe(0);
    expect(update.out).toHaveLength(1);
    const result = JSON.parse(update.out[0] ?? '') as { result: string; operation: string; status: string; changes: { action: string; logicalId: string }[] };
    expect(result).toMatchObject({ result: 'deployed', operation: 'update', status: 'UPDATE_COMPLETE' });
    expect(result.changes.map((c) => `${c.action} ${c.logicalId}`)).toEqual(['Modify Topic']);

    const none = await cli('--stack-name', 'e2e-small', '--template-file', v2, '--yes');
    expect(none.code).toBe(0);
    expect(none.out).toContain('No changes: the stack already matches the template and parameters.');
  });

  it('without a terminal and without --yes stops with exit 3 and the command to execute; --dry-run leaves nothing behind', async () => {
    const v1 = join(dir, 'v1.yaml');
    writeFileSync(v1, SMALL('e2e-dry'));
    const stop = await cli('--stack-name', 'e2e-dry', '--template-file', v1);
    expect(stop.code).toBe(3);
    const command = stop.out.find((l) => l.startsWith('  aws cloudformation execute-change-set'));
    expect(command).toMatch(/^ {2}aws cloudformation execute-change-set --stack-name e2e-dry --change-set-name e2e-dry-\d{8}T\d{6}Z --region us-east-1$/);
    const sets = await cfn().send(new ListChangeSetsCommand({ StackName: 'e2e-dry' }));
    // moto lists every stack's change sets here, so filter by stack.
    expect(sets.Summaries?.filter((s) => s.StackName === 'e2e-dry').map((s) => s.Status)).toEqual(['CREATE_COMPLETE']);

    const dry = await cli('--stack-name', 'e2e-dry2', '--template-file', v1, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out.at(-1)).toMatch(/^Deleted change set e2e-dry2-\d{8}T\d{6}Z and the empty stack e2e-dry2 \(dry run\)\.$/);
  });

  it('refuses an unknown parameter before any call (exit 2)', async () => {
    const r = await cli('--stack-name', 'e2e-full', '--parameter', 'Nope=1', '--yes');
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^fargate-oidc deploy: Parameter Nope: the template has no such parameter\./);
  });
});
