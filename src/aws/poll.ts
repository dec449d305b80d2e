/**
 * Our own polling: the SDK waiters wait at least 30 s between checks, which adds half a minute
 * to a change set that takes five seconds. Here the delay starts at 1 s and grows to at most
 * 2 s while the user waits for a result, 5 s while waiting for another operation to finish.
 * `sleep` is injected so tests run instantly and record the delays.
 */
import { WaitDeadlineError } from '../errors';
import { type CallContext, checkInterrupt } from './call';

export { realSleep, type Sleep } from './sleep';

/**
 * Polling delays: `first` ms, multiplied by `factor` after each poll, capped at `max`.
 *
 * Defaults: 1 s, 1.5 s, then 2 s. Something the user is waiting on (a change set, the stack
 * operation) is noticed at most 2 s after it finishes. A change set costs one call per poll
 * (30 a minute); following a stack reads the events every poll and the status every fifth,
 * which `npm run bench` measures at 37 calls a minute (median; 53 at most, when events keep
 * resetting the delay to 1 s). Waiting for someone else's operation uses
 * `new Backoff(1000, 5000)`: at most 5 s.
 */
export class Backoff {
  private current: number;
  constructor(
    private readonly first = 1000,
    private readonly max = 2000,
    private readonly factor = 1.5,
  ) {
    this.current = first;
  }
  /** The next delay. */
  next(): number {
    const d = this.current;
    this.current = Math.min(this.max, Math.round(this.current * this.factor));
    return d;
  }
  /** Back to the first delay (e.g. when something new happened). */
  reset(): void {
    this.current = this.first;
  }
}

/** Options of {@link pollUntil}. */
export interface PollOptions {
  /** Sleep, clock, Ctrl-C and the deadline of the operation. */
  ctx: CallContext;
  /** Delays between polls (default: 1 s growing to 2 s). */
  backoff?: Backoff;
  /** The message when the deadline passes first: what was awaited and the command that goes on waiting. */
  atDeadline: () => string;
}

/**
 * Calls `fetch` (whose AWS calls retry by themselves, src/aws/call.ts) until `done` says the
 * result is final, sleeping between calls. Throws InterruptedError on Ctrl-C and
 * WaitDeadlineError (with `atDeadline()`) when the deadline passes first.
 */
export async function pollUntil<T>(fetch: () => Promise<T>, done: (value: T) => boolean, o: PollOptions): Promise<T> {
  const backoff = o.backoff ?? new Backoff();
  for (;;) {
    const value = await fetch();
    if (done(value)) return value;
    checkInterrupt(o.ctx, 'waiting');
    const left = remainingMs(o.ctx);
    if (left <= 0) throw new WaitDeadlineError(o.atDeadline());
    await o.ctx.sleep(Math.min(backoff.next(), left), o.ctx.signal);
    checkInterrupt(o.ctx, 'waiting');
  }
}

/** Milliseconds until the operation's deadline (Infinity without one). */
export function remainingMs(ctx: CallContext): number {
  return ctx.deadline === undefined ? Number.POSITIVE_INFINITY : ctx.deadline - ctx.now().getTime();
}
