/**
 * The read-only EC2 calls `deploy` makes to check an existing VPC's subnets for the private
 * layout (src/stack/private-network.ts), through src/aws/call.ts (retries, Ctrl-C, deadline).
 */
import { DescribeRouteTablesCommand, DescribeSubnetsCommand, type EC2Client, type RouteTable, type Subnet } from '@aws-sdk/client-ec2';
import { awsCall, type CallContext } from './call';

/** The subnets with these ids (EC2 refuses the call if one does not exist). */
export async function describeSubnets(ec2: EC2Client, subnetIds: readonly string[], ctx: CallContext): Promise<Subnet[]> {
  const r = await awsCall(ctx, `reading subnets ${subnetIds.join(', ')} (ec2:DescribeSubnets)`, (abortSignal) =>
    ec2.send(new DescribeSubnetsCommand({ SubnetIds: [...subnetIds] }), { abortSignal }),
  );
  return r.Subnets ?? [];
}

/** Every route table of the VPC (the main one included), all pages. */
export async function describeRouteTables(ec2: EC2Client, vpcId: string, ctx: CallContext): Promise<RouteTable[]> {
  const tables: RouteTable[] = [];
  let next: string | undefined;
  do {
    const token = next;
    const r = await awsCall(ctx, `reading the route tables of ${vpcId} (ec2:DescribeRouteTables)`, (abortSignal) =>
      ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }], ...(token ? { NextToken: token } : {}) }), {
        abortSignal,
      }),
    );
    tables.push(...(r.RouteTables ?? []));
    next = r.NextToken;
  } while (next);
  return tables;
}
