import { compileTemplate } from '../../src/template/compile';
/**
 * End to end over real HTTP: the CLI (`main(['deploy', ...])`) with the real SDK clients,
 * pointed with AWS_ENDPOINT_URL at the local AWS (moto with this project's patch layer,
 * scripts/local-aws/) started on a free loopback port. test/deploy/default-stack.e2e.test.ts
 * runs the default stack through create, update and destroy; this file covers the other paths.
 *
 * moto's gaps the patches leave, accounted for here:
 * - it runs a change set synchronously inside ExecuteChangeSet and writes only stack-level
 *   events (no per-resource events), so the followed events are the stack's own;
 * - its ValidateTemplate reports no capabilities, and it rejects templates with unused
 *   parameters.
 * And moto as released (no patches) cannot create the default template: ExecuteChangeSet
 * refuses its subnets' Fn::GetAtt Vpc.Ipv6CidrBlocks (a ValidationError). A subnet's
 * Fn::Select over Fn::Cidr raises KeyError: 0 inside ExecuteChangeSet (a 500), after which the
 * stack says CREATE_COMPLETE and every read of its resources is a 500. Against it, deploy must
 * end as a failure, never as a "CREATE_COMPLETE" with nothing in it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, ListChangeSetsCommand } from '@aws-sdk/client-cloudformation';
import { DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import {
  AssociateVpcCidrBlockCommand,
  CreateEgressOnlyInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
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

/** A subnet whose block is Fn::Select over Fn::Cidr (as the created VPC's subnets are). */
const CIDR = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [0, !Cidr [10.0.0.0/16, 2, 8]]
`;

/** Where the CLI uploads the compiled template (over 51,200 bytes) in moto. */
const BUCKET = 'e2e-templates';

// Skipped where moto is not installed, except in CI (CI=true), where a missing moto must fail.
describeWithMoto('deploy end to end against moto_server', () => {
  jest.setTimeout(60_000);
  let moto: Moto | undefined;
  let endpoint = '';
  const dir = mkdtempSync(join(tmpdir(), 'deploy-e2e-'));

  beforeAll(async () => {
    moto = await startMoto('us-east-1');
    endpoint = moto.endpoint;
    const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    s3.destroy();
  });

  afterAll(() => moto?.stop());

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      ['deploy', ...args],
      (l) => out.push(l),
      (l) => err.push(l),
    );
    return { code, out, err };
  }

  const cfn = (): CloudFormationClient => new CloudFormationClient({ endpoint, region: 'us-east-1' });

  it("the existing-VPC, existing-provider path: creates its resources (read back, with the deploy role's trust), then no changes", async () => {
    const vpc = xmlValues(await motoQuery(endpoint, 'ec2', { Action: 'DescribeVpcs' }), 'vpcId')[0] ?? '';
    const subnets = xmlValues(
      await motoQuery(endpoint, 'ec2', { Action: 'DescribeSubnets', 'Filter.1.Name': 'vpc-id', 'Filter.1.Value.1': vpc }),
      'subnetId',
    );
    const provider = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const params = [
      ['GitHubOrg', 'acme'],
      ['GitHubRepo', 'web'],
      ['AppName', 'e2eapp'],
      ['ExistingVpcId', vpc],
      ['ExistingSubnetIds', subnets.slice(0, 2).join(',')],
      ['ExistingOidcProviderArn', provider],
    ].flatMap(([k, v]) => ['--parameter', `${k}=${v}`]);
    const first = await cli('--stack-name', 'e2e-existing', ...params, '--tags', 'env=test', '--s3-bucket', BUCKET, '--yes');
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Stack e2e-existing in us-east-1: create (new stack)');
    expect(first.out.some((l) => /^\d\d:\d\d:\d\d \+0s\s+e2e-existing\s+AWS::CloudFormation::Stack\s+CREATE_COMPLETE$/.test(l))).toBe(true);
    const stack = (await cfn().send(new DescribeStacksCommand({ StackName: 'e2e-existing' }))).Stacks?.[0];
    expect(stack?.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack?.Tags).toEqual([{ Key: 'env', Value: 'test' }]);

    // The resources exist, and only those (the network and the provider are the caller's).
    const listed = (await cfn().send(new DescribeStackResourcesCommand({ StackName: 'e2e-existing' }))).StackResources ?? [];
    const made = listed.filter((x) => x.LogicalResourceId && x.LogicalResourceId !== 'None' && x.ResourceStatus === 'CREATE_COMPLETE');
    expect(made.map((x) => x.LogicalResourceId).sort()).toEqual([
      'Cluster',
      // The deployer, in every configuration.
      'DeployerFunction',
      'DeployerLogGroup',
      'DeployerRole',
      // The front door (PublicAccess https, the default).
      'FrontDoorApi',
      'FrontDoorApiInvokes',
      'FrontDoorFunction',
      'FrontDoorIdleCheck',
      'FrontDoorIntegration',
      'FrontDoorLastRequest',
      'FrontDoorLastStart',
      'FrontDoorLogGroup',
      'FrontDoorRole',
      'FrontDoorRoute',
      'FrontDoorScheduleGroup',
      'FrontDoorSchedulerRole',
      'FrontDoorStage',
      'FrontDoorState',
      'GitHubDeployRole',
      'LogGroup',
      'NetworkReady',
      'Repository',
      'Service',
      'ServiceSecurityGroup',
      'TaskDefinition',
      'TaskExecutionRole',
      'TaskRole',
    ]);
    // The deploy role's trust, read back from IAM: the given provider, the audience, this repository's main branch.
    const roleName = made.find((x) => x.LogicalResourceId === 'GitHubDeployRole')?.PhysicalResourceId ?? '';
    const document =
      xmlValues(await motoQuery(endpoint, 'iam', { Action: 'GetRole', RoleName: roleName }), 'AssumeRolePolicyDocument')[0] ?? '';
    const trust = JSON.parse(decodeURIComponent(document)) as {
      Statement: { Sid: string; Principal: { Federated: string }; Action: string; Condition: { StringEquals: { [k: string]: unknown } } }[];
    };
    const branch = trust.Statement.find((x) => x.Sid === 'GitHubDeployBranchOrEnvironment');
    expect(branch?.Principal.Federated).toBe(provider);
    expect(branch?.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(branch?.Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
    // moto writes Fn::If ... AWS::NoValue inside a list as null; CloudFormation drops it.
    expect(branch?.Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['repo:acme/web:ref:refs/heads/main', null]);
    // The change set plans only what the stack makes (the network and the provider are given).
    expect(first.out.some((l) => l.startsWith('Not in the stack although'))).toBe(false);
    expect(first.out).toContain(`${made.length} to add, 0 to modify, 0 to remove, 0 replacements`);

    // A re-run keeps every parameter (UsePreviousValue, the defaults included): as CloudFormation
    // does, the change set contains no changes, and the stack is left as it was.
    const again = await cli('--stack-name', 'e2e-existing', '--s3-bucket', BUCKET, '--yes');
    expect(again.err).toEqual([]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Stack e2e-existing in us-east-1: update (now CREATE_COMPLETE)');
    expect(again.out).toContain('No changes: the stack already matches the template and parameters.');
    expect((await cfn().send(new DescribeStacksCommand({ StackName: 'e2e-existing' }))).Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
  });

  /** An existing VPC as the private layout wants it, made with moto's EC2 API. */
  async function privateVpc(): Promise<{ vpc: string; task: string[]; dual: string[]; egress: string }> {
    const ec2 = new EC2Client({ endpoint, region: 'us-east-1' });
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc?.VpcId ?? '';
    await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc, AmazonProvidedIpv6CidrBlock: true }));
    const block =
      (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc] }))).Vpcs?.[0]?.Ipv6CidrBlockAssociationSet?.[0]?.Ipv6CidrBlock ?? '';
    const prefix = block.split('::')[0] ?? '';
    const slash64 = (i: number) =>
      `${prefix.replace(/[0-9a-f]{1,2}$/, (g) => (parseInt(g.padStart(2, '0'), 16) + i).toString(16).padStart(2, '0'))}::/64`;
    const subnet = async (i: number, v4: string | undefined) =>
      (
        await ec2.send(
          new CreateSubnetCommand({
            VpcId: vpc,
            AvailabilityZone: `us-east-1${'ab'[i % 2]}`,
            Ipv6CidrBlock: slash64(i),
            ...(v4 ? { CidrBlock: v4 } : { Ipv6Native: true }),
          }),
        )
      ).Subnet?.SubnetId ?? '';
    const dual = [await subnet(0, '10.9.0.0/24'), await subnet(1, '10.9.1.0/24')];
    const task = [await subnet(2, undefined), await subnet(3, undefined)];
    const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId ?? '';
    await ec2.send(new AttachInternetGatewayCommand({ VpcId: vpc, InternetGatewayId: igw }));
    const egress =
      (await ec2.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: vpc }))).EgressOnlyInternetGateway?.EgressOnlyInternetGatewayId ??
      '';
    const table = async (ids: string[], route: { GatewayId?: string; EgressOnlyInternetGatewayId?: string }) => {
      const id = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable?.RouteTableId ?? '';
      await ec2.send(new CreateRouteCommand({ RouteTableId: id, DestinationIpv6CidrBlock: '::/0', ...route }));
      for (const subnetId of ids) await ec2.send(new AssociateRouteTableCommand({ RouteTableId: id, SubnetId: subnetId }));
    };
    await table(dual, { GatewayId: igw });
    await table(task, { EgressOnlyInternetGatewayId: egress });
    ec2.destroy();
    return { vpc, task, dual, egress };
  }

  it('the private layout in an existing VPC: checks its subnets, creates its resources (read back)', async () => {
    const net = await privateVpc();
    const params = [
      ['GitHubOrg', 'acme'],
      ['GitHubRepo', 'web'],
      ['AppName', 'e2epriv'],
      ['ExistingVpcId', net.vpc],
      ['ExistingSubnetIds', net.dual.join(',')],
      ['ExistingTaskSubnetIds', net.task.join(',')],
      ['ExistingFrontDoorSubnetIds', net.dual.join(',')],
      ['ExistingOidcProviderArn', 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'],
    ].flatMap(([k, v]) => ['--parameter', `${k}=${v}`]);
    const r = await cli('--stack-name', 'e2e-private', ...params, '--s3-bucket', BUCKET, '--yes');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Checking the subnets of ${net.vpc} for the private layout (read-only) ...`);

    const listed = (await cfn().send(new DescribeStackResourcesCommand({ StackName: 'e2e-private' }))).StackResources ?? [];
    const physical = (id: string) =>
      listed.find((x) => x.LogicalResourceId === id && x.ResourceStatus === 'CREATE_COMPLETE')?.PhysicalResourceId ?? '';
    // The front door's security group, the only source the task's group admits on the app port.
    const ec2 = new EC2Client({ endpoint, region: 'us-east-1' });
    const doorGroup = physical('FrontDoorSecurityGroup');
    expect(doorGroup).toMatch(/^sg-/);
    const groups =
      (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [net.vpc] }] }))).SecurityGroups ?? [];
    const taskGroup = groups.find((g) => g.GroupId === physical('ServiceSecurityGroup'));
    expect(
      taskGroup?.IpPermissions?.map((p) => [
        p.IpProtocol,
        p.FromPort,
        p.ToPort,
        p.UserIdGroupPairs?.map((u) => u.GroupId),
        p.IpRanges?.length ?? 0,
      ]),
    ).toEqual([['tcp', 8000, 8000, [doorGroup], 0]]);
    expect(groups.find((g) => g.GroupId === doorGroup)?.IpPermissions ?? []).toEqual([]);
    // The front door's way to the task: its egress rule (AWS::EC2::SecurityGroupEgress) to the app port.
    expect(physical('FrontDoorToTask')).toMatch(/^sgr-/);
    const doorEgress = groups.find((g) => g.GroupId === doorGroup)?.IpPermissionsEgress ?? [];
    expect(
      doorEgress
        .filter((p) => p.UserIdGroupPairs?.length)
        .map((p) => [p.IpProtocol, p.FromPort, p.ToPort, p.UserIdGroupPairs?.map((u) => u.GroupId)]),
    ).toEqual([['tcp', 8000, 8000, [physical('ServiceSecurityGroup')]]]);
    // The function in the dual-stack subnets, with outbound IPv6.
    const fn = await fetch(`${endpoint}/2015-03-31/functions/e2epriv-front-door`, {
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=testing/20261129/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0',
      },
    }).then(
      (x) =>
        x.json() as Promise<{
          Configuration: {
            VpcConfig: { SubnetIds: string[]; SecurityGroupIds: string[]; Ipv6AllowedForDualStack?: boolean };
            Environment: { Variables: Record<string, string> };
          };
        }>,
    );
    expect(fn.Configuration.VpcConfig).toMatchObject({ SubnetIds: net.dual, SecurityGroupIds: [doorGroup] });
    expect(fn.Configuration.Environment.Variables).toMatchObject({ TASK_ADDRESS: 'ipv6', AWS_USE_DUALSTACK_ENDPOINT: 'true' });
    // The service exists, but moto's CloudFormation keeps none of its NetworkConfiguration (its
    // ECS model takes only the cluster, task definition and count): the IPv6-only subnets and the
    // disabled public IP are proven on the template (test/template/resources.test.ts).
    const ecs = new ECSClient({ endpoint, region: 'us-east-1' });
    const services =
      (await ecs.send(new DescribeServicesCommand({ cluster: physical('Cluster'), services: [physical('Service')] }))).services ?? [];
    expect(services.map((x) => [x.status, x.networkConfiguration])).toEqual([['ACTIVE', {}]]);
    ec2.destroy();
    ecs.destroy();
    // The local AWS creates every resource of this path (the VPC's IPv6 block and the egress-only
    // gateway are the created-VPC path's, made with EC2 above).
    expect(r.out.some((l) => l.startsWith('Not in the stack although'))).toBe(false);
    expect(net.egress).toMatch(/^eigw-/);
  });

  it('refuses an existing VPC whose task subnets are dual-stack, before any change set (exit 2)', async () => {
    const net = await privateVpc();
    const params = [
      ['GitHubOrg', 'acme'],
      ['GitHubRepo', 'web'],
      ['ExistingVpcId', net.vpc],
      ['ExistingSubnetIds', net.dual.join(',')],
      ['ExistingTaskSubnetIds', net.dual.join(',')],
      ['ExistingFrontDoorSubnetIds', net.dual.join(',')],
    ].flatMap(([k, v]) => ['--parameter', `${k}=${v}`]);
    const r = await cli('--stack-name', 'e2e-private-bad', ...params, '--s3-bucket', BUCKET, '--yes');
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toContain(`ExistingTaskSubnetIds: subnet ${net.dual[0]} is not IPv6-only`);
    const sets = await cfn()
      .send(new ListChangeSetsCommand({ StackName: 'e2e-private-bad' }))
      .catch(() => ({ Summaries: [] }));
    expect((sets.Summaries ?? []).filter((x) => x.StackName === 'e2e-private-bad')).toEqual([]);
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
    const result = JSON.parse(update.out[0] ?? '') as {
      result: string;
      operation: string;
      status: string;
      changes: { action: string; logicalId: string }[];
    };
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
    expect(command).toMatch(
      /^ {2}aws cloudformation execute-change-set --stack-name e2e-dry --change-set-name e2e-dry-\d{8}T\d{6}Z --region us-east-1$/,
    );
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

// moto as released, without the patch layer: how the CLI copes when moto half-fails.
describeWithMoto('deploy end to end against moto without the patches', () => {
  jest.setTimeout(60_000);
  let moto: Moto | undefined;

  beforeAll(async () => {
    moto = await startMoto('us-east-1', { patches: false });
  });

  afterAll(() => moto?.stop());

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      ['deploy', ...args],
      (l) => out.push(l),
      (l) => err.push(l),
    );
    return { code, out, err };
  }

  it('the default template, which moto as released cannot create: exit 1 and says so, never "CREATE_COMPLETE" with nothing in it', async () => {
    const r = await cli('--stack-name', 'e2e-default', '--parameter', 'GitHubOrg=acme', '--parameter', 'GitHubRepo=web', '--yes');
    expect(r.code).toBe(1);
    // Every resource of the compiled template: with these parameters every condition is true.
    const resources = Object.keys(compileTemplate().template.Resources).length;
    expect(r.out).toContain(`${resources} to add, 0 to modify, 0 to remove, 0 replacements`);
    // moto as released has no Fn::GetAtt Ipv6CidrBlocks on a VPC (the subnets' IPv6 blocks):
    // ExecuteChangeSet refuses, and the stack is left for review with its change set.
    expect(
      r.out.some((l) =>
        /^Failed executing change set e2e-default-\d{8}T\d{6}Z \(ExecuteChangeSet\): ValidationError: Template error: resource Vpc does not support attribute type Ipv6CidrBlocks in Fn::GetAtt$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(
      r.out.some((l) =>
        /^Stack e2e-default is left in REVIEW_IN_PROGRESS with change set e2e-default-\d{8}T\d{6}Z\. To execute it:$/.test(l),
      ),
    ).toBe(true);
    expect(r.out.filter((l) => l.includes('CREATE_COMPLETE'))).toEqual([]);
    const cfn = new CloudFormationClient({ endpoint: moto?.endpoint, region: 'us-east-1' });
    expect((await cfn.send(new DescribeStacksCommand({ StackName: 'e2e-default' }))).Stacks?.[0]?.StackStatus).toBe('REVIEW_IN_PROGRESS');
    cfn.destroy();
  });

  it('Fn::Select over Fn::Cidr, which moto as released half-runs: exit 1 and says so, never "CREATE_COMPLETE" with nothing in it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cidr-e2e-')), 'cidr.yaml');
    writeFileSync(file, CIDR);
    const r = await cli('--stack-name', 'e2e-cidr', '--template-file', file, '--yes');
    expect(r.code).toBe(1);
    expect(r.out).toContain('2 to add, 0 to modify, 0 to remove, 0 replacements');
    // moto's ExecuteChangeSet fails with a 500 (KeyError: 0); the change set is read: still
    // AVAILABLE, so it is executed again, and moto then says CREATE_COMPLETE without having made anything.
    expect(r.out).toContain('It did not run (ExecutionStatus AVAILABLE): executing it again.');
    expect(
      r.out.some((l) =>
        /^Stack e2e-cidr reports CREATE_COMPLETE, but its resources cannot be read \(.*\)\. This is not a successful deploy\.$/.test(l),
      ),
    ).toBe(true);
    expect(r.out).not.toContain('The stack has no outputs.');
  });
});
