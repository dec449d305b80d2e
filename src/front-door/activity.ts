/**
 * The front door's records, in standard SSM parameters (no charge for storage or for
 * standard-throughput calls), one writer each so no write undoes another:
 *
 * - `last-request`: the time of the last request the app answered that counts as activity
 *   (see wake-policy.ts). The front door writes it at most once a minute per function instance.
 * - `last-start`: the last start, `{"at":ISO,"by":"owner"|"visitor"}`. The owner's start (the
 *   deployer's `start` and `deploy`, through {@link recordOwnerStart}) and a visitor's wake
 *   write it. A start counts as activity, and failed starts are counted from it.
 * - `state`: the idle check's own: today's run time and why it last stopped the app.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import { ssmSdk } from './sdk';

/** How often one function instance writes the time of the latest counted request. */
export const RECORD_EVERY_MS = 60_000;

/** Who started the app. */
export type Starter = 'owner' | 'visitor';

/** The last start. `at` is 0 when none was recorded. */
export interface StartRecord {
  at: number;
  by: Starter;
}

/** What the idle check keeps between runs. */
export interface IdleState {
  /** The UTC day `runMs` counts (YYYY-MM-DD). */
  day: string;
  /** How long the app has run on `day`, as the idle check measured it. */
  runMs: number;
  /** When the idle check last measured the run time (epoch ms, 0 for never). */
  checkedAt: number;
  /** When the idle check stopped the app for a reason only the owner clears (epoch ms). */
  stoppedAt?: number;
  /** Why, for the visitors' page. */
  stopReason?: string;
}

/** All three records. */
export interface Records {
  lastRequest: number;
  lastStart: StartRecord;
  state: IdleState;
}

/** The names of the three parameters under the stack's path (e.g. `/portfolio/front-door`). */
export interface ParameterNames {
  lastRequest: string;
  lastStart: string;
  state: string;
}

/** The parameter names under `path`; the template creates each (src/template/front-door.ts). */
export function parameterNames(path: string): ParameterNames {
  return { lastRequest: `${path}/last-request`, lastStart: `${path}/last-start`, state: `${path}/state` };
}

async function put(ssm: SSMClient, name: string, value: string): Promise<void> {
  const { PutParameterCommand } = ssmSdk();
  await ssm.send(new PutParameterCommand({ Name: name, Value: value, Overwrite: true }));
}

/**
 * Records the owner's start (the deployer's `start`, and its `deploy`): it counts as activity,
 * clears a stop the owner must clear (failed starts in a row), resets the failed-start count,
 * and exempts this run from the daily run-hours budget. `parameter` is the `last-start`
 * parameter's name.
 */
export async function recordOwnerStart(ssm: SSMClient, parameter: string, now: number): Promise<void> {
  await put(ssm, parameter, startRecordValue({ at: now, by: 'owner' }));
}

/** Records a visitor's wake (the front door set the desired count to 1). */
export async function recordVisitorStart(ssm: SSMClient, parameter: string, now: number): Promise<void> {
  await put(ssm, parameter, startRecordValue({ at: now, by: 'visitor' }));
}

/** The idle check's state as stored. */
export async function writeIdleState(ssm: SSMClient, parameter: string, state: IdleState): Promise<void> {
  await put(
    ssm,
    parameter,
    JSON.stringify({ ...state, checkedAt: iso(state.checkedAt), stoppedAt: state.stoppedAt && iso(state.stoppedAt) }),
  );
}

/** Writes the time of counted requests, at most once per {@link RECORD_EVERY_MS}. One per function instance. */
export class ActivityRecorder {
  private lastWritten = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ssm: () => SSMClient,
    private readonly parameter: string,
  ) {}

  /** Records a counted request at `now` unless this instance recorded one less than a minute ago. */
  async record(now: number): Promise<void> {
    if (now - this.lastWritten < RECORD_EVERY_MS) return;
    await put(this.ssm(), this.parameter, iso(now));
    this.lastWritten = now;
  }
}

/** Reads the records in one GetParameters call; a missing or unreadable one reads as "never". */
export async function readRecords(ssm: SSMClient, names: ParameterNames): Promise<Records> {
  const { GetParametersCommand } = ssmSdk();
  const out = await ssm.send(new GetParametersCommand({ Names: [names.lastRequest, names.lastStart, names.state] }));
  const value = (name: string): string => out.Parameters?.find((p) => p.Name === name)?.Value ?? '';
  return {
    lastRequest: parseTime(value(names.lastRequest)),
    lastStart: parseStart(value(names.lastStart)),
    state: parseIdleState(value(names.state)),
  };
}

export function startRecordValue(start: StartRecord): string {
  return JSON.stringify({ at: iso(start.at), by: start.by });
}

export function parseStart(text: string): StartRecord {
  const o = parseObject(text);
  return { at: parseTime(o['at']), by: o['by'] === 'owner' ? 'owner' : 'visitor' };
}

export function parseIdleState(text: string): IdleState {
  const o = parseObject(text);
  const state: IdleState = {
    day: typeof o['day'] === 'string' ? o['day'] : '',
    runMs: typeof o['runMs'] === 'number' ? o['runMs'] : 0,
    checkedAt: parseTime(o['checkedAt']),
  };
  const stoppedAt = parseTime(o['stoppedAt']);
  if (stoppedAt > 0) {
    state.stoppedAt = stoppedAt;
    state.stopReason = typeof o['stopReason'] === 'string' ? o['stopReason'] : 'stopped by the front door';
  }
  return state;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const o: unknown = JSON.parse(text);
    return typeof o === 'object' && o !== null ? (o as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Epoch ms of an ISO time, 0 when absent or unreadable. */
function parseTime(value: unknown): number {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? 0 : time;
}

const iso = (ms: number): string => new Date(ms).toISOString();
