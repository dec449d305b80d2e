/**
 * Where the task runs: by default a small VPC of its own, or subnets you already have. Nothing
 * here has an hourly charge: no NAT gateway, load balancer, Elastic IP or interface endpoint.
 *
 * - The private layout (the default, with the front door): the task sits in two IPv6-only
 *   subnets with no public IPv4; it pulls its image, writes its logs and reads its secrets over
 *   IPv6 through an egress-only internet gateway (dual-stack AWS endpoints), and only the front
 *   door's security group may reach its port. The front door function runs in the two public
 *   subnets, which are dual-stack (an Amazon-provided IPv6 block), and calls AWS over IPv6.
 *   `TaskPublicIp` true puts the task in the public subnets with a public IPv4 instead, for
 *   apps that call IPv4-only services; its port stays closed to everyone but the front door.
 * - The public-IP layout (`PublicAccess` public-ip, a region without the dual-stack endpoints
 *   the private layout needs, or an existing VPC without `ExistingFrontDoorSubnetIds`): the task
 *   gets a public IP in the public subnets and pulls its image over the internet gateway.
 *
 * docs/decisions/0002-private-task.md has the design, its sources and what is unverified.
 */
import VPC from 'cloudform-types/types/ec2/vpc';
import Subnet from 'cloudform-types/types/ec2/subnet';
import InternetGateway from 'cloudform-types/types/ec2/internetGateway';
import VPCGatewayAttachment from 'cloudform-types/types/ec2/vpcGatewayAttachment';
import RouteTable from 'cloudform-types/types/ec2/routeTable';
import Route from 'cloudform-types/types/ec2/route';
import SubnetRouteTableAssociation from 'cloudform-types/types/ec2/subnetRouteTableAssociation';
import VPCCidrBlock from 'cloudform-types/types/ec2/vpcCidrBlock';
import EgressOnlyInternetGateway from 'cloudform-types/types/ec2/egressOnlyInternetGateway';
import WaitConditionHandle from 'cloudform-types/types/cloudFormation/waitConditionHandle';
import { Fn, Refs, type IntrinsicFunction } from './cfn';
import { NETWORK_GROUP } from './console-groups';
import type { Fragment } from './fragment';
import { booleanParam, stringParam } from './parameters';

export const CREATE_VPC_CONDITION = 'CreateVpc';
export const VPC_CIDR_PARAM = 'VpcCidr';
export const EXISTING_VPC_PARAM = 'ExistingVpcId';
export const EXISTING_SUBNETS_PARAM = 'ExistingSubnetIds';
export const EXISTING_TASK_SUBNETS_PARAM = 'ExistingTaskSubnetIds';
export const EXISTING_FRONT_DOOR_SUBNETS_PARAM = 'ExistingFrontDoorSubnetIds';
export const TASK_PUBLIC_IP_PARAM = 'TaskPublicIp';
/** The region has the dual-stack endpoints the private layout needs (see {@link NO_DUAL_STACK_REGIONS}). */
export const DUAL_STACK_REGION_CONDITION = 'DualStackEndpointsInRegion';
/** The front door runs in the VPC and the task's port admits only its security group. */
export const PRIVATE_NETWORK_CONDITION = 'PrivateNetwork';
/** The task runs in IPv6-only subnets with no public IPv4 (the default). */
export const IPV6_ONLY_TASK_CONDITION = 'Ipv6OnlyTask';
/** The stack creates the IPv6-only task subnets, their route table and the egress-only gateway. */
export const CREATE_TASK_SUBNETS_CONDITION = 'CreateIpv6OnlySubnets';
/** Exists once the created subnets route to the internet gateway (immediately with existing subnets). */
export const NETWORK_READY_ID = 'NetworkReady';
const SUBNET_ID = 'subnet-[0-9a-f]{8,17}';

/**
 * Regions whose endpoint data (botocore 1.43.11 `endpoints.json`, read 2026-12-06) has no
 * dual-stack endpoint for a service the IPv6-only task needs: ECR, Secrets Manager and Lambda
 * in ap-east-2 and ap-southeast-6; CloudWatch Logs in ap-southeast-5, ap-southeast-7 and
 * mx-central-1. There the stack keeps the public-IP layout (the `DualStackEndpointsInRegion`
 * condition), as it keeps the task's IP where HTTP APIs are missing.
 */
export const NO_DUAL_STACK_REGIONS: readonly string[] = ['ap-east-2', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'mx-central-1'];

