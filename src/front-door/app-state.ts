/**
 * Where the app is: running (and at which address), starting, stopped, or failing to start.
 * Read from ECS (the service and its tasks); the address comes from task-address.ts.
 */
import type { DesiredStatus, ECSClient, Task } from '@aws-sdk/client-ecs';
import type { FrontDoorConfig } from './config';
import { isFailedStart } from './failed-starts';
import { ecsSdk, type AwsClients } from './sdk';
import { taskAddress } from './task-address';

/** The app as the front door sees it. */
export type AppState =
  | { kind: 'running'; address: string; taskArn: string; startedAt: number }
  /** `since`: when the task was created; undefined while ECS has not placed one yet. */
  | { kind: 'starting'; status: string; since?: number }
  | { kind: 'stopped' }
  | { kind: 'failed'; stopCode: string; stoppedAt: number };

/** A task that stopped longer ago than this no longer says anything about the current start. */
export const FAILED_START_MEMORY_MS = 10 * 60_000;

/** The service is gone or inactive: nothing the front door can start. */
export class ServiceMissingError extends Error {
  constructor(service: string, cluster: string) {
    super(`ECS service ${service} is not active in cluster ${cluster}: deploy the stack again`);
    this.name = 'ServiceMissingError';
  }
}

export async function readAppState(clients: AwsClients, config: FrontDoorConfig, now: number): Promise<AppState> {
  const live = await serviceTasks(clients.ecs(), config, 'RUNNING');
  const running = live.find((t) => t.lastStatus === 'RUNNING');
  if (running) {
    const address = await taskAddress(running, clients);
    return { kind: 'running', address, taskArn: running.taskArn ?? '', startedAt: time(running.startedAt ?? running.createdAt) };
  }
  const pending = live[0];
  if (pending) return { kind: 'starting', status: pending.lastStatus ?? 'PENDING', since: time(pending.createdAt) };

  if ((await desiredCount(clients.ecs(), config)) === 0) return { kind: 'stopped' };
  const failed = latestFailedStart(await serviceTasks(clients.ecs(), config, 'STOPPED'), now);
  if (failed) return failed;
  return { kind: 'starting', status: 'REQUESTED' };
}

/**
 * Whether the task found earlier still runs (one DescribeTasks call): a stopped task's address
 * goes back to the pool, and another customer's host may answer on it next.
 */
export async function stillRunning(ecs: ECSClient, config: FrontDoorConfig, taskArn: string): Promise<boolean> {
  const { DescribeTasksCommand } = ecsSdk();
  const out = await ecs.send(new DescribeTasksCommand({ cluster: config.cluster, tasks: [taskArn] }));
  const task = out.tasks?.[0];
  return task?.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING';
}

export async function desiredCount(ecs: ECSClient, config: FrontDoorConfig): Promise<number> {
  const { DescribeServicesCommand } = ecsSdk();
  const out = await ecs.send(new DescribeServicesCommand({ cluster: config.cluster, services: [config.service] }));
  const service = out.services?.[0];
  if (service?.status !== 'ACTIVE') throw new ServiceMissingError(config.service, config.cluster);
  return service.desiredCount ?? 0;
}

/** The service's tasks with this desired status (RUNNING also lists tasks still starting). */
export async function serviceTasks(ecs: ECSClient, config: FrontDoorConfig, desiredStatus: DesiredStatus): Promise<Task[]> {
  const { DescribeTasksCommand, ListTasksCommand } = ecsSdk();
  const list = await ecs.send(new ListTasksCommand({ cluster: config.cluster, serviceName: config.service, desiredStatus }));
  const arns = list.taskArns ?? [];
  if (arns.length === 0) return [];
  const described = await ecs.send(new DescribeTasksCommand({ cluster: config.cluster, tasks: arns }));
  return described.tasks ?? [];
}

function latestFailedStart(stopped: Task[], now: number): AppState | undefined {
  const latest = stopped
    .filter((t) => t.stoppedAt !== undefined && now - t.stoppedAt.getTime() < FAILED_START_MEMORY_MS)
    .sort((a, b) => time(b.stoppedAt) - time(a.stoppedAt))[0];
  if (!latest || !isFailedStart(latest)) return undefined;
  return { kind: 'failed', stopCode: latest.stopCode ?? 'unknown', stoppedAt: time(latest.stoppedAt) };
}

/** Epoch ms of an SDK date, 0 when absent. */
export function time(date: Date | undefined): number {
  return date?.getTime() ?? 0;
}
