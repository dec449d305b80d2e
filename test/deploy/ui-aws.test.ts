import { describeAwsError, isRetryable } from '../../src/aws/errors';
import { Backoff, pollUntil } from '../../src/aws/poll';
import { regionFor } from '../../src/aws/clients';
import { AwsCallError, AwsSetupError, InterruptedError, WaitDeadlineError } from '../../src/errors';
import { colorEnabled, makeColors } from '../../src/ui/color';
import { formatElapsed, terminalPrinter } from '../../src/ui/progress';
import { renderTable } from '../../src/ui/table';

describe('colours', () => {
  it('are off with NO_COLOR, off outside a terminal, on in one, and forced by FORCE_COLOR', () => {
    expect(colorEnabled(true, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(colorEnabled(false, {})).toBe(false);
    expect(colorEnabled(true, {})).toBe(true);
    expect(colorEnabled(true, { TERM: 'dumb' })).toBe(false);
    expect(colorEnabled(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(makeColors(false).red('x')).toBe('x');
  });
});

describe('tables and the status line', () => {
  it('pads columns to the widest cell, not counting colour codes', () => {
    const c = makeColors(true);
    const lines = renderTable(
      ['A', 'Bee'],
      [
        [c.red('long value'), 'x'],
        ['s', 'yy'],
      ],
    );
    expect(lines.map((l) => l.replace(/\u001b\[\d+m/g, ''))).toEqual([
      'A           Bee',
      '----------  ---',
      'long value  x',
      's           yy',
    ]);
  });

  it('draws the live line in place and keeps permanent lines above it', () => {
    const written: string[] = [];
    const p = terminalPrinter({ write: (t: string) => written.push(t), columns: 80 });
    p.status('web: UPDATE_IN_PROGRESS (3s)');
    p.line('event');
    p.clearStatus();
    expect(written).toEqual(['web: UPDATE_IN_PROGRESS (3s)', '\r\u001b[2K', 'event\n', 'web: UPDATE_IN_PROGRESS (3s)', '\r\u001b[2K']);
  });

  it('formats elapsed time', () => {
    expect(formatElapsed(999)).toBe('0s');
    expect(formatElapsed(59_000)).toBe('59s');
    expect(formatElapsed(185_000)).toBe('3m05s');
  });
});

describe('polling', () => {
  it('starts at 1 s and grows by half to at most 2 s (or a given maximum)', () => {
    const b = new Backoff();
    expect(Array.from({ length: 5 }, () => b.next())).toEqual([1000, 1500, 2000, 2000, 2000]);
    const slow = new Backoff(1000, 5000);
    expect(Array.from({ length: 7 }, () => slow.next())).toEqual([1000, 1500, 2250, 3375, 5000, 5000, 5000]);
    b.reset();
    expect(b.next()).toBe(1000);
  });

  it('notices a result at most 2 s after it is ready, whenever it gets ready in the first 10 minutes', () => {
    /** When the result is first seen, and after how many polls (the first poll is at 0). */
    const seen = (ready: number): { at: number; polls: number } => {
      const b = new Backoff();
      let at = 0;
      let polls = 1;
      while (at < ready) {
        at += b.next();
        polls++;
      }
      return { at, polls };
    };
    let worst = 0;
    for (let ready = 0; ready <= 600_000; ready += 137) worst = Math.max(worst, seen(ready).at - ready);
    expect(worst).toBeLessThanOrEqual(2000);
    expect(seen(60_000).polls).toBe(32); // a one-minute operation costs 32 polls
    expect(seen(5_000).at).toBe(6_500); // a 5 s change set is seen at 6.5 s (SDK waiter: 30 s)
  });

  it('polls until done, stops at once on Ctrl-C (exit 130) and at the deadline (exit 5) with the given message', async () => {
    let n = 0;
    const ac = new AbortController();
    let t = 0;
    const ctx = {
      now: () => new Date(t),
      sleep: (ms: number) => {
        t += ms;
        if (n === 3) ac.abort();
        return Promise.resolve();
      },
      signal: ac.signal,
    };
    await expect(
      pollUntil(
        () => Promise.resolve(++n),
        () => false,
        { ctx, atDeadline: () => 'late' },
      ),
    ).rejects.toBeInstanceOf(InterruptedError);
    expect(n).toBe(3);
    n = 0;
    t = 0;
    const late = pollUntil(
      () => Promise.resolve(++n),
      () => false,
      { ctx: { now: () => new Date(t), sleep: ctx.sleep, deadline: 10_000 }, atDeadline: () => 'late: run X' },
    );
    await expect(late).rejects.toThrow(new WaitDeadlineError('late: run X'));
    expect(t).toBe(10_000); // the last sleep is cut to the deadline
  });
});

describe('AWS errors', () => {
  it('classifies what to retry', () => {
    expect(isRetryable(Object.assign(new Error('x'), { name: 'ThrottlingException' }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('x'), { name: 'InternalFailure', $metadata: { httpStatusCode: 503 } }))).toBe(true);
    const wrapped = new AwsCallError('Failed reading');
    wrapped.cause = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    expect(isRetryable(wrapped)).toBe(true);
    expect(isRetryable(Object.assign(new Error('x'), { name: 'ValidationError' }))).toBe(false);
  });

  it('turns setup problems into one line with what to do', () => {
    const region = describeAwsError(new Error('Region is missing'), 'reading stack web');
    expect(region).toBeInstanceOf(AwsSetupError);
    expect(region.message).toBe('No AWS region: pass --region (e.g. --region us-west-2), set AWS_REGION, or set a region in your profile.');
    const dns = describeAwsError(
      Object.assign(new Error('getaddrinfo ENOTFOUND cloudformation.us-wst-2.amazonaws.com'), { code: 'ENOTFOUND' }),
      'reading stack web',
      'us-wst-2',
    );
    expect(dns.message).toBe(
      'Could not reach the AWS endpoint in us-wst-2 while reading stack web (getaddrinfo ENOTFOUND cloudformation.us-wst-2.amazonaws.com). Check --region (e.g. us-west-2) and your network connection.',
    );
    expect(describeAwsError(Object.assign(new Error('bad'), { name: 'InvalidClientTokenId' }), 'x').message).toBe(
      'AWS rejected the credentials (InvalidClientTokenId) while x: check the profile or access keys you use.',
    );
    expect(describeAwsError(Object.assign(new Error('boom'), { name: 'ValidationError' }), 'creating change set c').message).toBe(
      'Failed creating change set c: ValidationError: boom',
    );
  });

  it('resolves the region from the flag, then AWS_REGION (left to the SDK), then AWS_DEFAULT_REGION', () => {
    expect(regionFor({ region: 'eu-west-1' }, { AWS_REGION: 'us-east-1' })).toBe('eu-west-1');
    expect(regionFor({}, { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'eu-west-1' })).toBeUndefined();
    expect(regionFor({}, { AWS_DEFAULT_REGION: 'eu-west-1' })).toBe('eu-west-1');
    expect(regionFor({}, {})).toBeUndefined();
  });
});
