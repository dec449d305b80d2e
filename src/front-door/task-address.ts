/**
 * Where the front door reaches a running task: the one place that knows the address source.
 * Today the task's public IPv4 address, which ECS does not report (only the private one): it
 * is on the task's network interface, so this asks EC2, the only EC2 call of the front door.
 * A task on a private address needs no EC2 call: DescribeTasks' ENI attachment carries it
 * (`privateIPv4Address`, `ipv6Address`), and this function is all that changes.
 */
import type { Task } from '@aws-sdk/client-ecs';
import { ec2Sdk, type AwsClients } from './sdk';

/** A running task without a public IP cannot be reached from the front door. */
export class NoPublicAddressError extends Error {
  constructor(taskArn: string) {
    super(`Task ${taskArn} has no public IP: the service must set AssignPublicIp ENABLED`);
    this.name = 'NoPublicAddressError';
  }
}

/** The detail `name` of the task's ENI attachment, if present. */
export function eniDetail(task: Task, name: string): string | undefined {
  return task.attachments
    ?.find((a) => a.type === 'ElasticNetworkInterface')
    ?.details?.find((d) => d.name === name)?.value;
}

/** The address the front door connects to (an IPv4 address, or an IPv6 one without brackets). */
export async function taskAddress(task: Task, clients: AwsClients): Promise<string> {
  const eni = eniDetail(task, 'networkInterfaceId');
  if (!eni) throw new NoPublicAddressError(task.taskArn ?? 'unknown');
  const { DescribeNetworkInterfacesCommand } = ec2Sdk();
  const out = await clients.ec2().send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni] }));
  const ip = out.NetworkInterfaces?.[0]?.Association?.PublicIp;
  if (!ip) throw new NoPublicAddressError(task.taskArn ?? 'unknown');
  return ip;
}
