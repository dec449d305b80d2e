/**
 * One request through the front door. The app running: proxy the request to it (once), and
 * count it as activity if it may wake the app and the app answered it. The app not running:
 * a request that may wake it (wake-policy.ts) starts it, unless the owner must (failed starts)
 * or today's run-hours budget is spent, and gets a page that reloads itself for a while; any
 * other request gets a short 503 and changes nothing.
 */
import { isThrottling } from '../aws/errors';
import { readRecords, recordVisitorStart, type ActivityRecorder } from './activity';
import { readAppState, stillRunning, type AppState } from './app-state';
import type { FrontDoorConfig } from './config';
import { ORIGIN_HEADER } from './config';
import type { HttpRequestEvent, HttpResponse } from './events';
import { asleep, budgetPage, busyPage, errorPage, failedPage, startingPage, stoppedPage, timeoutPage } from './pages';
import { forward, REQUEST_DEADLINE_MS, UpstreamUnreachableError, type Upstream } from './proxy';
import { budgetSpent, nextUtcMidnight } from './run-budget';
import type { AwsClients } from './sdk';
import { setDesiredCount } from './service-control';
import { CONFIRM_EVERY_MS, type StateCache } from './state-cache';
import { mayWake } from './wake-policy';

/** Connecting to a live task takes milliseconds; a replaced task's address never answers. */
export const CONNECT_TIMEOUT_MS = 3_000;
/** `Retry-After` of the short answer to requests that may not wake the app. */
export const ASLEEP_RETRY_AFTER_S = 60;

/** Everything a request needs; one set per function instance. */
export interface FrontDoorDeps {
  clients: AwsClients;
  config: FrontDoorConfig;
  activity: ActivityRecorder;
  cache: StateCache;
  now(): number;
  /** One structured log line (CloudWatch Logs through the function's stdout). */
  log(message: string, detail?: Record<string, unknown>): void;
}

/** Answers within {@link REQUEST_DEADLINE_MS}, whatever the app or AWS do. */
export async function handleRequest(event: HttpRequestEvent, deps: FrontDoorDeps): Promise<HttpResponse> {
  const started = deps.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<HttpResponse>((resolve) => {
    timer = setTimeout(() => resolve(timeoutPage(REQUEST_DEADLINE_MS / 1000)), REQUEST_DEADLINE_MS + 500);
  });
  try {
    return await Promise.race([answer(event, deps, started), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function answer(event: HttpRequestEvent, deps: FrontDoorDeps, started: number): Promise<HttpResponse> {
  const wakes = mayWake(event, deps.config.wakeOn);
  try {
    const state = await currentState(deps, started);
    if (state.kind === 'running') {
      try {
        const { response, fromApp } = await forward(event, upstream(state.address, deps, started));
        if (fromApp && wakes) await recordActivity(deps, deps.now());
        return response;
      } catch (e) {
        if (!(e instanceof UpstreamUnreachableError)) throw e;
        deps.cache.clear();
        deps.log('task is running but the app does not accept connections', { error: e.message });
        return wakes ? startingPage(state.startedAt, deps.now()) : asleep(ASLEEP_RETRY_AFTER_S);
      }
    }
    if (!wakes) return asleep(ASLEEP_RETRY_AFTER_S);
    switch (state.kind) {
      case 'stopped':
        return await wake(event, deps, started);
      case 'starting':
        return startingPage(state.since ?? (await readRecords(deps.clients.ssm(), deps.config.parameters)).lastStart.at, started);
      case 'failed':
        return failedPage(state.stopCode, state.stoppedAt, started);
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

/** The cached state while fresh; a cached running task confirmed with one call; else read from ECS. */
async function currentState(deps: FrontDoorDeps, now: number): Promise<AppState> {
  const cached = deps.cache.get();
  if (cached && now - cached.at < CONFIRM_EVERY_MS) return cached.state;
  if (cached?.state.kind === 'running' && (await stillRunning(deps.clients.ecs(), deps.config, cached.state.taskArn))) {
    deps.cache.set(cached.state, now);
    return cached.state;
  }
  const state = await readAppState(deps.clients, deps.config, now);
  deps.cache.set(state, now);
  return state;
}

/** Starts the stopped service for a visitor, unless its owner must, or today's budget is spent. */
async function wake(event: HttpRequestEvent, deps: FrontDoorDeps, now: number): Promise<HttpResponse> {
  const { config, clients } = deps;
  const records = await readRecords(clients.ssm(), config.parameters);
  const { stoppedAt, stopReason } = records.state;
  if (stoppedAt !== undefined && stoppedAt > records.lastStart.at) return stoppedPage(stopReason ?? 'stopped');
  if (budgetSpent(records.state, config.dailyRunHours, now)) {
    return budgetPage(config.dailyRunHours, nextUtcMidnight(now), now);
  }
  await setDesiredCount(clients.ecs(), config, 1);
  deps.cache.set({ kind: 'starting', status: 'REQUESTED', since: now }, now);
  deps.log('wake', {
    sourceIp: event.requestContext.http.sourceIp ?? '',
    userAgent: event.headers?.['user-agent'] ?? '',
    path: event.rawPath,
  });
  try {
    await recordVisitorStart(clients.ssm(), config.parameters.lastStart, now);
  } catch (e) {
    deps.log('could not record the start for the idle stop', { error: describe(e) });
  }
  return startingPage(now, now);
}

/** A failed write must not fail the visitor's request: the idle check then sees an older time. */
async function recordActivity(deps: FrontDoorDeps, now: number): Promise<void> {
  try {
    await deps.activity.record(now);
  } catch (e) {
    deps.log('could not record the request time for the idle stop', { error: describe(e) });
  }
}

function upstream(address: string, deps: FrontDoorDeps, started: number): Upstream {
  return {
    host: address,
    port: deps.config.port,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    deadline: started + REQUEST_DEADLINE_MS,
    now: deps.now,
    originHeader: ORIGIN_HEADER,
    originSecret: deps.config.originSecret,
  };
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
