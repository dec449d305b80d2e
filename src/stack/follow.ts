/**
 * The one follow loop of every stack operation (deploy's create and update, destroy's delete),
 * as rain's WaitForStackToSettle: it follows the stack by its id (after a delete the name no
 * longer resolves; a new stack of the same name is another stack), prints each new stack event
 * once, oldest first, only events of this operation, until the stack reaches a final status,
 * Ctrl-C, or the operation's deadline. Its calls retry through src/aws/call.ts with the
 * operation's deadline as the only limit: CloudFormation carries on whatever happens to this
 * process's connection, so following gives up only when the user's time limit says so.
 *
 * Each poll reads the events (one call; events are matched by id, so a retry neither repeats
 * nor loses any) and reads the stack's status only when a stack-level event says something
 * changed, or every fifth poll: `npm run bench` measures 37 calls a minute while following
 * (median; 53 at most).
 */
import type { Stack, StackEvent } from '@aws-sdk/client-cloudformation';
import { DEFAULT_RETRY } from '../aws/call';
import { type Cfn, describeStack, newStackEvents } from '../aws/cloudformation';
import { Backoff, remainingMs } from '../aws/poll';
import { CarriesOnError, InterruptedError, stopName, UserError, WaitDeadlineError } from '../errors';
import { errorMessage } from '../aws/errors';
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

/** How following ended. */
export type FollowEnd = 'final' | 'interrupted' | 'deadline';

/** What following found. */
export interface FollowResult {
  /** The stack's status when following ended (UNKNOWN if it was never read). */
  status: string;
  stack?: Stack;
  /** Every event of this operation, oldest first. */
  events: StackEvent[];
  /** A final status, Ctrl-C (CloudFormation carries on), or the deadline (it carries on too). */
  ended: FollowEnd;
}

/** What following needs. */
export interface FollowContext {
  /** The client and the operation's call context (sleep, clock, Ctrl-C, deadline). */
  cfn: Cfn;
  /** The stack's id (ARN): followed by id, never by name. */
  stackId: string;
  /** The stack's name, which its own events carry as their logical id. */
  stackName: string;
  /** Ids of the events that existed before the operation (not printed). */
  before: ReadonlySet<string>;
  /** When the operation started, for elapsed times. */
  startedAt: Date;
  printer: Printer;
  colors: Colors;
  /** The operation was already running when we looked (its first stack event is in `before`). */
  alreadyStarted?: boolean;
}

/** Polls between two reads of the stack's status when no stack-level event arrives. */
const STATUS_EVERY = 5;

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
export async function eventsBefore(cfn: Cfn, stack: string): Promise<Set<string>> {
  // One page is enough: paging stops at the first known id, and the newest is on page one.
  let first = true;
  const ids = new Set<string>();
  const found = await describeStack(cfn, stack);
  if (!found) return ids;
  await newStackEvents(cfn, found.StackId ?? stack, (e) => {
    if (!first) return true;
    first = false;
    if (e.EventId) ids.add(e.EventId);
    return true;
  });
  return ids;
}

/** The stack's own event (not a resource's). */
function isStackEvent(e: StackEvent, stackName: string): boolean {
  return e.LogicalResourceId === stackName && e.ResourceType === 'AWS::CloudFormation::Stack';
}

/**
 * Follows the stack until its status is final, Ctrl-C, or the deadline: each poll reads the
 * events newer than those already printed and prints them, then the status when needed.
 */
