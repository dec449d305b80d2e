/**
 * The scheduled check (every five minutes while the front door exists). It measures today's
 * run time, then stops the service, in this order, when:
 *
 * 1. its last {@link MAX_FAILED_STARTS} starts failed in a row (counted from the last start) and
 *    no task accepts connections now: stopped until the owner starts it, the reason shown to visitors;
 * 2. a visitor-started run has used up the daily run-hours budget;
 * 3. nothing counted for `idleMinutes`: no answered request that may wake the app, and no start
 *    (a visitor's wake, or the owner's start or deploy). The age of the task does not count.
 *
 * A task that has run for {@link LISTEN_LIMIT_MS} without the app ever answering, and that
 * refuses connections on the app port, is stopped as a failed start (ECS replaces it).
 */
import type { Task } from '@aws-sdk/client-ecs';
import { readRecords, writeIdleState, type IdleState, type Records } from './activity';
import { desiredCount, serviceTasks, time } from './app-state';
import type { FrontDoorConfig } from './config';
import { failedStartsInARow, LISTEN_LIMIT_MS, MAX_FAILED_STARTS, NOT_LISTENING_REASON } from './failed-starts';
import { acceptsConnections } from './probe';
import { addRunTime, budgetApplies, budgetSpent } from './run-budget';
import type { AwsClients } from './sdk';
import { setDesiredCount, stopTask } from './service-control';
import { taskAddress } from './task-address';

/** How long the check waits for the app's port to accept a connection. */
export const PROBE_TIMEOUT_MS = 3_000;

/** What the idle check decided, and why (logged, and returned to the scheduler). */
export interface IdleDecision {
  stopped: boolean;
  reason: string;
}

export interface IdleCheckDeps {
  clients: AwsClients;
  config: FrontDoorConfig;
  now(): number;
  /** Whether the app accepts connections (default: a TCP connection to the task, {@link acceptsConnections}). */
  probe?(host: string, port: number): Promise<boolean>;
}

export async function checkIdle(deps: IdleCheckDeps): Promise<IdleDecision> {
  const { config, clients } = deps;
  const ecs = clients.ecs();
  if ((await desiredCount(ecs, config)) === 0) return { stopped: false, reason: 'already stopped' };

  const now = deps.now();
  const records = await readRecords(clients.ssm(), config.parameters);
  const live = await serviceTasks(ecs, config, 'RUNNING');
  const state = addRunTime(records.state, now, live.length > 0);
  const decision = await decide(deps, records, state, live, now);
  if (decision.stopped) await setDesiredCount(ecs, config, 0);
  await writeIdleState(clients.ssm(), config.parameters.state, decision.state);
  return { stopped: decision.stopped, reason: decision.reason };
}

async function decide(
  deps: IdleCheckDeps,
  records: Records,
  state: IdleState,
  live: Task[],
  now: number,
): Promise<IdleDecision & { state: IdleState }> {
  const { config, clients } = deps;
  const probe = deps.probe ?? ((host, port) => acceptsConnections(host, port, PROBE_TIMEOUT_MS));
  const running = live.filter((t) => t.lastStatus === 'RUNNING');
  const listens = async (t: Task): Promise<boolean> => probe(await taskAddress(t, clients), config.port);

  // 1. A crash loop: only worth the calls when no task has run past the listen limit.
  if (!running.some((t) => now - time(t.startedAt) >= LISTEN_LIMIT_MS)) {
    const failed = failedStartsInARow(await serviceTasks(clients.ecs(), config, 'STOPPED'), records.lastStart.at);
    if (failed.count >= MAX_FAILED_STARTS && !(await someAsync(running, listens))) {
      const reason = `${failed.count} failed starts in a row (${failed.stopCode})`;
      return { stopped: true, reason, state: { ...state, stoppedAt: now, stopReason: reason } };
    }
  }

  // A task that never answered and does not listen after the limit is a failed start.
  for (const t of running) {
    const silent = now - time(t.startedAt) >= LISTEN_LIMIT_MS && records.lastRequest < time(t.startedAt);
    if (silent && !(await listens(t))) {
      await stopTask(clients.ecs(), config, t.taskArn ?? '', NOT_LISTENING_REASON);
      return { stopped: false, reason: `stopped task ${t.taskArn ?? ''}: ${NOT_LISTENING_REASON}`, state };
    }
  }

  // 2. The daily budget, for runs that visitors started.
  if (budgetApplies(records.lastStart) && budgetSpent(state, config.dailyRunHours, now)) {
    return { stopped: true, reason: `ran ${config.dailyRunHours} hours today (DailyRunHours)`, state };
  }

  // 3. Idle.
  if (config.idleMinutes <= 0) return { stopped: false, reason: 'IdleMinutes is 0', state };
  const last = Math.max(records.lastRequest, records.lastStart.at);
  if (now - last < config.idleMinutes * 60_000) {
    return { stopped: false, reason: `last request or start at ${new Date(last).toISOString()}`, state };
  }
  return { stopped: true, reason: `no request or start for ${config.idleMinutes} minutes`, state };
}

async function someAsync<T>(items: readonly T[], test: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
}
