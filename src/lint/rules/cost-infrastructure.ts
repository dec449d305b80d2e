/**
 * Cost rules for infrastructure beyond the app's own stack that bills by the hour just for
 * existing: Auto Scaling groups, EKS, directories, DMS, EMR, graph and document databases,
 * DNS resolver endpoints, VPN connections and transit gateway attachments. Where our price
 * table has no figure we trust, the finding names the class and the pricing page instead.
 */
import { listItems, referencedResource } from '../intrinsics';
import { cite, EC2_INSTANCE_PRICES, monthly, PRICES, PRICING_PAGES, rate, usd, type Price } from '../prices';
import { isObject, type JsonObject } from '../types';
import { costRule, countOf, defaults, priceNodes, prop, stringOf, SUPPRESS } from './cost-rule';
import type { RuleContext } from './types';

/** The instance type a launch template or launch configuration of this template sets, if any. */
function launchInstanceType(props: JsonObject, ctx: RuleContext): string | undefined {
  const lt = prop(props, 'LaunchTemplate');
  const ref = isObject(lt) ? (lt['LaunchTemplateId'] ?? lt['LaunchTemplateName']) : props['LaunchConfigurationName'];
  const target = ref === undefined ? undefined : referencedResource(ref, ctx.template);
  const tprops = target && isObject(target[1]['Properties']) ? target[1]['Properties'] : undefined;
  if (tprops === undefined) return undefined;
  return stringOf(prop(tprops, 'LaunchTemplateData', 'InstanceType') ?? tprops['InstanceType'], ctx);
}

/** `about $X` / `at least $X` for instances priced from the EC2 table, or why there is no figure. */
function ec2Instances(count: { n: number; known: boolean }, type: string | undefined): string {
  if (type !== undefined && EC2_INSTANCE_PRICES[type] === undefined) {
    return `${count.n} instance${count.n === 1 ? '' : 's'} of ${type}, which is not in our price table (see ${EC2_INSTANCE_PRICES['t4g.nano']?.source})`;
  }
  return priceNodes(count, type, EC2_INSTANCE_PRICES, 't4g.nano', 'instance', 't4g.nano, the cheapest type');
}

const AUTO_SCALING_GROUP = costRule({
  id: 'FO218',
  severity: 'warning',
  title: 'Auto Scaling group that runs instances by default (DesiredCapacity or MinSize above 0)',
  help: 'An Auto Scaling group starts its desired (or minimum) number of EC2 instances as soon as the stack is created, and bills them every hour.',
  fix: 'Default DesiredCapacity and MinSize to 0 and scale out when needed, or use a smaller or Graviton instance type.',
  types: ['AWS::AutoScaling::AutoScalingGroup'],
  assess(props, ctx) {
    const desired = props['DesiredCapacity'] === undefined ? countOf(props['MinSize'], ctx, 1) : countOf(props['DesiredCapacity'], ctx, 1);
    if (desired.known && desired.n <= 0) return undefined;
    const instances = ec2Instances(desired, launchInstanceType(props, ctx));
    return (
      `The group starts ${desired.known ? desired.n : 'at least 1'} EC2 instance${desired.n === 1 ? '' : 's'} when the stack is created: ${instances}, plus their EBS volumes. ` +
      `Cheaper: DesiredCapacity and MinSize 0 by default (scale out when needed), or a smaller or Graviton (Linux only) instance type. ${SUPPRESS('FO218')}`
    );
  },
});

const EKS = costRule({
  id: 'FO219',
  severity: 'warning',
  title: 'EKS cluster (billed per cluster-hour) or managed node group that runs nodes by default',
  help: 'An EKS cluster bills its control plane every hour it exists, with or without workloads; a managed node group bills its EC2 nodes.',
  fix: 'Run the containers on ECS with Fargate, which has no cluster charge.',
  types: ['AWS::EKS::Cluster', 'AWS::EKS::Nodegroup'],
  assess(props, ctx, type) {
    const cheaper = `Cheaper: ECS on Fargate has no cluster charge and bills tasks only while they run. ${SUPPRESS('FO219')}`;
    if (type === 'AWS::EKS::Cluster') {
      const p = PRICES.eksCluster;
      const extended = PRICES.eksExtendedSupportCluster;
      return `An EKS cluster costs ${usd(monthly(p.usd))}/month (${rate(p.usd)}/cluster-hour; ${cite(p)}) with or without workloads, and ${usd(monthly(extended.usd))}/month (${rate(extended.usd)}/hour) once its Kubernetes version is in extended support. ${cheaper}`;
    }
    const scaling = prop(props, 'ScalingConfig');
    const s = isObject(scaling) ? scaling : {};
    const nodes = s['DesiredSize'] === undefined ? countOf(s['MinSize'], ctx, 1, 1) : countOf(s['DesiredSize'], ctx, 1);
    if (nodes.known && nodes.n <= 0) return undefined;
    // EKS uses t3.medium when neither InstanceTypes nor a launch template names one (CreateNodegroup API).
    const given = props['InstanceTypes'] === undefined ? undefined : listItems({ value: props['InstanceTypes'], path: [] })[0];
    const instanceType =
      given === undefined ? (props['LaunchTemplate'] === undefined ? 't3.medium' : undefined) : stringOf(given.value, ctx);
    return `The managed node group starts ${nodes.n} node${nodes.n === 1 ? '' : 's'}: ${ec2Instances(nodes, instanceType)}, plus their EBS volumes. ${cheaper}`;
  },
});

