/**
 * Waiting: the one injected pause every retry and poll goes through, so tests control time and
 * Ctrl-C cuts any pause short. Its own module so that src/aws/call.ts (retries) and
 * src/aws/poll.ts (polling, which calls through call.ts) both use it without importing each other.
 */

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
