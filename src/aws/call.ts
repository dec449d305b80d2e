/**
 * Every AWS call of a stack operation goes through {@link awsCall}: the one retry policy
 * (throttling and transient faults, exponential backoff with full jitter, bounded in time, one
 * line printed per retry), the abort signal (Ctrl-C ends the request at once) and the
 * operation's overall deadline.
 *
 * A mutating call (CreateChangeSet, ExecuteChangeSet, DeleteStack) whose answer is lost (the
 * connection dropped, the request timed out, a 5xx, or a 2xx that is not a well-formed AWS
 * answer: a proxy's HTML page, a cut or garbled body) may or may not have taken effect: it is
 * never retried blindly but thrown as {@link OutcomeUnknownError}, and the caller reads the
 * state to find out what happened. Throttling is retried for every call: a throttled request was
 * refused before it did anything. A `Retry-After` the service sends is honoured, within the
 * deadline.
 */
import { InterruptedError, stopName, WaitDeadlineError } from '../errors';
import { describeAwsError, errorLine, isThrottling, isTransient, retryAfterMs } from './errors';
import type { Sleep } from './sleep';

/** How long one call may be retried, and how far apart. */
export interface RetryPolicy {
  /** Milliseconds, from the first attempt, after which a failing call is not retried again. */
  budgetMs: number;
  /** First backoff ceiling in milliseconds; it doubles per attempt. */
  baseMs: number;
  /** Largest backoff ceiling in milliseconds. */
  capMs: number;
}

/**
 * Two minutes of retries per call, pauses drawn from 0-1 s, 0-2 s, 0-4 s ... 0-15 s: CloudFormation
 * throttling clears in seconds; a network outage longer than that is worth stopping for.
 */
export const DEFAULT_RETRY: RetryPolicy = { budgetMs: 120_000, baseMs: 1000, capMs: 15_000 };

/** What every call of one operation shares. */
export interface CallContext {
  sleep: Sleep;
  now: () => Date;
  /** Ctrl-C: aborts the request in flight and every pause. */
  signal?: AbortSignal;
  /** The operation's deadline (ms since the epoch): no retry or wait goes past it. */
  deadline?: number;
  /** Prints the one line said while retrying. */
  onRetry?: (line: string) => void;
  /** Default {@link DEFAULT_RETRY}. */
  retry?: RetryPolicy;
  /** Random number in [0, 1) for the jitter (injected by tests). */
  random?: () => number;
}

/** A mutating call whose answer was lost: it may have taken effect. The caller reads the state. */
export class OutcomeUnknownError extends Error {
  constructor(
    /** What was being done, e.g. "executing change set x (ExecuteChangeSet)". */
    readonly doing: string,
    override readonly cause: unknown,
  ) {
    super(`The answer to ${doing} was lost (${errorLine(cause)}): it may or may not have taken effect.`);
    this.name = 'OutcomeUnknownError';
  }
}

/** The pause before retry `attempt` (1-based): full jitter under an exponential ceiling. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.max(100, Math.round(random() * ceiling));
}

/** Throws {@link InterruptedError} if Ctrl-C was pressed. */
export function checkInterrupt(ctx: CallContext, doing: string): void {
  if (ctx.signal?.aborted) throw new InterruptedError(`Interrupted (${stopName(ctx.signal.reason)}) while ${doing}.`);
}

/** Options of one call. */
export interface CallOptions {
  /** The call changes something: a lost answer becomes {@link OutcomeUnknownError}, never a blind retry. */
  mutating?: boolean;
  /** Errors the caller handles itself, thrown as they are (unwrapped, never retried). */
  passThrough?: (e: unknown) => boolean;
}

/**
 * Runs `send` (given the abort signal to pass to the SDK), retrying throttling and transient
 * faults as the policy says. Errors: {@link InterruptedError} on Ctrl-C, {@link WaitDeadlineError}
 * when the next retry would pass the deadline, {@link OutcomeUnknownError} for a lost answer to a
 * mutating call, else the one-line error of src/aws/errors.ts (original as `cause`).
 */
export async function awsCall<T>(
  ctx: CallContext,
  doing: string,
  send: (abortSignal: AbortSignal | undefined) => Promise<T>,
  o: CallOptions = {},
): Promise<T> {
  const policy = ctx.retry ?? DEFAULT_RETRY;
  const random = ctx.random ?? Math.random;
  const started = ctx.now().getTime();
  for (let attempt = 1; ; attempt++) {
    checkInterrupt(ctx, doing);
    // The request ends at the deadline too, not only at its own response timeout.
    const left = ctx.deadline === undefined ? undefined : ctx.deadline - ctx.now().getTime();
    const atDeadline = left === undefined ? undefined : AbortSignal.timeout(Math.max(1, left));
    const signals = [ctx.signal, atDeadline].filter((x): x is AbortSignal => x !== undefined);
    try {
      return await send(signals.length > 1 ? AbortSignal.any(signals) : signals[0]);
    } catch (e) {
      checkInterrupt(ctx, doing);
      if (atDeadline?.aborted) throw new WaitDeadlineError(`Reached the time limit (--timeout) while ${doing}: no answer yet.`);
      if (o.passThrough?.(e)) throw e;
      const throttled = isThrottling(e);
      if (!throttled && !isTransient(e)) throw wrap(e, doing);
      if (o.mutating && !throttled) throw new OutcomeUnknownError(doing, e);
      // The service's Retry-After (seconds) wins over a shorter backoff; the deadline still rules.
      const delay = Math.max(backoffDelay(attempt, policy, random), retryAfterMs(e) ?? 0);
      const at = ctx.now().getTime();
      if (at + delay - started > policy.budgetMs) throw wrap(e, doing);
      if (ctx.deadline !== undefined && at + delay > ctx.deadline) {
        throw new WaitDeadlineError(`Reached the time limit (--timeout) while ${doing}, which kept failing: ${errorLine(e)}`);
      }
      ctx.onRetry?.(`(${doing}: ${throttled ? 'throttled' : errorLine(e)}; retry ${attempt} in ${(delay / 1000).toFixed(1)}s)`);
      await ctx.sleep(delay, ctx.signal);
    }
  }
}

function wrap(e: unknown, doing: string): Error {
  const wrapped = describeAwsError(e, doing);
  wrapped.cause = e;
  return wrapped;
}