/** Options of the network module. */
export interface NetworkOptions {
  /** Default for `VpcCidr`: address range of the VPC the stack creates, /16 to /23. Default `10.0.0.0/16`. */
  vpcCidr?: string;
  /** Default for `ExistingVpcId`: run in this VPC instead of creating one (with `existingSubnetIds`). */
  existingVpcId?: string;
  /** Default for `ExistingSubnetIds`: comma-separated public subnet ids of `existingVpcId`. */
  existingSubnetIds?: string;
  /**
   * Default for `ExistingTaskSubnetIds`: comma-separated IPv6-only subnets of `existingVpcId`
   * (each routing `::/0` to an egress-only internet gateway) for the private task. Needs
   * `existingFrontDoorSubnetIds`. Empty (the default): the task keeps its public IP.
   */
  existingTaskSubnetIds?: string;
  /**
   * Default for `ExistingFrontDoorSubnetIds`: comma-separated dual-stack subnets of
   * `existingVpcId` (an IPv6 block and a `::/0` route out) for the front door function.
   */
  existingFrontDoorSubnetIds?: string;
  /**
   * Default for `TaskPublicIp`: give the private task a public IPv4 too (in the public
   * subnets), for an app that calls IPv4-only services; inbound stays closed. Default false.
   */
  taskPublicIp?: boolean;
}

/** What the network module needs from the others. */
export interface NetworkInputs {
  /** Name of the condition under which the stack has a front door (the private layout needs one). */
  frontDoorCondition: string;
}

/** What other modules use of the network. */
export interface Network {
  fragment: Fragment;
  vpcId: IntrinsicFunction;
  /** The subnets the service's tasks run in (IPv6-only ones in the private layout). */
  subnetIds: IntrinsicFunction;
  /** The dual-stack subnets the front door function runs in (private layout only). */
  frontDoorSubnetIds: IntrinsicFunction;
  /** Logical id the service depends on, so its tasks start after the routes exist and stop before they go. */
  networkReadyId: string;
}

const half = (index: 0 | 1): string => 'ab'[index] ?? '';

/** The first Amazon-provided /56 of the VPC carved into /64s: 0-1 public, 2-3 task subnets. */
const ipv6Slash64 = (index: number): IntrinsicFunction =>
  Fn.Select(index, Fn.Cidr(Fn.Select(0, Fn.GetAtt('Vpc', 'Ipv6CidrBlocks')), 4, 64));

/**
 * A public subnet: dual-stack (its /64 needs the VPC's IPv6 block first), so the front door
 * function can run in it and call AWS over IPv6; tasks here get no IPv6 address of their own.
 */
function publicSubnet(index: 0 | 1): Subnet {
  return new Subnet({
    VpcId: Fn.Ref('Vpc'),
    AvailabilityZone: Fn.Select(index, Fn.GetAZs(Refs.Region)),
    CidrBlock: Fn.Select(index, Fn.Cidr(Fn.Ref(VPC_CIDR_PARAM), 2, 8)),
    Ipv6CidrBlock: ipv6Slash64(index),
    Tags: [{ Key: 'Name', Value: Fn.Sub(`\${AppName}-public-${half(index)}`) }],
  })
    .condition(CREATE_VPC_CONDITION)
    .dependsOn('VpcIpv6Block');
}

/** An IPv6-only subnet for the private task: its only way out is the egress-only gateway. */
function taskSubnet(index: 0 | 1): Subnet {
  return new Subnet({
    VpcId: Fn.Ref('Vpc'),
    AvailabilityZone: Fn.Select(index, Fn.GetAZs(Refs.Region)),
    Ipv6Native: true,
    AssignIpv6AddressOnCreation: true,
    Ipv6CidrBlock: ipv6Slash64(2 + index),
    Tags: [{ Key: 'Name', Value: Fn.Sub(`\${AppName}-task-${half(index)}`) }],
  })
    .condition(CREATE_TASK_SUBNETS_CONDITION)
    .dependsOn('VpcIpv6Block');
}

