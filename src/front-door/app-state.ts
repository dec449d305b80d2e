/**
 * Where the app is: running (and at which public address), starting, stopped, or failing to
 * start. Read from ECS (the service and its tasks) and EC2 (the task's network interface
 * holds its public IP; ECS reports only the private one).
 */
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  type DesiredStatus,
  type ECSClient,
  type Task,
} from '@aws-sdk/client-ecs';
import { DescribeNetworkInterfacesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { FrontDoorConfig } from './config';

/** The app as the front door sees it. */
export type AppState =
  | { kind: 'running'; address: string; taskArn: string }
  | { kind: 'starting'; status: string }
  | { kind: 'stopped' }
  | { kind: 'failed'; stopCode: string; reason: string };

/** The AWS clients the front door calls. */
export interface AwsClients {
  ecs: ECSClient;
  ec2: EC2Client;
}

/** A task that stopped longer ago than this no longer says anything about the current start. */
export const FAILED_START_MEMORY_MS = 10 * 60_000;

/** ECS stop codes of a task that never served: the start itself failed. */
const FAILED_TO_START = new Set(['TaskFailedToStart', 'EssentialContainerExited']);

/** The service is gone or inactive: nothing the front door can start. */
export class ServiceMissingError extends Error {
  constructor(service: string, cluster: string) {
    super(`ECS service ${service} is not active in cluster ${cluster}: deploy the stack again`);
    this.name = 'ServiceMissingError';
  }
}

/** A running task without a public IP cannot be reached from the front door. */
export class NoPublicAddressError extends Error {
  constructor(taskArn: string) {
    super(`Task ${taskArn} has no public IP: the service must set AssignPublicIp ENABLED`);
    this.name = 'NoPublicAddressError';
  }
}

export async function readAppState(clients: AwsClients, config: FrontDoorConfig, now: number): Promise<AppState> {
  const live = await serviceTasks(clients.ecs, config, 'RUNNING');
  const running = live.find((t) => t.lastStatus === 'RUNNING');
  if (running) {
    const address = await publicAddress(clients.ec2, running);
    return { kind: 'running', address, taskArn: running.taskArn ?? '' };
  }
  const pending = live[0];
  if (pending) return { kind: 'starting', status: pending.lastStatus ?? 'PENDING' };

  if ((await desiredCount(clients.ecs, config)) === 0) return { kind: 'stopped' };
  const failed = latestFailedStart(await serviceTasks(clients.ecs, config, 'STOPPED'), now);
  if (failed) return failed;
  return { kind: 'starting', status: 'REQUESTED' };
}

export async function desiredCount(ecs: ECSClient, config: FrontDoorConfig): Promise<number> {
  const out = await ecs.send(new DescribeServicesCommand({ cluster: config.cluster, services: [config.service] }));
  const service = out.services?.[0];
  if (service?.status !== 'ACTIVE') throw new ServiceMissingError(config.service, config.cluster);
  return service.desiredCount ?? 0;
}

/** The service's tasks with this desired status (RUNNING also lists tasks still starting). */
export async function serviceTasks(ecs: ECSClient, config: FrontDoorConfig, desiredStatus: DesiredStatus): Promise<Task[]> {
  const list = await ecs.send(
    new ListTasksCommand({ cluster: config.cluster, serviceName: config.service, desiredStatus }),
  );
  const arns = list.taskArns ?? [];
  if (arns.length === 0) return [];
  const described = await ecs.send(new DescribeTasksCommand({ cluster: config.cluster, tasks: arns }));
  return described.tasks ?? [];
}

function latestFailedStart(stopped: Task[], now: number): AppState | undefined {
  const latest = stopped
    .filter((t) => t.stoppedAt !== undefined && now - t.stoppedAt.getTime() < FAILED_START_MEMORY_MS)
    .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0))[0];
  if (!latest?.stopCode || !FAILED_TO_START.has(latest.stopCode)) return undefined;
  return { kind: 'failed', stopCode: latest.stopCode, reason: latest.stoppedReason ?? '' };
}

async function publicAddress(ec2: EC2Client, task: Task): Promise<string> {
  const eni = task.attachments
    ?.find((a) => a.type === 'ElasticNetworkInterface')
    ?.details?.find((d) => d.name === 'networkInterfaceId')?.value;
  if (!eni) throw new NoPublicAddressError(task.taskArn ?? 'unknown');
  const out = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni] }));
  const ip = out.NetworkInterfaces?.[0]?.Association?.PublicIp;
  if (!ip) throw new NoPublicAddressError(task.taskArn ?? 'unknown');
  return ip;
}
