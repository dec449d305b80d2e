import { awsCall, backoffDelay, type CallContext, DEFAULT_RETRY, OutcomeUnknownError } from '../../src/aws/call';
import { AwsCallError, AwsSetupError, InterruptedError, WaitDeadlineError } from '../../src/errors';

const throttled = (): Error => Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });
const reset = (): Error => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

/** A virtual clock: sleep advances it. */
function context(extra: Partial<CallContext> = {}) {
  let t = 0;
  const sleeps: number[] = [];
  const lines: string[] = [];
  const ctx: CallContext = {
    now: () => new Date(t),
    sleep: (ms) => {
      sleeps.push(ms);
      t += ms;
      return Promise.resolve();
    },
    onRetry: (l) => lines.push(l),
    random: () => 0.5,
    ...extra,
  };
  return { ctx, sleeps, lines, elapsed: () => t };
}

/** A call that fails with `errors` in turn, then answers 'ok'. */
function failing(errors: Error[]) {
  let calls = 0;
  return {
    send: () => {
      const e = errors[calls++];
      return e ? Promise.reject(e) : Promise.resolve('ok');
    },
    calls: () => calls,
  };
}

describe('awsCall: one retry policy for every call', () => {
  it('retries throttling 5 times with jittered, growing pauses and one line each, then answers', async () => {
    const c = context();
    const f = failing([throttled(), throttled(), throttled(), throttled(), throttled()]);
    await expect(awsCall(c.ctx, 'reading stack web (DescribeStacks)', f.send)).resolves.toBe('ok');
    expect(f.calls()).toBe(6);
    expect(c.sleeps).toEqual([500, 1000, 2000, 4000, 7500]); // half of 1, 2, 4, 8, 15 s (random 0.5)
    expect(c.lines[0]).toBe('(reading stack web (DescribeStacks): throttled; retry 1 in 0.5s)');
    expect(c.lines).toHaveLength(5);
  });

  it('retries throttling of a mutating call too: a throttled request did nothing', async () => {
    const c = context();
    const f = failing([throttled(), throttled(), throttled(), throttled(), throttled()]);
    await expect(awsCall(c.ctx, 'executing change set x (ExecuteChangeSet)', f.send, { mutating: true })).resolves.toBe('ok');
    expect(f.calls()).toBe(6);
  });

  it('never repeats a mutating call whose answer was lost: OutcomeUnknownError, for the caller to read the state', async () => {
    const c = context();
    const f = failing([reset()]);
    const e = await awsCall(c.ctx, 'executing change set x (ExecuteChangeSet)', f.send, { mutating: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OutcomeUnknownError);
    expect((e as Error).message).toBe(
      'The answer to executing change set x (ExecuteChangeSet) was lost (ECONNRESET: socket hang up): it may or may not have taken effect.',
    );
    expect(f.calls()).toBe(1);
  });

  it('stops retrying after two minutes of failures and says what was being done (exit 1)', async () => {
    const c = context({ random: () => 1 });
    const f = failing(Array.from({ length: 50 }, reset));
    const e = await awsCall(c.ctx, 'reading stack web (DescribeStacks)', f.send).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AwsCallError);
    expect((e as Error).message).toBe(
      'Network or service error while reading stack web (DescribeStacks), retries exhausted: ECONNRESET: socket hang up',
    );
    expect(c.elapsed()).toBeLessThanOrEqual(DEFAULT_RETRY.budgetMs);
    expect(c.elapsed()).toBeGreaterThan(DEFAULT_RETRY.budgetMs - 15_000);
  });

  it('stops at the operation deadline with exit 5', async () => {
    const c = context({ deadline: 3000 });
    const f = failing(Array.from({ length: 50 }, throttled));
    const e = await awsCall(c.ctx, 'reading stack web (DescribeStacks)', f.send).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WaitDeadlineError);
    expect((e as WaitDeadlineError).exitCode).toBe(5);
  });

  it('does not retry other errors, and turns setup problems into exit 2', async () => {
    const c = context();
    const denied = failing([
      Object.assign(new Error('User x is not authorized to perform: cloudformation:DescribeStacks'), { name: 'AccessDenied' }),
    ]);
    await expect(awsCall(c.ctx, 'reading stack web (DescribeStacks)', denied.send)).rejects.toBeInstanceOf(AwsSetupError);
    expect(denied.calls()).toBe(1);
  });

  it('passes the abort signal to the request, and Ctrl-C ends the call with exit 130', async () => {
    const ac = new AbortController();
    const c = context({ signal: ac.signal });
    let given: AbortSignal | undefined;
    const e = await awsCall(c.ctx, 'reading stack web (DescribeStacks)', (signal) => {
      given = signal;
      ac.abort();
      return Promise.reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
    }).catch((x: unknown) => x);
    expect(given).toBe(ac.signal);
    expect(e).toBeInstanceOf(InterruptedError);
    expect((e as InterruptedError).exitCode).toBe(130);
  });

  it('draws pauses under a doubling ceiling capped at 15 s', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, DEFAULT_RETRY, () => 1))).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
  });
});
