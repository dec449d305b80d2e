/**
 * What every stack operation (deploy, destroy) sets up the same way: the call context of its
 * CloudFormation calls (retries, Ctrl-C, the deadline), and its time limit as the user writes it.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Cfn } from '../aws/cloudformation';
import { UserError } from '../errors';
import type { OperationDeps } from '../ui/operation';

/**
 * How long the calls made before anything is changed retry a failing endpoint (about 30 s, then
 * exit 2 for a refused or unreachable one): nothing has started that would be worth waiting for.
 * Once the operation may be running, calls retry until the deadline (--timeout).
 */
export const EARLY_RETRY_MS = 30_000;

/** The call context of one operation: its deadline is `timeoutMs` from now. */
export function operationContext(d: OperationDeps, client: CloudFormationClient, timeoutMs: number, onRetry: (line: string) => void): Cfn {
  const cfn: Cfn = { client, sleep: d.sleep, now: d.now, deadline: d.now().getTime() + timeoutMs, onRetry };
  if (d.interrupt) cfn.signal = d.interrupt;
  if (d.random) cfn.random = d.random;
  return cfn;
}

/** The same context without Ctrl-C and deadline: for the calls that clean up after either. */
export function withoutLimits(cfn: Cfn): Cfn {
  const { signal: _signal, deadline: _deadline, ...rest } = cfn;
  return rest;
}

/** "90s", "45m", "1h30m" as the user would write it. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60 || s % 60 !== 0) return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
  const m = s / 60;
  if (m < 60 || m % 60 !== 0) return m < 60 ? `${m}m` : `${Math.floor(m / 60)}h${m % 60}m`;
  return `${m / 60}h`;
}

/**
 * `--timeout`: a number with a unit, `s`, `m` or `h` (e.g. `90s`, `45m`, `2h`); a bare number
 * is minutes. At least 10 seconds, at most 12 hours.
 */
export function parseDuration(text: string, flag = '--timeout'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$/.exec(text);
  if (!m) throw new UserError(`${flag} ${text}: write a duration such as 90s, 45m or 2h (a bare number is minutes).`);
  const unit = m[2] === 's' ? 1000 : m[2] === 'h' ? 3_600_000 : 60_000;
  const ms = Math.round(Number(m[1]) * unit);
  if (ms < 10_000 || ms > 12 * 3_600_000) throw new UserError(`${flag} ${text}: give between 10s and 12h.`);
  return ms;
}
