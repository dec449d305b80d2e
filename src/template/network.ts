/**
 * Where the task runs: by default a small VPC of its own (two public subnets in two zones, an
 * internet gateway and a route; none of these has an hourly charge), or subnets you already
 * have. No NAT gateway, load balancer, Elastic IP or interface endpoint: the task gets a public
 * IP and pulls its image over the internet gateway.
 */
import VPC from 'cloudform-types/types/ec2/vpc';
import Subnet from 'cloudform-types/types/ec2/subnet';
import InternetGateway from 'cloudform-types/types/ec2/internetGateway';
import VPCGatewayAttachment from 'cloudform-types/types/ec2/vpcGatewayAttachment';
import RouteTable from 'cloudform-types/types/ec2/routeTable';
import Route from 'cloudform-types/types/ec2/route';
import SubnetRouteTableAssociation from 'cloudform-types/types/ec2/subnetRouteTableAssociation';
import WaitConditionHandle from 'cloudform-types/types/cloudFormation/waitConditionHandle';
import { Fn, Refs, type IntrinsicFunction } from './cfn';
import { NETWORK_GROUP } from './console-groups';
import type { Fragment } from './fragment';
import { stringParam } from './parameters';

export const CREATE_VPC_CONDITION = 'CreateVpc';
export const VPC_CIDR_PARAM = 'VpcCidr';
export const EXISTING_VPC_PARAM = 'ExistingVpcId';
export const EXISTING_SUBNETS_PARAM = 'ExistingSubnetIds';
/** Exists once the created subnets route to the internet gateway (immediately with existing subnets). */
export const NETWORK_READY_ID = 'NetworkReady';
const SUBNET_ID = 'subnet-[0-9a-f]{8,17}';

/** Options of the network module. */
export interface NetworkOptions {
  /** Default for `VpcCidr`: address range of the VPC the stack creates, /16 to /23. Default `10.0.0.0/16`. */
  vpcCidr?: string;
  /** Default for `ExistingVpcId`: run in this VPC instead of creating one (with `existingSubnetIds`). */
  existingVpcId?: string;
  /** Default for `ExistingSubnetIds`: comma-separated public subnet ids of `existingVpcId`. */
  existingSubnetIds?: string;
}

/** What other modules use of the network. */
export interface Network {
  fragment: Fragment;
  vpcId: IntrinsicFunction;
  subnetIds: IntrinsicFunction;
  /** Logical id the service depends on, so its tasks start after the routes exist and stop before they go. */
  networkReadyId: string;
}

function publicSubnet(index: 0 | 1): Subnet {
  return new Subnet({
    VpcId: Fn.Ref('Vpc'),
    AvailabilityZone: Fn.Select(index, Fn.GetAZs(Refs.Region)),
    CidrBlock: Fn.Select(index, Fn.Cidr(Fn.Ref(VPC_CIDR_PARAM), 2, 8)),
    Tags: [{ Key: 'Name', Value: Fn.Sub(`\${AppName}-public-${'ab'[index]}`) }],
  }).condition(CREATE_VPC_CONDITION);
}

