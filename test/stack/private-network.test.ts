/** The read-only checks of an existing VPC's subnets before deploying the private layout. */
import { DescribeRouteTablesCommand, DescribeSubnetsCommand, EC2Client, type RouteTable, type Subnet } from '@aws-sdk/client-ec2';
import { CreateChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { deploy } from '../../src/stack/deploy';
import {
  checkPrivateNetwork,
  effectiveNetworkValues,
  PrivateNetworkError,
  privateNetworkInputs,
  privateNetworkProblems,
  type PrivateNetworkInputs,
} from '../../src/stack/private-network';
import { compiledTemplate } from '../../src/stack/template';
import { fakeCloud } from './fake-cloud';

const VPC = 'vpc-0123456789abcdef0';
const ipv6 = (cidr: string) => ({ Ipv6CidrBlock: cidr, Ipv6CidrBlockState: { State: 'associated' as const } });
const TASK: Subnet = {
  SubnetId: 'subnet-0fa50000000000a',
  VpcId: VPC,
  Ipv6Native: true,
  AssignIpv6AddressOnCreation: true,
  Ipv6CidrBlockAssociationSet: [ipv6('2600:1f14:abc:de02::/64')],
};
const DOOR: Subnet = {
  SubnetId: 'subnet-0d0f0000000000a',
  VpcId: VPC,
  CidrBlock: '10.0.0.0/24',
  Ipv6CidrBlockAssociationSet: [ipv6('2600:1f14:abc:de00::/64')],
};
const TABLES: RouteTable[] = [
  {
    RouteTableId: 'rtb-task',
    Associations: [{ SubnetId: TASK.SubnetId }],
    Routes: [{ DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-0123456789abcdef0', State: 'active' }],
  },
  {
    RouteTableId: 'rtb-main',
    Associations: [{ Main: true }],
    Routes: [
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0123456789abcdef0', State: 'active' },
      { DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-0123456789abcdef0', State: 'active' },
    ],
  },
];
const INPUTS: PrivateNetworkInputs = { vpcId: VPC, taskSubnetIds: [TASK.SubnetId ?? ''], frontDoorSubnetIds: [DOOR.SubnetId ?? ''] };

describe('which subnets the parameters name for the private layout', () => {
  it("the task's and the front door's with an existing VPC; nothing for a new VPC, public-ip, or without the front door's subnets", () => {
    const values = { ExistingVpcId: VPC, ExistingTaskSubnetIds: 'subnet-a,subnet-b', ExistingFrontDoorSubnetIds: 'subnet-c' };
    expect(privateNetworkInputs(values)).toEqual({ vpcId: VPC, taskSubnetIds: ['subnet-a', 'subnet-b'], frontDoorSubnetIds: ['subnet-c'] });
    expect(privateNetworkInputs({ ...values, TaskPublicIp: 'true' })).toEqual({
      vpcId: VPC,
      taskSubnetIds: [],
      frontDoorSubnetIds: ['subnet-c'],
    });
    expect(privateNetworkInputs({ ...values, PublicAccess: 'public-ip' })).toBeUndefined();
    expect(privateNetworkInputs({ ...values, ExistingVpcId: '' })).toBeUndefined();
    expect(privateNetworkInputs({ ExistingVpcId: VPC })).toBeUndefined();
  });

  it("takes given values first, then the stack's previous ones (an update), then the defaults", () => {
    const specs = { ExistingVpcId: { Default: '' }, TaskPublicIp: { Default: 'false' }, PublicAccess: { Default: 'https' } };
    const previous = [
      { ParameterKey: 'ExistingVpcId', ParameterValue: VPC },
      { ParameterKey: 'ExistingFrontDoorSubnetIds', ParameterValue: 'subnet-c' },
    ];
    expect(effectiveNetworkValues({ ExistingTaskSubnetIds: 'subnet-a' }, previous, specs)).toEqual({
      ExistingVpcId: VPC,
      ExistingTaskSubnetIds: 'subnet-a',
      ExistingFrontDoorSubnetIds: 'subnet-c',
      TaskPublicIp: 'false',
      PublicAccess: 'https',
    });
  });
});

describe('the checks of the subnets', () => {
  it('find nothing wrong with IPv6-only task subnets behind an egress-only gateway and dual-stack front door subnets', () => {
    expect(privateNetworkProblems(INPUTS, [TASK, DOOR], TABLES)).toEqual([]);
  });

  it('refuse a dual-stack subnet for the task, with the reason (Fargate pulls over IPv4 there)', () => {
    const dual: Subnet = { ...DOOR, SubnetId: TASK.SubnetId, AssignIpv6AddressOnCreation: false };
    expect(privateNetworkProblems(INPUTS, [dual, DOOR], TABLES)).toEqual([
      'ExistingTaskSubnetIds: subnet subnet-0fa50000000000a is not IPv6-only: in a dual-stack subnet Fargate still fetches the ECR token over IPv4 and the task never starts. Create an IPv6-only subnet (Ipv6Native).',
      'ExistingTaskSubnetIds: subnet subnet-0fa50000000000a does not assign IPv6 addresses on creation: turn on AssignIpv6AddressOnCreation.',
    ]);
  });

  it('refuse a task subnet whose ::/0 goes to an internet gateway, or nowhere', () => {
    const main = TABLES.filter((t) => t.RouteTableId === 'rtb-main');
    expect(privateNetworkProblems(INPUTS, [TASK, DOOR], main)).toEqual([
      'ExistingTaskSubnetIds: subnet subnet-0fa50000000000a routes ::/0 to igw-0123456789abcdef0, not to an egress-only internet gateway: use one, so nothing on the internet can open a connection to the task.',
    ]);
    const noRoute: RouteTable[] = [
      { Associations: [{ Main: true }], Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' }] },
    ];
    expect(privateNetworkProblems(INPUTS, [TASK, DOOR], noRoute)).toEqual([
      'ExistingTaskSubnetIds: subnet subnet-0fa50000000000a has no ::/0 route: route ::/0 to an egress-only internet gateway (the task pulls its image, writes logs and reads secrets over IPv6).',
      'ExistingFrontDoorSubnetIds: subnet subnet-0d0f0000000000a has no ::/0 route to an internet gateway or an egress-only one: the front door calls ECS and SSM over IPv6.',
    ]);
  });

  it('refuse a front door subnet without IPv6, and subnets missing or in another VPC', () => {
    const v4only: Subnet = { ...DOOR, Ipv6CidrBlockAssociationSet: [] };
    expect(privateNetworkProblems(INPUTS, [TASK, v4only], TABLES)).toEqual([
      "ExistingFrontDoorSubnetIds: subnet subnet-0d0f0000000000a is not dual-stack (an IPv4 and an IPv6 block): Lambda's outbound IPv6 (Ipv6AllowedForDualStack) needs both.",
    ]);
    expect(privateNetworkProblems(INPUTS, [{ ...TASK, VpcId: 'vpc-0ffff00000000000' }], TABLES)).toEqual([
      'ExistingTaskSubnetIds: subnet subnet-0fa50000000000a is in vpc-0ffff00000000000, not in ExistingVpcId vpc-0123456789abcdef0.',
      'ExistingFrontDoorSubnetIds: subnet subnet-0d0f0000000000a was not found.',
    ]);
  });

  it("read the subnets and the VPC's route tables (every page), and throw every problem at once", async () => {
    const ec2 = new EC2Client({ region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const mock = mockClient(ec2);
    mock.on(DescribeSubnetsCommand).resolves({ Subnets: [{ ...TASK, Ipv6Native: false, AssignIpv6AddressOnCreation: true }, DOOR] });
    mock
      .on(DescribeRouteTablesCommand)
      .resolvesOnce({ RouteTables: [TABLES[0] as RouteTable], NextToken: 'p2' })
      .resolvesOnce({ RouteTables: [TABLES[1] as RouteTable] });
    const ctx = { sleep: () => Promise.resolve(), now: () => new Date() };
    const e = await checkPrivateNetwork(ec2, INPUTS, ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PrivateNetworkError);
    expect((e as PrivateNetworkError).message).toBe(
      "The existing VPC's subnets do not suit the private layout:\n" +
        '  - ExistingTaskSubnetIds: subnet subnet-0fa50000000000a is not IPv6-only: in a dual-stack subnet Fargate still fetches the ECR token over IPv4 and the task never starts. Create an IPv6-only subnet (Ipv6Native).',
    );
    expect(mock.commandCalls(DescribeSubnetsCommand).map((c) => c.args[0].input)).toEqual([{ SubnetIds: [TASK.SubnetId, DOOR.SubnetId] }]);
    expect(mock.commandCalls(DescribeRouteTablesCommand).map((c) => c.args[0].input)).toEqual([
      { Filters: [{ Name: 'vpc-id', Values: [VPC] }] },
      { Filters: [{ Name: 'vpc-id', Values: [VPC] }], NextToken: 'p2' },
    ]);
  });
});

describe('deploy into an existing VPC with the private layout', () => {
  // The default template (about 70 KB) goes through S3.
  const template = compiledTemplate();
  const s3 = mockClient(S3Client);
  s3.on(PutObjectCommand).resolves({});
  afterAll(() => s3.restore());
  const withS3 = <T extends { deps: { s3: () => Promise<S3Client> } }>(f: T): T => {
    f.deps.s3 = () => Promise.resolve(new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
    return f;
  };
  const parameters = {
    GitHubOrg: 'acme',
    GitHubRepo: 'web',
    ExistingVpcId: VPC,
    ExistingSubnetIds: 'subnet-0ab00000000000a',
    ExistingTaskSubnetIds: TASK.SubnetId ?? '',
    ExistingFrontDoorSubnetIds: DOOR.SubnetId ?? '',
  };
  const EVENTS = [{ at: 500, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'CREATE_COMPLETE' }];

  it('checks the subnets after reading the stack and before any change set, and stops with every problem', async () => {
    const f = withS3(fakeCloud({ execution: EVENTS }));
    const ec2 = new EC2Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const mock = mockClient(ec2);
    mock.on(DescribeSubnetsCommand).resolves({ Subnets: [{ ...TASK, Ipv6Native: false }, DOOR] });
    mock.on(DescribeRouteTablesCommand).resolves({ RouteTables: TABLES });
    f.deps.ec2 = () => Promise.resolve(ec2);
    await expect(deploy({ stackName: 'web', template, parameters, tags: [], yes: true, s3Bucket: 'templates' }, f.deps)).rejects.toThrow(
      PrivateNetworkError,
    );
    expect(f.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
    expect(f.lines).toContain(`Checking the subnets of ${VPC} for the private layout (read-only) ...`);
  });

  it('goes on to the change set when the subnets suit it; makes no EC2 call for a new VPC', async () => {
    const f = withS3(fakeCloud({ changes: [], execution: EVENTS }));
    const ec2 = new EC2Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const mock = mockClient(ec2);
    mock.on(DescribeSubnetsCommand).resolves({ Subnets: [TASK, DOOR] });
    mock.on(DescribeRouteTablesCommand).resolves({ RouteTables: TABLES });
    f.deps.ec2 = () => Promise.resolve(ec2);
    await deploy({ stackName: 'web', template, parameters, tags: [], yes: true, s3Bucket: 'templates' }, f.deps);
    expect(f.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(1);

    const g = withS3(fakeCloud({ changes: [], execution: EVENTS }));
    let made = 0;
    g.deps.ec2 = () => {
      made += 1;
      return Promise.resolve(ec2);
    };
    await deploy(
      { stackName: 'web', template, parameters: { GitHubOrg: 'acme', GitHubRepo: 'web' }, tags: [], yes: true, s3Bucket: 'templates' },
      g.deps,
    );
    expect(made).toBe(0);
  });
});

describe('an IPv6 block on its way out', () => {
  it('does not count', () => {
    const leaving: Subnet = {
      ...TASK,
      Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: '2600:1f14:abc:de02::/64', Ipv6CidrBlockState: { State: 'disassociating' } }],
    };
    expect(privateNetworkProblems({ ...INPUTS, frontDoorSubnetIds: [] }, [leaving], TABLES)).toEqual([
      "ExistingTaskSubnetIds: subnet subnet-0fa50000000000a has no IPv6 block: give it a /64 of the VPC's IPv6 block.",
    ]);
  });
});
