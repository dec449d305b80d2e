/**
 * Failed starts, read from the service's stopped tasks (ECS keeps them for at least an hour):
 * the idle check stops a service after {@link MAX_FAILED_STARTS} in a row, so a crashing app
 * is not replaced forever.
 */
import type { Task } from '@aws-sdk/client-ecs';

/** Failed starts in a row after which the idle check stops the service. */
export const MAX_FAILED_STARTS = 3;

/**
 * How long a task may run without accepting a connection on the app port: after this, the
 * idle check stops it as a failed start (reason {@link NOT_LISTENING_REASON}). A container that
 * exits within this time of starting is a failed start too.
 */
export const LISTEN_LIMIT_MS = 5 * 60_000;

/** The `reason` the idle check gives ECS StopTask for a task that never accepted connections. */
export const NOT_LISTENING_REASON = 'fargate-oidc front door: the app did not accept connections on its port within 5 minutes';

/** A stopped task that never served: it failed to start, exited soon after, or never listened. */
export function isFailedStart(task: Task): boolean {
  if (task.stopCode === 'TaskFailedToStart') return true;
  if (task.stoppedReason === NOT_LISTENING_REASON) return true;
  if (task.stopCode !== 'EssentialContainerExited') return false;
  const started = task.startedAt?.getTime();
  const stopped = task.stoppedAt?.getTime() ?? 0;
  return started === undefined || stopped - started < LISTEN_LIMIT_MS;
}

/** Failed starts in a row among tasks stopped after `since`, newest first; the stop code of the newest. */
export function failedStartsInARow(stopped: readonly Task[], since: number): { count: number; stopCode: string } {
  const recent = stopped
    .filter((t) => (t.stoppedAt?.getTime() ?? 0) > since)
    .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0));
  let count = 0;
  for (const t of recent) {
    if (!isFailedStart(t)) break;
    count++;
  }
  const newest = recent[0];
  const stopCode = newest?.stoppedReason === NOT_LISTENING_REASON ? 'NotListening' : (newest?.stopCode ?? '');
  return { count, stopCode };
}