export async function followStack(ctx: FollowContext): Promise<FollowResult> {
  // CloudFormation carries on whatever happens to this connection: retry until the deadline.
  const cfn: Cfn = { ...ctx.cfn, retry: { ...(ctx.cfn.retry ?? DEFAULT_RETRY), budgetMs: Number.POSITIVE_INFINITY } };
  const seen = new Set<string>(ctx.before);
  const events: StackEvent[] = [];
  const backoff = new Backoff();
  let stack: Stack | undefined;
  let read = false;
  // The newest status known: from DescribeStacks, or from a newer stack-level event.
  let known = 'UNKNOWN';
  let started = ctx.alreadyStarted === true;
  const end = (ended: FollowEnd): FollowResult => {
    ctx.printer.clearStatus();
    return stack ? { status: known, stack, events, ended } : { status: known, events, ended };
  };
  const print = (fresh: readonly StackEvent[]): void => {
    for (const e of fresh) {
      if (e.EventId) seen.add(e.EventId);
      events.push(e);
      ctx.printer.line(eventLine(e, ctx.startedAt, ctx.colors));
      if (isStackEvent(e, ctx.stackName) && e.ResourceStatus) known = e.ResourceStatus;
    }
  };
  for (let poll = 0; ; poll++) {
    try {
      const fresh = await newStackEvents(cfn, ctx.stackId, (e) => e.EventId !== undefined && seen.has(e.EventId));
      print(fresh);
      if (fresh.length > 0) backoff.reset();
      // Events read before the status below may vouch for it: right after the call the stack
      // may still show the previous operation's final status.
      started ||= fresh.some((e) => isStackEvent(e, ctx.stackName));
      const stackMoved = fresh.some((e) => isStackEvent(e, ctx.stackName) && isFinalStatus(e.ResourceStatus));
      if (!read || stackMoved || poll % STATUS_EVERY === 0) {
        stack = await describeStack(cfn, ctx.stackId);
        read = true;
        const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
        known = status;
        // Without a stack event of this operation, a final status counts after a minute
        // (an endpoint that writes no events), or when the stack is gone.
        const waitedLong = ctx.cfn.now().getTime() - ctx.startedAt.getTime() > 60_000;
        if (isFinalStatus(status) && (started || waitedLong || stack === undefined || status === 'DELETE_COMPLETE')) {
          // The events that landed between the last read and this status are read once more,
          // so none of the operation goes unprinted (the final status stays the one just read).
          print(await newStackEvents(cfn, ctx.stackId, (e) => e.EventId !== undefined && seen.has(e.EventId)).catch(() => []));
          known = status;
          return end('final');
        }
      }
    } catch (e) {
      if (e instanceof InterruptedError) return end('interrupted');
      if (e instanceof WaitDeadlineError) return end('deadline');
      throw e;
    }
    if (ctx.cfn.signal?.aborted) return end('interrupted');
    const left = remainingMs(ctx.cfn);
    if (left <= 0) return end('deadline');
    ctx.printer.status(`${ctx.stackName}: ${known} (${formatElapsed(ctx.cfn.now().getTime() - ctx.startedAt.getTime())})`);
    await ctx.cfn.sleep(Math.min(backoff.next(), left), ctx.cfn.signal);
  }
}

/** The AWS CLI waiter that goes on waiting for an operation of this kind. */
export function waiterFor(operation: 'create' | 'update' | 'delete'): string {
  return `wait stack-${operation}-complete`;
}

/**
 * What to print when following stopped before the end (Ctrl-C or the deadline): the status,
 * that CloudFormation carries on, and the commands that keep watching and go on waiting.
 */
export function stoppedLines(
  r: FollowResult,
  o: { stackName: string; stackId: string; operation: 'create' | 'update' | 'delete'; timeout?: string; stop?: unknown },
  cli: (args: string) => string,
): string[] {
  const why =
    r.ended === 'interrupted'
      ? `Stopped following (${stopName(o.stop)})`
      : `Stopped waiting: the time limit (--timeout ${o.timeout ?? '?'}) has passed`;
  return [
    `${why}. CloudFormation carries on: stack ${o.stackName} is ${r.status}.`,
    `Keep watching: ${cli(`describe-stack-events --stack-name ${o.stackId}`)}`,
    `or wait for it: ${cli(`${waiterFor(o.operation)} --stack-name ${o.stackId}`)}`,
  ];
}

/**
 * An error that ended following after the operation started (expired credentials, access denied
 * on a read, a read that kept failing): the same message and exit code, and what the user must
 * know then: CloudFormation carries on, with the stack's id and the commands that watch it.
 */
export function carriesOn(
  e: unknown,
  o: { stackName: string; stackId: string; operation: 'create' | 'update' | 'delete' },
  cli: (args: string) => string,
): CarriesOnError {
  const code = e instanceof UserError ? e.exitCode : 1;
  return new CarriesOnError(
    `${errorMessage(e)}\nThe ${o.operation} of stack ${o.stackName} had started, and CloudFormation carries on with it ` +
      `(stack id ${o.stackId}). Watch it: ${cli(`describe-stack-events --stack-name ${o.stackId}`)}\n` +
      `or wait for it: ${cli(`${waiterFor(o.operation)} --stack-name ${o.stackId}`)}`,
    code,
  );
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
