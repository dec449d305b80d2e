/**
 * Before deploying into an existing VPC with the private layout (`ExistingTaskSubnetIds`,
 * `ExistingFrontDoorSubnetIds`), `deploy` checks what it can with read-only EC2 calls, since
 * the template cannot see it and the failure would come late: a task that never starts
 * (ResourceInitializationError after minutes), or a front door that times out.
 *
 * - Task subnets: in the VPC, IPv6-only (Fargate pulls the ECR auth token over IPv4 in a
 *   dual-stack subnet, aws/containers-roadmap#2792), with an IPv6 block, IPv6 addresses
 *   assigned on creation, and `::/0` routed to an egress-only internet gateway.
 * - Front door subnets: in the VPC, dual-stack (Lambda's `Ipv6AllowedForDualStack` needs both
 *   families), with `::/0` routed out (an internet gateway or an egress-only one).
 *
 * docs/decisions/0002-private-task.md says what such a VPC needs.
 */
import type { EC2Client, RouteTable, Subnet } from '@aws-sdk/client-ec2';
import type { CallContext } from '../aws/call';
import { describeRouteTables, describeSubnets } from '../aws/ec2';
import { UserError } from '../errors';

/** The existing network the parameters name for the private layout. */
export interface PrivateNetworkInputs {
  vpcId: string;
  /** IPv6-only subnets for the task (empty with `TaskPublicIp` true: the task uses the public ones). */
  taskSubnetIds: string[];
  /** Dual-stack subnets for the front door function. */
  frontDoorSubnetIds: string[];
}

const list = (value: string | undefined): string[] =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/**
 * The private layout's subnets the stack's parameter values name, or undefined when it uses
 * none (a new VPC, or an existing one in the public-IP layout): nothing to check.
 */
export function privateNetworkInputs(values: Readonly<Record<string, string | undefined>>): PrivateNetworkInputs | undefined {
  const vpcId = values['ExistingVpcId'] ?? '';
  const frontDoorSubnetIds = list(values['ExistingFrontDoorSubnetIds']);
  if (!vpcId || frontDoorSubnetIds.length === 0 || values['PublicAccess'] === 'public-ip') return undefined;
  const taskSubnetIds = values['TaskPublicIp'] === 'true' ? [] : list(values['ExistingTaskSubnetIds']);
  return { vpcId, taskSubnetIds, frontDoorSubnetIds };
}

/** The route table a subnet uses: its own association, else the VPC's main table. */
function routeTableOf(subnetId: string, tables: readonly RouteTable[]): RouteTable | undefined {
  return (
    tables.find((t) => t.Associations?.some((a) => a.SubnetId === subnetId)) ??
    tables.find((t) => t.Associations?.some((a) => a.Main === true))
  );
}

/** The active `::/0` route of a subnet's table, if any. */
function ipv6DefaultRoute(subnetId: string, tables: readonly RouteTable[]) {
  return routeTableOf(subnetId, tables)?.Routes?.find((r) => r.DestinationIpv6CidrBlock === '::/0' && r.State !== 'blackhole');
}

/** States of an IPv6 block that is leaving or never came. */
const GONE = new Set<string>(['disassociating', 'disassociated', 'failing', 'failed']);

/** A subnet's IPv6 block that is there or on its way (moto 5.2 writes the state as unreadable text, so only a known bad state counts against it). */
const hasIpv6Block = (s: Subnet): boolean =>
  (s.Ipv6CidrBlockAssociationSet ?? []).some((a) => Boolean(a.Ipv6CidrBlock) && !GONE.has(a.Ipv6CidrBlockState?.State ?? ''));

