/**
 * The time of the last request, kept in one SSM parameter (a standard parameter: no charge
 * for storage or for standard-throughput calls). The front door writes it at most once a
 * minute per function instance; the idle check reads it.
 */
import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/** How often one function instance writes the time of the latest request. */
export const RECORD_EVERY_MS = 60_000;

/** Writes the time of requests, at most once per {@link RECORD_EVERY_MS}. One per function instance. */
export class ActivityRecorder {
  private lastWritten = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ssm: SSMClient,
    private readonly parameter: string,
  ) {}

  /** Records a request at `now` unless this instance recorded one less than a minute ago. */
  async record(now: number): Promise<void> {
    if (now - this.lastWritten < RECORD_EVERY_MS) return;
    await this.ssm.send(
      new PutParameterCommand({ Name: this.parameter, Value: new Date(now).toISOString(), Overwrite: true }),
    );
    this.lastWritten = now;
  }
}

/** The time of the last recorded request (epoch ms), or 0 when none was ever recorded. */
export async function lastActivity(ssm: SSMClient, parameter: string): Promise<number> {
  try {
    const out = await ssm.send(new GetParameterCommand({ Name: parameter }));
    const time = Date.parse(out.Parameter?.Value ?? '');
    return Number.isNaN(time) ? 0 : time;
  } catch (e) {
    if ((e as { name?: string }).name === 'ParameterNotFound') return 0;
    throw e;
  }
}

/**
 * The owner's start (the deployer's `start` and `deploy`): counts as activity, so the idle
 * check gives the app its full idle time from now. Minimal version written by the deployer's
 * branch with the agreed signature; the front door's own (failed-start count, run-hours
 * budget) replaces it.
 */
export async function recordOwnerStart(ssm: SSMClient, parameter: string, now: number): Promise<void> {
  await ssm.send(new PutParameterCommand({ Name: parameter, Value: new Date(now).toISOString(), Overwrite: true }));
}
