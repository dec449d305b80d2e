/**
 * The scheduled idle check: stop the service when nobody has asked for the app for
 * `idleMinutes`. Requests decide, not the clock: a service is kept while the last request is
 * recent, and also while its newest task is younger than the idle window, so a manual start
 * (the start workflow, a deploy) always gets its full window before anything stops it.
 */
import { lastActivity } from './activity';
import { desiredCount, serviceTasks, type AwsClients } from './app-state';
import type { FrontDoorConfig } from './config';
import { setDesiredCount } from './service-control';
import type { SSMClient } from '@aws-sdk/client-ssm';

/** What the idle check decided, and why (logged, and returned to the scheduler). */
export interface IdleDecision {
  stopped: boolean;
  reason: string;
}

export interface IdleCheckDeps {
  clients: AwsClients & { ssm: SSMClient };
  config: FrontDoorConfig;
  now(): number;
}

export async function checkIdle(deps: IdleCheckDeps): Promise<IdleDecision> {
  const { config, clients } = deps;
  if (config.idleMinutes <= 0) return { stopped: false, reason: 'IdleMinutes is 0' };
  if ((await desiredCount(clients.ecs, config)) === 0) return { stopped: false, reason: 'already stopped' };

  const now = deps.now();
  const windowMs = config.idleMinutes * 60_000;
  const last = await lastActivity(clients.ssm, config.activityParameter);
  if (now - last < windowMs) return { stopped: false, reason: `last request at ${new Date(last).toISOString()}` };

  const newestTask = Math.max(0, ...(await serviceTasks(clients.ecs, config, 'RUNNING')).map((t) => t.createdAt?.getTime() ?? 0));
  if (now - newestTask < windowMs) {
    return { stopped: false, reason: `task started at ${new Date(newestTask).toISOString()}` };
  }

  await setDesiredCount(clients.ecs, config, 0);
  return { stopped: true, reason: `no request for ${config.idleMinutes} minutes` };
}
