/**
 * Our own polling: the SDK waiters wait at least 30 s between checks, which adds half a minute
 * to a change set that takes five seconds. Here the delay starts at 1 s and grows to at most
 * 2 s while the user waits for a result, 5 s while waiting for another operation to finish.
 * `sleep` is injected so tests run instantly and record the delays.
 */
import { isRetryable } from './errors';

/** Waits `ms` milliseconds; resolves early (without error) when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real sleep: a timer that an abort signal cuts short. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Polling delays: `first` ms, multiplied by `factor` after each poll, capped at `max`.
 *
 * Defaults: 1 s, 1.5 s, then 2 s. Something the user is waiting on (a change set, the stack
 * operation) is noticed at most 2 s after it finishes, for about 30 calls a minute. Waiting
 * for someone else's operation uses `new Backoff(1000, 5000)`: at most 5 s.
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

/** Options of {@link withRetries}. */
export interface RetryOptions {
  sleep: Sleep;
  /** Called before each retry with the error and the delay, e.g. to show "throttled, retrying". */
  onRetry?: (error: unknown, delayMs: number, attempt: number) => void;
  /** Attempts in all (default 8: about a minute of backoff). */
  attempts?: number;
  signal?: AbortSignal;
}

/**
 * Runs `call`, retrying throttling and transient network errors with exponential backoff
 * (1 s, 2 s, 4 s ... at most 15 s); any other error, or the last one, is thrown.
 */
export async function withRetries<T>(call: () => Promise<T>, o: RetryOptions): Promise<T> {
  const attempts = o.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (attempt >= attempts || !isRetryable(e) || o.signal?.aborted) throw e;
      const delay = Math.min(15_000, 1000 * 2 ** (attempt - 1));
      // Report the service's own error, not the context wrapper around it.
      const cause = typeof e === 'object' && e !== null && 'cause' in e ? (e as { cause: unknown }).cause : undefined;
      o.onRetry?.(cause ?? e, delay, attempt);
      await o.sleep(delay, o.signal);
    }
  }
}

/** Options of {@link pollUntil}. */
export interface PollOptions extends RetryOptions {
  /** Delays between polls (default: 1 s growing to 2 s). */
  backoff?: Backoff;
}

/**
 * Calls `fetch` until `done` says the result is final, sleeping between calls; throttling and
 * network errors are retried. Returns the final result, or the last one if `signal` aborts.
 */
export async function pollUntil<T>(fetch: () => Promise<T>, done: (value: T) => boolean, o: PollOptions): Promise<T> {
  const backoff = o.backoff ?? new Backoff();
  for (;;) {
    const value = await withRetries(fetch, o);
    if (done(value) || o.signal?.aborted) return value;
    await o.sleep(backoff.next(), o.signal);
    if (o.signal?.aborted) return value;
  }
}
