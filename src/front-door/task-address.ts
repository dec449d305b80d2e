/**
 * The task's address inside the VPC, as DescribeTasks reports it: its IPv6 address (IPv6-only
 * subnets) or its private IPv4 address (the front door in the VPC, the task with a public IPv4
 * for its own outbound calls). No EC2 call: ECS reports both, where it reports only the private
 * side of a public IP (app-state.ts reads that one from EC2).
 *
 * ECS gives the address in two places: the task's network interface attachment (`details`, by
 * name) and each container's `networkInterfaces` (the documented `ipv6Address` and
 * `privateIpv4Address` fields). The attachment's `ipv6Address` detail is not in ECS's
 * reference; it is read first where present, the container's field otherwise
 * (scripts/private-task-experiment.sh prints both from a real task).
 */
import type { Task } from '@aws-sdk/client-ecs';

/** Which address of the task the front door connects to. */
export type VpcAddressKind = 'ipv6' | 'private-ipv4';

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
          ? 'the service must run in IPv6-only subnets (ExistingTaskSubnetIds, or the stack\'s own)'
          : 'the task has no network interface yet'),
    );
    this.name = 'NoTaskAddressError';
  }
}

/** The task's address of this kind, from its network interface attachment or its containers. */
export function vpcAddress(task: Task, kind: VpcAddressKind): string {
  const field = FIELDS[kind];
  const fromAttachment = task.attachments
    ?.find((a) => a.type === 'ElasticNetworkInterface')
    ?.details?.find((d) => d.name === field.detail)?.value;
  const fromContainer = task.containers?.flatMap((c) => c.networkInterfaces ?? []).find((n) => n[field.container])?.[field.container];
  const address = fromAttachment || fromContainer;
  if (!address) throw new NoTaskAddressError(task.taskArn ?? 'unknown', kind);
  return address;
}
