/**
 * Where the front door reaches a running task: the one place that knows the address source
 * (`TASK_ADDRESS`, set by the template with the layout, src/template/network.ts):
 *
 * - `ipv6`: the task's IPv6 address, in the IPv6-only subnets (the private layout's default);
 * - `private-ipv4`: its private IPv4 address (the private layout with `TaskPublicIp`);
 * - `public-ip`: its public IPv4 address (the front door outside the VPC). ECS does not report
 *   it (only the private one): it is on the task's network interface, so this asks EC2, the
 *   only EC2 call of the front door.
 *
 * The two VPC addresses need no EC2 call. ECS gives them in the task's network interface
 * attachment (`details`, by name) and in each container's `networkInterfaces` (the documented
 * `ipv6Address` and `privateIpv4Address` fields); the attachment's `ipv6Address` detail is not in
 * ECS's reference, so the container's field is the fallback (scripts/private-task-experiment.sh
 * prints both from a real task).
 */
import type { Task } from '@aws-sdk/client-ecs';
import type { TaskAddressSource } from './config';
import { ec2Sdk, type AwsClients } from './sdk';

/** Which address of the task the front door connects to inside the VPC. */
export type VpcAddressKind = Exclude<TaskAddressSource, 'public-ip'>;

/** The task's attachment detail and container field that hold each address. */
const FIELDS: Readonly<Record<VpcAddressKind, { detail: string; container: 'ipv6Address' | 'privateIpv4Address' }>> = {
  ipv6: { detail: 'ipv6Address', container: 'ipv6Address' },
  'private-ipv4': { detail: 'privateIPv4Address', container: 'privateIpv4Address' },
};

/** A running task without the address its layout gives it: the front door cannot reach it. */
export class NoTaskAddressError extends Error {
  constructor(taskArn: string, kind: VpcAddressKind) {
    super(
      `Task ${taskArn} has no ${kind === 'ipv6' ? 'IPv6' : 'private IPv4'} address in DescribeTasks: ` +
        (kind === 'ipv6'
          ? "the service must run in IPv6-only subnets (ExistingTaskSubnetIds, or the stack's own)"
          : 'the task has no network interface yet'),
    );
    this.name = 'NoTaskAddressError';
  }
}

/** The task's address of this kind, from its network interface attachment or its containers. */
export function vpcAddress(task: Task, kind: VpcAddressKind): string {
  const field = FIELDS[kind];
  const fromContainer = task.containers?.flatMap((c) => c.networkInterfaces ?? []).find((n) => n[field.container])?.[field.container];
  const address = eniDetail(task, field.detail) || fromContainer;
  if (!address) throw new NoTaskAddressError(task.taskArn ?? 'unknown', kind);
  return address;
}

/** A running task without a public IP cannot be reached from the front door. */
export class NoPublicAddressError extends Error {
  constructor(taskArn: string) {
    super(`Task ${taskArn} has no public IP: the service must set AssignPublicIp ENABLED`);
    this.name = 'NoPublicAddressError';
  }
}

/** The detail `name` of the task's ENI attachment, if present. */
export function eniDetail(task: Task, name: string): string | undefined {
  return task.attachments?.find((a) => a.type === 'ElasticNetworkInterface')?.details?.find((d) => d.name === name)?.value;
}

/** The address the front door connects to (an IPv4 address, or an IPv6 one without brackets). */
export async function taskAddress(task: Task, clients: AwsClients, source: TaskAddressSource = 'public-ip'): Promise<string> {
  if (source !== 'public-ip') return vpcAddress(task, source);
  const eni = eniDetail(task, 'networkInterfaceId');
  if (!eni) throw new NoPublicAddressError(task.taskArn ?? 'unknown');
  const { DescribeNetworkInterfacesCommand } = ec2Sdk();
  const out = await clients.ec2().send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni] }));
  const ip = out.NetworkInterfaces?.[0]?.Association?.PublicIp;
  if (!ip) throw new NoPublicAddressError(task.taskArn ?? 'unknown');
  return ip;
}
