/**
 * One request through the front door: record it for the idle stop, then proxy it to the
 * running task, or start the stopped service and answer at once with a page that reloads
 * itself until the app is up.
 */
import { isThrottling } from '../aws/errors';
import type { ActivityRecorder } from './activity';
import { readAppState, type AwsClients } from './app-state';
import type { FrontDoorConfig } from './config';
import type { HttpRequestEvent, HttpResponse } from './events';
import { busyPage, errorPage, failedPage, startingPage } from './pages';
import { forward, UpstreamUnreachableError, type Upstream } from './proxy';
import type { RunningTaskCache } from './running-task-cache';
import { setDesiredCount } from './service-control';

/** Connecting to a live task takes milliseconds; a replaced task's address never answers. */
export const CONNECT_TIMEOUT_MS = 3_000;
/** Under the HTTP API's 30 s integration timeout, so the answer is ours, not a bare 503. */
export const APP_TIMEOUT_MS = 25_000;

/** Everything a request needs; one set per function instance. */
export interface FrontDoorDeps {
  clients: AwsClients;
  config: FrontDoorConfig;
  activity: ActivityRecorder;
  cache: RunningTaskCache;
  now(): number;
  /** One structured log line (CloudWatch Logs through the function's stdout). */
  log(message: string, detail?: Record<string, unknown>): void;
}

export async function handleRequest(event: HttpRequestEvent, deps: FrontDoorDeps): Promise<HttpResponse> {
  const now = deps.now();
  await recordActivity(deps, now);
  try {
    const cached = deps.cache.get(now);
    if (cached) {
      try {
        return await forward(event, upstream(cached, deps.config));
      } catch (e) {
        if (!(e instanceof UpstreamUnreachableError)) throw e;
        deps.cache.clear();
      }
    }
    const state = await readAppState(deps.clients, deps.config, now);
    switch (state.kind) {
      case 'running':
        deps.cache.set(state.address, now);
        try {
          return await forward(event, upstream(state.address, deps.config));
        } catch (e) {
          if (!(e instanceof UpstreamUnreachableError)) throw e;
          deps.cache.clear();
          deps.log('task is running but the app does not accept connections yet', { error: e.message });
          return startingPage();
        }
      case 'stopped':
        await setDesiredCount(deps.clients.ecs, deps.config, 1);
        deps.log('started the service (desired count 1) for a request');
        return startingPage();
      case 'starting':
        return startingPage();
      case 'failed':
        deps.log('the last start of the app failed', { stopCode: state.stopCode, reason: state.reason });
        return failedPage(state.stopCode);
    }
  } catch (e) {
    if (isThrottling(e)) {
      deps.log('AWS throttled the front door', { error: describe(e) });
      return busyPage();
    }
    deps.log('front door error', { error: describe(e) });
    return errorPage();
  }
}

/** A failed write must not fail the visitor's request: the idle check then sees an older time. */
async function recordActivity(deps: FrontDoorDeps, now: number): Promise<void> {
  try {
    await deps.activity.record(now);
  } catch (e) {
    deps.log('could not record the request time for the idle stop', { error: describe(e) });
  }
}

function upstream(address: string, config: FrontDoorConfig): Upstream {
  return { host: address, port: config.port, connectTimeoutMs: CONNECT_TIMEOUT_MS, timeoutMs: APP_TIMEOUT_MS };
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
