/**
 * Following a stack operation: print each new stack event once, oldest first, only events of
 * this operation (everything newer than the newest event seen before ExecuteChangeSet), until
 * the stack reaches a final status. Throttling and dropped connections are retried; since
 * events are matched by id, a retry neither repeats nor loses any.
 */
import type { CloudFormationClient, Stack, StackEvent } from '@aws-sdk/client-cloudformation';
import { describeStack, newStackEvents } from '../aws/cloudformation';
import { errorMessage, errorName } from '../aws/errors';
import { Backoff, type Sleep, withRetries } from '../aws/poll';
import { type Colors, colorStatus } from '../ui/color';
import { formatElapsed, type Printer } from '../ui/progress';

/** Statuses after which nothing more happens until the user acts. */
export function isFinalStatus(status: string | undefined): boolean {
  return status !== undefined && !status.endsWith('_IN_PROGRESS');
}

/** Final statuses that mean the deploy did what was asked. */
export function isSuccessStatus(status: string | undefined): boolean {
  return status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE' || status === 'IMPORT_COMPLETE';
}

/** An event as the result shows it. */
export interface EventSummary {
  time: string;
  logicalId: string;
  type: string;
  status: string;
  reason: string;
}

/** What following found. */
export interface FollowResult {
  /** The stack's status when following ended. */
  status: string;
  stack?: Stack;
  /** Every event of this operation, oldest first. */
  events: StackEvent[];
  /** True when following stopped because of Ctrl-C (CloudFormation carries on). */
  interrupted: boolean;
}

/** What following needs. */
export interface FollowContext {
  cfn: CloudFormationClient;
  stackName: string;
  /** Ids of the events that existed before the operation (not printed). */
  before: ReadonlySet<string>;
  /** When the operation started (ExecuteChangeSet), for elapsed times. */
  startedAt: Date;
  printer: Printer;
  colors: Colors;
  sleep: Sleep;
  now: () => Date;
  signal?: AbortSignal;
}

/** Time of day in UTC, HH:MM:SS. */
export function clock(d: Date | undefined): string {
  return d ? d.toISOString().slice(11, 19) : '--:--:--';
}

/** One printed event line: time, elapsed, logical id, type, status, reason. */
export function eventLine(e: StackEvent, startedAt: Date, c: Colors): string {
  const elapsed = e.Timestamp ? formatElapsed(e.Timestamp.getTime() - startedAt.getTime()) : '';
  const parts = [
    clock(e.Timestamp),
    `+${elapsed}`.padEnd(7),
    (e.LogicalResourceId ?? '?').padEnd(28),
    (e.ResourceType ?? '?').padEnd(36),
    colorStatus(c, e.ResourceStatus ?? '?'),
  ];
  if (e.ResourceStatusReason) parts.push(e.ResourceStatusReason);
  return parts.join(' ').trimEnd();
}

/** The event as the JSON result and the failure summary show it. */
export function summarizeEvent(e: StackEvent): EventSummary {
  return {
    time: e.Timestamp?.toISOString() ?? '',
    logicalId: e.LogicalResourceId ?? '',
    type: e.ResourceType ?? '',
    status: e.ResourceStatus ?? '',
    reason: e.ResourceStatusReason ?? '',
  };
}

/** Ids of the stack's newest events (the first page), to tell later events from earlier ones. */
export async function eventsBefore(cfn: CloudFormationClient, stackName: string, sleep: Sleep): Promise<Set<string>> {
  // One page is enough: paging stops at the first known id, and the newest is on page one.
  let first = true;
  const ids = new Set<string>();
  const stack = await withRetries(() => describeStack(cfn, stackName), { sleep });
  if (!stack) return ids;
  await withRetries(
    () =>
      newStackEvents(cfn, stackName, (e) => {
        if (!first) return true;
        first = false;
        if (e.EventId) ids.add(e.EventId);
        return true;
      }),
    { sleep },
  );
  return ids;
}