export function network(o: NetworkOptions = {}): Network {
  const whenNew = <T extends { condition(c: string): T }>(r: T): T => r.condition(CREATE_VPC_CONDITION);
  const resources = {
    Vpc: whenNew(
      new VPC({
        CidrBlock: Fn.Ref(VPC_CIDR_PARAM),
        EnableDnsSupport: true,
        EnableDnsHostnames: true,
        Tags: [{ Key: 'Name', Value: Fn.Ref('AppName') }],
      }),
    ),
    InternetGateway: whenNew(
      new InternetGateway({ Tags: [{ Key: 'Name', Value: Fn.Ref('AppName') }] }),
    ),
    InternetGatewayAttachment: whenNew(
      new VPCGatewayAttachment({ VpcId: Fn.Ref('Vpc'), InternetGatewayId: Fn.Ref('InternetGateway') }),
    ),
    PublicRouteTable: whenNew(
      new RouteTable({ VpcId: Fn.Ref('Vpc'), Tags: [{ Key: 'Name', Value: Fn.Sub('${AppName}-public') }] }),
    ),
    PublicDefaultRoute: whenNew(
      new Route({
        RouteTableId: Fn.Ref('PublicRouteTable'),
        DestinationCidrBlock: '0.0.0.0/0',
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
    // A free placeholder that references the routes only when they exist: the service can
    // DependsOn it whatever CreateVpc is (a DependsOn on a conditional resource would fail when
    // the condition is false). So tasks start after the default route and the subnet
    // associations exist, and on delete stop (releasing their public IPs) before the internet
    // gateway is detached.
    [NETWORK_READY_ID]: new WaitConditionHandle().metadata({
      DefaultRoute: Fn.If(CREATE_VPC_CONDITION, Fn.Ref('PublicDefaultRoute'), ''),
      SubnetARoutes: Fn.If(CREATE_VPC_CONDITION, Fn.Ref('PublicSubnetARouteTable'), ''),
      SubnetBRoutes: Fn.If(CREATE_VPC_CONDITION, Fn.Ref('PublicSubnetBRouteTable'), ''),
    }),
  };

  const vpcId = Fn.If(CREATE_VPC_CONDITION, Fn.Ref('Vpc'), Fn.Ref(EXISTING_VPC_PARAM));
  const subnetIds = Fn.If(
    CREATE_VPC_CONDITION,
    [Fn.Ref('PublicSubnetA'), Fn.Ref('PublicSubnetB')],
    Fn.Split(',', Fn.Ref(EXISTING_SUBNETS_PARAM)),
  );
  const vpcGiven = Fn.Not(Fn.Equals(Fn.Ref(EXISTING_VPC_PARAM), ''));
  const subnetsGiven = Fn.Not(Fn.Equals(Fn.Ref(EXISTING_SUBNETS_PARAM), ''));

  return {
    fragment: {
      parameters: {
        [VPC_CIDR_PARAM]: stringParam({
          label: 'VPC address range',
          group: NETWORK_GROUP,
          description:
            'CIDR of the VPC the stack creates (two /24 public subnets). Unused with an existing VPC.',
          default: o.vpcCidr ?? '10.0.0.0/16',
          pattern: '((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])/(1[6-9]|2[0-3])',
          constraint: 'Must be an IPv4 CIDR block from /16 to /23, for example 10.0.0.0/16.',
        }),
        [EXISTING_VPC_PARAM]: stringParam({
          label: 'Existing VPC id (optional)',
          group: NETWORK_GROUP,
          description:
            'Empty creates a VPC. Or your VPC, with its public subnets below.',
          default: o.existingVpcId ?? '',
          pattern: '(vpc-[0-9a-f]{8,17})?',
          constraint: 'Leave empty, or give a VPC id such as vpc-0123456789abcdef0.',
        }),
        [EXISTING_SUBNETS_PARAM]: stringParam({
          label: 'Existing public subnet ids (optional)',
          group: NETWORK_GROUP,
          description:
            'With an existing VPC: its public subnets (routed to an internet gateway), ideally in two zones.',
          default: o.existingSubnetIds ?? '',
          pattern: `(${SUBNET_ID}(,${SUBNET_ID})*)?`,
          constraint:
            'Empty, or subnet ids separated by commas without spaces.',
        }),
      },
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
      },
      conditions: { [CREATE_VPC_CONDITION]: Fn.Equals(Fn.Ref(EXISTING_VPC_PARAM), '') },
      resources,
      outputs: {
        VpcId: { Description: 'VPC the service runs in.', Value: vpcId },
        SubnetIds: { Description: 'Subnets the service runs in.', Value: Fn.Join(',', subnetIds) },
      },
    },
    vpcId,
    subnetIds,
    networkReadyId: NETWORK_READY_ID,
  };
}