export function network(o: NetworkOptions, inputs: NetworkInputs): Network {
  const whenNew = <T extends { condition(c: string): T }>(r: T): T => r.condition(CREATE_VPC_CONDITION);
  const whenTaskSubnets = <T extends { condition(c: string): T }>(r: T): T => r.condition(CREATE_TASK_SUBNETS_CONDITION);
  const resources = {
    Vpc: whenNew(
      new VPC({
        CidrBlock: Fn.Ref(VPC_CIDR_PARAM),
        EnableDnsSupport: true,
        EnableDnsHostnames: true,
        Tags: [{ Key: 'Name', Value: Fn.Ref('AppName') }],
      }),
    ),
    // An Amazon-provided /56: free, and what the dual-stack and IPv6-only subnets take /64s of.
    VpcIpv6Block: whenNew(new VPCCidrBlock({ VpcId: Fn.Ref('Vpc'), AmazonProvidedIpv6CidrBlock: true })),
    InternetGateway: whenNew(new InternetGateway({ Tags: [{ Key: 'Name', Value: Fn.Ref('AppName') }] })),
    InternetGatewayAttachment: whenNew(new VPCGatewayAttachment({ VpcId: Fn.Ref('Vpc'), InternetGatewayId: Fn.Ref('InternetGateway') })),
    PublicRouteTable: whenNew(new RouteTable({ VpcId: Fn.Ref('Vpc'), Tags: [{ Key: 'Name', Value: Fn.Sub('${AppName}-public') }] })),
    PublicDefaultRoute: whenNew(
      new Route({
        RouteTableId: Fn.Ref('PublicRouteTable'),
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: Fn.Ref('InternetGateway'),
      }).dependsOn('InternetGatewayAttachment'),
    ),
    // The front door function calls AWS over IPv6 from the public subnets (Lambda gives it no public IPv4).
    PublicIpv6DefaultRoute: whenNew(
      new Route({
        RouteTableId: Fn.Ref('PublicRouteTable'),
        DestinationIpv6CidrBlock: '::/0',
        GatewayId: Fn.Ref('InternetGateway'),
      }).dependsOn('InternetGatewayAttachment'),
    ),
    PublicSubnetA: publicSubnet(0),
    PublicSubnetB: publicSubnet(1),
    PublicSubnetARouteTable: whenNew(
      new SubnetRouteTableAssociation({
        SubnetId: Fn.Ref('PublicSubnetA'),
        RouteTableId: Fn.Ref('PublicRouteTable'),
      }),
    ),
    PublicSubnetBRouteTable: whenNew(
      new SubnetRouteTableAssociation({
        SubnetId: Fn.Ref('PublicSubnetB'),
        RouteTableId: Fn.Ref('PublicRouteTable'),
      }),
    ),
    // Outbound IPv6 only, no hourly charge: the private task's way to ECR, Logs and the internet.
    EgressOnlyInternetGateway: whenTaskSubnets(new EgressOnlyInternetGateway({ VpcId: Fn.Ref('Vpc') })),
    TaskRouteTable: whenTaskSubnets(new RouteTable({ VpcId: Fn.Ref('Vpc'), Tags: [{ Key: 'Name', Value: Fn.Sub('${AppName}-task') }] })),
    TaskIpv6DefaultRoute: whenTaskSubnets(
      new Route({
        RouteTableId: Fn.Ref('TaskRouteTable'),
        DestinationIpv6CidrBlock: '::/0',
        EgressOnlyInternetGatewayId: Fn.Ref('EgressOnlyInternetGateway'),
      }),
    ),
    TaskSubnetA: taskSubnet(0),
    TaskSubnetB: taskSubnet(1),
    TaskSubnetARouteTable: whenTaskSubnets(
      new SubnetRouteTableAssociation({ SubnetId: Fn.Ref('TaskSubnetA'), RouteTableId: Fn.Ref('TaskRouteTable') }),
    ),
    TaskSubnetBRouteTable: whenTaskSubnets(
      new SubnetRouteTableAssociation({ SubnetId: Fn.Ref('TaskSubnetB'), RouteTableId: Fn.Ref('TaskRouteTable') }),
    ),
    // A free placeholder that references the routes only when they exist: the service can
    // DependsOn it whatever CreateVpc is (a DependsOn on a conditional resource would fail when
    // the condition is false). So tasks start after the default routes and the subnet
    // associations exist, and on delete stop (releasing their addresses) before the gateways
    // are detached.
    [NETWORK_READY_ID]: new WaitConditionHandle().metadata({
      DefaultRoute: Fn.If(CREATE_VPC_CONDITION, Fn.Ref('PublicDefaultRoute'), ''),
      Ipv6DefaultRoute: Fn.If(CREATE_VPC_CONDITION, Fn.Ref('PublicIpv6DefaultRoute'), ''),
      SubnetARoutes: Fn.If(CREATE_VPC_CONDITION, Fn.Ref('PublicSubnetARouteTable'), ''),
      SubnetBRoutes: Fn.If(CREATE_VPC_CONDITION, Fn.Ref('PublicSubnetBRouteTable'), ''),
      TaskRoute: Fn.If(CREATE_TASK_SUBNETS_CONDITION, Fn.Ref('TaskIpv6DefaultRoute'), ''),
      TaskSubnetARoutes: Fn.If(CREATE_TASK_SUBNETS_CONDITION, Fn.Ref('TaskSubnetARouteTable'), ''),
      TaskSubnetBRoutes: Fn.If(CREATE_TASK_SUBNETS_CONDITION, Fn.Ref('TaskSubnetBRouteTable'), ''),
    }),
  };

  const vpcId = Fn.If(CREATE_VPC_CONDITION, Fn.Ref('Vpc'), Fn.Ref(EXISTING_VPC_PARAM));
  const publicSubnetIds = Fn.If(
    CREATE_VPC_CONDITION,
    [Fn.Ref('PublicSubnetA'), Fn.Ref('PublicSubnetB')],
    Fn.Split(',', Fn.Ref(EXISTING_SUBNETS_PARAM)),
  );
  const subnetIds = Fn.If(
    IPV6_ONLY_TASK_CONDITION,
    Fn.If(CREATE_VPC_CONDITION, [Fn.Ref('TaskSubnetA'), Fn.Ref('TaskSubnetB')], Fn.Split(',', Fn.Ref(EXISTING_TASK_SUBNETS_PARAM))),
    publicSubnetIds,
  );
  const frontDoorSubnetIds = Fn.If(
    CREATE_VPC_CONDITION,
    [Fn.Ref('PublicSubnetA'), Fn.Ref('PublicSubnetB')],
    Fn.Split(',', Fn.Ref(EXISTING_FRONT_DOOR_SUBNETS_PARAM)),
  );
  const given = (param: string) => Fn.Not(Fn.Equals(Fn.Ref(param), ''));
  const vpcGiven = given(EXISTING_VPC_PARAM);
  const subnetsGiven = given(EXISTING_SUBNETS_PARAM);
  const taskSubnetsGiven = given(EXISTING_TASK_SUBNETS_PARAM);
  const frontDoorSubnetsGiven = given(EXISTING_FRONT_DOOR_SUBNETS_PARAM);

  return {
    fragment: {
      parameters: parameters(o),
      rules: {
        ExistingNetworkIsComplete: {
          RuleCondition: Fn.Or([vpcGiven, subnetsGiven]),
          Assertions: [
            {
              Assert: vpcGiven,
              AssertDescription: 'ExistingSubnetIds is set, so ExistingVpcId must be set too (the VPC of those subnets).',
            },
            {
              Assert: subnetsGiven,
              AssertDescription: 'ExistingVpcId is set, so ExistingSubnetIds must list public subnets of that VPC.',
            },
          ],
        },
        ExistingPrivateSubnetsComeTogether: {
          RuleCondition: Fn.Or([taskSubnetsGiven, frontDoorSubnetsGiven]),
          Assertions: [
            {
              Assert: vpcGiven,
              AssertDescription:
                'ExistingTaskSubnetIds and ExistingFrontDoorSubnetIds are for an existing VPC: set ExistingVpcId and ExistingSubnetIds too, or leave them empty.',
            },
            {
              Assert: frontDoorSubnetsGiven,
              AssertDescription:
                'ExistingTaskSubnetIds is set, so ExistingFrontDoorSubnetIds must list dual-stack subnets of the same VPC for the front door.',
            },
            {
              Assert: Fn.Or([taskSubnetsGiven, Fn.Equals(Fn.Ref(TASK_PUBLIC_IP_PARAM), 'true')]),
              AssertDescription:
                'ExistingFrontDoorSubnetIds is set, so ExistingTaskSubnetIds must list IPv6-only subnets for the task (or set TaskPublicIp to true).',
            },
          ],
        },
      },
      conditions: {
        [CREATE_VPC_CONDITION]: Fn.Equals(Fn.Ref(EXISTING_VPC_PARAM), ''),
        // Regions without a dual-stack endpoint the private layout needs (see NO_DUAL_STACK_REGIONS).
        [DUAL_STACK_REGION_CONDITION]: Fn.Not(Fn.Or(NO_DUAL_STACK_REGIONS.map((r) => Fn.Equals(Refs.Region, r)))),
        [PRIVATE_NETWORK_CONDITION]: Fn.And([
          Fn.Condition(inputs.frontDoorCondition),
          Fn.Condition(DUAL_STACK_REGION_CONDITION),
          // The template cannot see whether an existing VPC has IPv6: it says so with the front door's subnets.
          Fn.Or([Fn.Condition(CREATE_VPC_CONDITION), frontDoorSubnetsGiven]),
        ]),
        [IPV6_ONLY_TASK_CONDITION]: Fn.And([Fn.Condition(PRIVATE_NETWORK_CONDITION), Fn.Equals(Fn.Ref(TASK_PUBLIC_IP_PARAM), 'false')]),
        [CREATE_TASK_SUBNETS_CONDITION]: Fn.And([Fn.Condition(CREATE_VPC_CONDITION), Fn.Condition(IPV6_ONLY_TASK_CONDITION)]),
      },
      resources,
      outputs: {
        VpcId: { Description: 'VPC the service runs in.', Value: vpcId },
        SubnetIds: { Description: 'Subnets the service runs in.', Value: Fn.Join(',', subnetIds) },
        TaskNetwork: {
          Description:
            "ipv6-only: no public IPv4, only the front door reaches the port; private-ipv4: the same with a public IPv4 for outbound calls; public-ip: the task's public IP.",
          Value: Fn.If(IPV6_ONLY_TASK_CONDITION, 'ipv6-only', Fn.If(PRIVATE_NETWORK_CONDITION, 'private-ipv4', 'public-ip')),
        },
      },
    },
    vpcId,
    subnetIds,
    frontDoorSubnetIds,
    networkReadyId: NETWORK_READY_ID,
  };
}