/**
 * Follows the stack until its status is final (or Ctrl-C): each poll reads the status, then
 * the events newer than those already printed, and prints them.
 */
export async function followStack(ctx: FollowContext): Promise<FollowResult> {
  const seen = new Set<string>(ctx.before);
  const events: StackEvent[] = [];
  const backoff = new Backoff();
  const onRetry = (e: unknown, delay: number): void => {
    ctx.printer.line(ctx.colors.dim(`(${errorName(e) || 'error'}: ${errorMessage(e)}; retrying in ${Math.round(delay / 1000)}s)`));
  };
  // CloudFormation carries on whatever happens to this process's connection: keep retrying
  // throttling and network errors (backoff capped at 15 s, each retry printed) until the
  // operation ends or the user presses Ctrl-C, never give up and call the deploy failed.
  const retry = { sleep: ctx.sleep, onRetry, signal: ctx.signal, attempts: Number.POSITIVE_INFINITY } as const;
  let stack: Stack | undefined;
  let started = false;
  const interruptedDuringRetry = (): FollowResult => {
    ctx.printer.clearStatus();
    const status = stack?.StackStatus ?? 'UNKNOWN';
    return stack ? { status, stack, events, interrupted: true } : { status, events, interrupted: true };
  };
  for (;;) {
    // Whether this operation had visibly started when the status below was read: events read
    // after it (a retried call can take seconds) must not vouch for a status read before them.
    const startedBeforeStatus = started;
    let fresh: StackEvent[];
    try {
      stack = await withRetries(() => describeStack(ctx.cfn, ctx.stackName), retry);
      fresh = await withRetries(
        () => newStackEvents(ctx.cfn, ctx.stackName, (e) => e.EventId !== undefined && seen.has(e.EventId)),
        retry,
      );
    } catch (e) {
      if (ctx.signal?.aborted) return interruptedDuringRetry();
      throw e;
    }
    for (const e of fresh) {
      if (e.EventId) seen.add(e.EventId);
      events.push(e);
      ctx.printer.line(eventLine(e, ctx.startedAt, ctx.colors));
    }
    if (fresh.length > 0) backoff.reset();
    started ||= fresh.some((e) => e.LogicalResourceId === ctx.stackName && e.ResourceType === 'AWS::CloudFormation::Stack');
    const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
    // Right after ExecuteChangeSet the stack may still show the previous operation's final
    // status: it counts only once this operation's own stack event has been seen (or after a
    // minute without one, e.g. an endpoint that writes no events).
    const waitedLong = ctx.now().getTime() - ctx.startedAt.getTime() > 60_000;
    if (isFinalStatus(status) && (startedBeforeStatus || waitedLong || stack === undefined)) {
      ctx.printer.clearStatus();
      return stack ? { status, stack, events, interrupted: false } : { status, events, interrupted: false };
    }
    if (ctx.signal?.aborted) {
      ctx.printer.clearStatus();
      return stack ? { status, stack, events, interrupted: true } : { status, events, interrupted: true };
    }
    ctx.printer.status(`${ctx.stackName}: ${status} (${formatElapsed(ctx.now().getTime() - ctx.startedAt.getTime())})`);
    await ctx.sleep(backoff.next(), ctx.signal);
  }
}

/**
 * The root cause of a failed operation: the first `*_FAILED` events of resources (events that
 * only say a resource was cancelled because another failed come last), else the stack's own.
 */
export function rootCause(events: readonly StackEvent[], stackName: string): StackEvent[] {
  const failed = events.filter((e) => (e.ResourceStatus ?? '').endsWith('_FAILED'));
  const resources = failed.filter((e) => e.LogicalResourceId !== stackName || e.ResourceType !== 'AWS::CloudFormation::Stack');
  const pool = resources.length > 0 ? resources : failed;
  const real = pool.filter((e) => !/cancelled/i.test(e.ResourceStatusReason ?? ''));
  return (real.length > 0 ? real : pool).slice(0, 3);
}