const DIRECTORY = costRule({
  id: 'FO220',
  severity: 'warning',
  title: 'Directory Service directory (billed per hour)',
  help: 'A Simple AD or AWS Managed Microsoft AD directory bills every hour it exists, used or not.',
  fix: 'Use IAM Identity Center or Cognito for application sign-in, or share one directory across accounts.',
  types: ['AWS::DirectoryService::SimpleAD', 'AWS::DirectoryService::MicrosoftAD'],
  assess(props, ctx, type) {
    const cheaper = `Cheaper: IAM Identity Center or Cognito for sign-in, or one directory shared across accounts. ${SUPPRESS('FO220')}`;
    if (type === 'AWS::DirectoryService::SimpleAD') {
      const size = stringOf(props['Size'], ctx);
      const p = size === 'Large' ? PRICES.simpleAdLarge : PRICES.simpleAdSmall;
      const known = size === 'Small' || size === 'Large';
      return `A ${known ? size : 'Simple AD'} ${known ? 'Simple AD directory' : 'directory'} costs ${known ? 'about' : 'at least'} ${usd(monthly(p.usd))}/month (${rate(p.usd)}/hour${known ? '' : ', the price of the Small size; its size is not known from the template'}; ${cite(p)}). ${cheaper}`;
    }
    const edition = stringOf(props['Edition'], ctx) ?? 'Enterprise';
    return `An AWS Managed Microsoft AD directory (${edition} edition) bills each of its domain controllers (two at least) every hour it exists; our price table has no figure for it, see ${PRICING_PAGES.directoryService}. ${cheaper}`;
  },
});

const DMS_INSTANCE = costRule({
  id: 'FO221',
  severity: 'warning',
  title: 'DMS replication instance (billed per hour)',
  help: 'A DMS replication instance bills every hour it exists, whether or not a task replicates.',
  fix: 'Delete the instance when the migration is done, or use DMS Serverless, billed only while it replicates.',
  types: ['AWS::DMS::ReplicationInstance'],
  assess(props, ctx) {
    const klass = stringOf(props['ReplicationInstanceClass'], ctx);
    const multiAz = defaults(props['MultiAZ'], ctx)[0];
    const az = multiAz === true || multiAz === 'true' ? ' in two AZs (Multi-AZ bills both)' : '';
    return (
      `A DMS replication instance${klass ? ` (${klass})` : ''} bills every hour it exists${az}, plus its storage; our price table has no figure for it, see ${PRICING_PAGES.dms}. ` +
      `Cheaper: DMS Serverless, billed only while it replicates, or delete the instance when the migration is done. ${SUPPRESS('FO221')}`
    );
  },
});

const EMR_CLUSTER = costRule({
  id: 'FO222',
  severity: 'warning',
  title: 'EMR cluster (EC2 instances plus an EMR fee, per hour)',
  help: 'An EMR cluster bills its EC2 instances and an EMR fee per instance-hour for as long as it runs.',
  fix: 'EMR Serverless, billed only while a job runs, or a transient cluster that terminates after its steps.',
  types: ['AWS::EMR::Cluster'],
  assess(props, ctx) {
    const instances = prop(props, 'Instances');
    const groups = ['MasterInstanceGroup', 'CoreInstanceGroup'].map((g) => prop(isObject(instances) ? instances : {}, g)).filter(isObject);
    const parts = groups.map((g) => ({ count: countOf(g['InstanceCount'], ctx, 1), type: stringOf(g['InstanceType'], ctx) }));
    const priced = parts.every((p) => p.type !== undefined && EC2_INSTANCE_PRICES[p.type] !== undefined) && parts.length > 0;
    const ec2 = priced
      ? `at least ${usd(parts.reduce((sum, p) => sum + p.count.n * monthly((EC2_INSTANCE_PRICES[p.type as string] as Price).usd), 0))}/month for the EC2 instances alone (${parts.map((p) => `${p.count.n} × ${p.type} at ${rate((EC2_INSTANCE_PRICES[p.type as string] as Price).usd)}/hour`).join(' + ')}; ${cite(EC2_INSTANCE_PRICES[parts[0]?.type as string] as Price)}), plus the EMR fee per instance-hour (${PRICING_PAGES.emr})`
      : `its instance types are not all in our price table, see ${PRICING_PAGES.emr}`;
    return (
      `An EMR cluster bills its EC2 instances and an EMR fee every hour it runs: ${ec2}. ` +
      `Cheaper: EMR Serverless, billed only while a job runs, or a cluster that terminates after its steps. ${SUPPRESS('FO222')}`
    );
  },
});