function parameters(o: NetworkOptions): Fragment['parameters'] {
  return {
    [VPC_CIDR_PARAM]: stringParam({
      label: 'VPC address range',
      group: NETWORK_GROUP,
      description: 'CIDR of the VPC the stack creates (two /24 public subnets; IPv6 is Amazon-provided). Unused with an existing VPC.',
      default: o.vpcCidr ?? '10.0.0.0/16',
      pattern: '((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])/(1[6-9]|2[0-3])',
      constraint: 'Must be an IPv4 CIDR block from /16 to /23, for example 10.0.0.0/16.',
    }),
    [TASK_PUBLIC_IP_PARAM]: booleanParam({
      label: 'Give the private task a public IPv4',
      group: NETWORK_GROUP,
      description:
        'https: true adds a public IPv4 ($3.65/month while running) for apps that call IPv4-only services; inbound stays closed.',
      default: o.taskPublicIp ?? false,
    }),
    [EXISTING_VPC_PARAM]: stringParam({
      label: 'Existing VPC id (optional)',
      group: NETWORK_GROUP,
      description: 'Empty creates a VPC. Or your VPC, with its public subnets below.',
      default: o.existingVpcId ?? '',
      pattern: '(vpc-[0-9a-f]{8,17})?',
      constraint: 'Leave empty, or give a VPC id such as vpc-0123456789abcdef0.',
    }),
    [EXISTING_SUBNETS_PARAM]: stringParam({
      label: 'Existing public subnet ids (optional)',
      group: NETWORK_GROUP,
      description: 'With an existing VPC: its public subnets (routed to an internet gateway), ideally in two zones.',
      default: o.existingSubnetIds ?? '',
      pattern: `(${SUBNET_ID}(,${SUBNET_ID})*)?`,
      constraint: 'Empty, or subnet ids separated by commas without spaces.',
    }),
    [EXISTING_TASK_SUBNETS_PARAM]: stringParam({
      label: 'Existing IPv6-only subnet ids for the task (optional)',
      group: NETWORK_GROUP,
      description:
        'With an existing VPC and https: IPv6-only subnets routing ::/0 to an egress-only gateway. Empty: the task keeps a public IP.',
      default: o.existingTaskSubnetIds ?? '',
      pattern: `(${SUBNET_ID}(,${SUBNET_ID})*)?`,
      constraint: 'Empty, or subnet ids separated by commas without spaces.',
    }),
    [EXISTING_FRONT_DOOR_SUBNETS_PARAM]: stringParam({
      label: 'Existing dual-stack subnet ids for the front door (optional)',
      group: NETWORK_GROUP,
      description: 'With ExistingTaskSubnetIds: dual-stack subnets (IPv4 and IPv6, ::/0 routed out) the front door function runs in.',
      default: o.existingFrontDoorSubnetIds ?? '',
      pattern: `(${SUBNET_ID}(,${SUBNET_ID})*)?`,
      constraint: 'Empty, or subnet ids separated by commas without spaces.',
    }),
  };
}