/** Every problem with the named subnets, each naming the subnet, the parameter and the fix. Empty when all is well. */
export function privateNetworkProblems(inputs: PrivateNetworkInputs, subnets: readonly Subnet[], tables: readonly RouteTable[]): string[] {
  const problems: string[] = [];
  const byId = new Map(subnets.map((s) => [s.SubnetId ?? '', s]));
  const found = (id: string, param: string): Subnet | undefined => {
    const s = byId.get(id);
    if (!s) problems.push(`${param}: subnet ${id} was not found.`);
    else if (s.VpcId !== inputs.vpcId) problems.push(`${param}: subnet ${id} is in ${s.VpcId}, not in ExistingVpcId ${inputs.vpcId}.`);
    return s && s.VpcId === inputs.vpcId ? s : undefined;
  };
  for (const id of inputs.taskSubnetIds) {
    const s = found(id, 'ExistingTaskSubnetIds');
    if (!s) continue;
    const p = `ExistingTaskSubnetIds: subnet ${id}`;
    if (s.Ipv6Native !== true) {
      problems.push(
        `${p} is not IPv6-only: in a dual-stack subnet Fargate still fetches the ECR token over IPv4 and the task never starts. Create an IPv6-only subnet (Ipv6Native).`,
      );
    }
    if (!hasIpv6Block(s)) problems.push(`${p} has no IPv6 block: give it a /64 of the VPC's IPv6 block.`);
    if (s.AssignIpv6AddressOnCreation !== true)
      problems.push(`${p} does not assign IPv6 addresses on creation: turn on AssignIpv6AddressOnCreation.`);
    const route = ipv6DefaultRoute(id, tables);
    if (!route) {
      problems.push(
        `${p} has no ::/0 route: route ::/0 to an egress-only internet gateway (the task pulls its image, writes logs and reads secrets over IPv6).`,
      );
    } else if (!route.EgressOnlyInternetGatewayId) {
      problems.push(
        `${p} routes ::/0 to ${route.GatewayId ?? route.NatGatewayId ?? route.TransitGatewayId ?? 'something else'}, not to an egress-only internet gateway: ` +
          'use one, so nothing on the internet can open a connection to the task.',
      );
    }
  }
  for (const id of inputs.frontDoorSubnetIds) {
    const s = found(id, 'ExistingFrontDoorSubnetIds');
    if (!s) continue;
    const p = `ExistingFrontDoorSubnetIds: subnet ${id}`;
    if (!s.CidrBlock || !hasIpv6Block(s)) {
      problems.push(`${p} is not dual-stack (an IPv4 and an IPv6 block): Lambda's outbound IPv6 (Ipv6AllowedForDualStack) needs both.`);
    }
    const route = ipv6DefaultRoute(id, tables);
    if (!route || !(route.EgressOnlyInternetGatewayId || route.GatewayId?.startsWith('igw-'))) {
      problems.push(`${p} has no ::/0 route to an internet gateway or an egress-only one: the front door calls ECS and SSM over IPv6.`);
    }
  }
  return problems;
}

/** A deploy into an existing VPC that the private layout cannot use as it is. */
export class PrivateNetworkError extends UserError {
  constructor(readonly problems: readonly string[]) {
    super(`The existing VPC's subnets do not suit the private layout:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * The values the stack will have for the network parameters: given, else (an update) the
 * stack's previous ones, else the template's defaults.
 */
export function effectiveNetworkValues(
  given: Readonly<Record<string, string | null | undefined>>,
  previous: readonly { ParameterKey?: string; ParameterValue?: string }[],
  specs: Readonly<Record<string, { Default?: unknown }>>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of ['ExistingVpcId', 'ExistingTaskSubnetIds', 'ExistingFrontDoorSubnetIds', 'TaskPublicIp', 'PublicAccess']) {
    const value = given[key] ?? previous.find((p) => p.ParameterKey === key)?.ParameterValue ?? specs[key]?.Default;
    out[key] = value === undefined || value === null ? undefined : String(value);
  }
  return out;
}

/**
 * Reads the named subnets and the VPC's route tables (read-only) and throws
 * {@link PrivateNetworkError} listing every problem.
 */
export async function checkPrivateNetwork(ec2: EC2Client, inputs: PrivateNetworkInputs, ctx: CallContext): Promise<void> {
  const ids = [...new Set([...inputs.taskSubnetIds, ...inputs.frontDoorSubnetIds])];
  const subnets = await describeSubnets(ec2, ids, ctx);
  const tables = await describeRouteTables(ec2, inputs.vpcId, ctx);
  const problems = privateNetworkProblems(inputs, subnets, tables);
  if (problems.length > 0) throw new PrivateNetworkError(problems);
}