const GRAPH_DOCUMENT_INSTANCE = costRule({
  id: 'FO223',
  severity: 'warning',
  title: 'Neptune or DocumentDB instance (billed per hour)',
  help: 'A Neptune or DocumentDB instance bills every hour it exists, idle or not.',
  fix: 'DynamoDB on-demand, or Neptune/DocumentDB serverless capacity that scales down when idle.',
  types: ['AWS::Neptune::DBInstance', 'AWS::DocDB::DBInstance'],
  assess(props, ctx, type) {
    const neptune = type === 'AWS::Neptune::DBInstance';
    const klass = stringOf(props['DBInstanceClass'], ctx);
    return (
      `A ${neptune ? 'Neptune' : 'DocumentDB'} instance${klass ? ` (${klass})` : ''} bills every hour it exists, plus the cluster's storage and I/O; our price table has no figure for it, see ${neptune ? PRICING_PAGES.neptune : PRICING_PAGES.documentdb}. ` +
      `Cheaper: DynamoDB on-demand, nothing when idle. ${SUPPRESS('FO223')}`
    );
  },
});

const RESOLVER_ENDPOINT = costRule({
  id: 'FO224',
  severity: 'warning',
  title: 'Route 53 Resolver endpoint (billed per network interface-hour)',
  help: 'A Resolver endpoint bills each of its network interfaces (two at least) every hour it exists.',
  fix: 'Use the VPC resolver (AmazonProvidedDNS) unless DNS must cross to or from another network.',
  types: ['AWS::Route53Resolver::ResolverEndpoint'],
  assess(props) {
    const p = PRICES.resolverEndpointEni;
    const given = props['IpAddresses'] === undefined ? 0 : listItems({ value: props['IpAddresses'], path: [] }).length;
    const enis = Math.max(2, given);
    return (
      `A Route 53 Resolver endpoint costs ${usd(monthly(p.usd) * enis)}/month (${enis} network interfaces × ${rate(p.usd)}/hour; ${cite(p)}) plus queries. ` +
      `Cheaper: the VPC's own resolver, unless DNS must cross to or from another network. ${SUPPRESS('FO224')}`
    );
  },
});

const VPN_CONNECTION = costRule({
  id: 'FO225',
  severity: 'warning',
  title: 'Site-to-Site VPN connection (billed per connection-hour)',
  help: 'A Site-to-Site VPN connection bills every hour it exists, with or without traffic.',
  fix: 'Reach the service over its public endpoint with TLS, or use Client VPN or Session Manager for people.',
  types: ['AWS::EC2::VPNConnection'],
  assess(props) {
    const p = PRICES.vpnConnection;
    const tgw = props['TransitGatewayId'] !== undefined;
    const a = PRICES.transitGatewayAttachment;
    return (
      `A Site-to-Site VPN connection costs ${usd(monthly(p.usd))}/month (${rate(p.usd)}/connection-hour; ${cite(p)})${tgw ? `, plus ${usd(monthly(a.usd))}/month for its transit gateway attachment (${cite(a)})` : ''}, with or without traffic. ` +
      `Cheaper: the service's public endpoint with TLS, or Session Manager for administration. ${SUPPRESS('FO225')}`
    );
  },
});

const TRANSIT_GATEWAY_ATTACHMENT = costRule({
  id: 'FO226',
  severity: 'warning',
  title: 'Transit Gateway attachment (billed per attachment-hour)',
  help: 'A transit gateway bills each attachment (VPC, peering, Connect) every hour it exists, plus data processed.',
  fix: 'VPC peering for a few VPCs (no hourly charge), or a single VPC.',
  types: [
    'AWS::EC2::TransitGatewayAttachment',
    'AWS::EC2::TransitGatewayVpcAttachment',
    'AWS::EC2::TransitGatewayPeeringAttachment',
    'AWS::EC2::TransitGatewayConnect',
  ],
  assess() {
    const p = PRICES.transitGatewayAttachment;
    return (
      `A transit gateway attachment costs ${usd(monthly(p.usd))}/month (${rate(p.usd)}/attachment-hour plus data processed; ${cite(p)}) with or without traffic. ` +
      `Cheaper: VPC peering (no hourly charge) for a few VPCs. ${SUPPRESS('FO226')}`
    );
  },
});

/** The infrastructure cost rules, in id order. */
export const INFRASTRUCTURE_COST_RULES = [
  AUTO_SCALING_GROUP,
  EKS,
  DIRECTORY,
  DMS_INSTANCE,
  EMR_CLUSTER,
  GRAPH_DOCUMENT_INSTANCE,
  RESOLVER_ENDPOINT,
  VPN_CONNECTION,
  TRANSIT_GATEWAY_ATTACHMENT,
] as const;
