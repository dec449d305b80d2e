/**
 * `publish` against a local endpoint (test/fake-rest.ts) with the real S3 client of
 * src/aws/clients.ts: Ctrl-C ends a request that hangs (exit 130), `--timeout` ends it at the
 * deadline (exit 5), and throttling is retried by the one policy of src/aws/call.ts with one
 * line per retry. jest's own timeout only guards against a hang, which is the defect tested: no
 * assertion depends on timing.
 */
import { s3Client } from '../../src/aws/clients';
import { main } from '../../src/cli/main';
import { publish } from '../../src/console/publish';
import { compiledTemplate } from '../../src/stack/template';
import { InterruptedError, WaitDeadlineError } from '../../src/errors';
import { type Answer, type FakeRest, pointSdkAt, S3_SLOW_DOWN, startFakeRest } from '../fake-rest';

jest.setTimeout(20_000);

const LOCATION: Answer = {
  status: 200,
  headers: { 'content-type': 'application/xml' },
  body: '<?xml version="1.0" encoding="UTF-8"?><LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">us-west-2</LocationConstraint>',
};
const PUT_OK: Answer = { status: 200, headers: { etag: '"abc"' } };
let fake: FakeRest | undefined;
let restoreEnv: (() => void) | undefined;

function pointAt(endpoint: string): void {
  restoreEnv = pointSdkAt(endpoint);
}

afterEach(async () => {
  restoreEnv?.();
  restoreEnv = undefined;
  await fake?.close();
  fake = undefined;
});

const options = {
  bucket: 'my-templates',
  region: 'us-west-2',
  template: compiledTemplate(),
  parameters: { GitHubOrg: 'acme', GitHubRepo: 'web' },
};

describe('publish: time limits, Ctrl-C and retries over real HTTP', () => {
  it('Ctrl-C (SIGINT) while GetBucketLocation hangs: exit 130, nothing uploaded', async () => {
    fake = await startFakeRest();
    pointAt(fake.endpoint);
    const err: string[] = [];
    const running = main(
      ['publish', '--bucket', 'my-templates', '--region', 'us-west-2'],
      () => undefined,
      (l) => err.push(l),
    );
    expect(await fake.nextHang()).toMatch(/^GET \/my-templates\/?\?location/);
    process.emit('SIGINT');
    expect(await running).toBe(130);
    expect(err.join('\n')).toContain('Interrupted (Ctrl-C) while finding the region of bucket my-templates (GetBucketLocation).');
    expect(fake.log.filter((l) => l.startsWith('PUT'))).toEqual([]);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s (a cancelled CI job, a closed terminal) while GetBucketLocation hangs: exit %i, as its help says, nothing uploaded',
    async (signal, code) => {
      fake = await startFakeRest();
      pointAt(fake.endpoint);
      const err: string[] = [];
      const running = main(
        ['publish', '--bucket', 'my-templates', '--region', 'us-west-2'],
        () => undefined,
        (l) => err.push(l),
      );
      expect(await fake.nextHang()).toMatch(/^GET \/my-templates\/?\?location/);
      process.emit(signal);
      expect(await running).toBe(code);
      expect(err.join('\n')).toContain(`Interrupted (${signal}) while finding the region of bucket my-templates (GetBucketLocation).`);
      expect(fake.log.filter((l) => l.startsWith('PUT'))).toEqual([]);
    },
  );

  it('Ctrl-C while PutObject hangs: InterruptedError (exit 130)', async () => {
    fake = await startFakeRest((r) => (r.startsWith('GET') ? LOCATION : undefined));
    pointAt(fake.endpoint);
    const ctrlC = new AbortController();
    const s3 = await s3Client({ region: 'us-west-2', timeouts: { connectMs: 1000, responseMs: 600_000 } });
    const running = publish(options, { s3, out: () => undefined, interrupt: ctrlC.signal }).catch((x: unknown) => x);
    expect(await fake.nextHang()).toMatch(/^PUT \/my-templates\/fargate-oidc\/template-[0-9a-f]{16}\.yaml/);
    ctrlC.abort();
    const e = await running;
    expect(e).toBeInstanceOf(InterruptedError);
    expect((e as InterruptedError).exitCode).toBe(130);
    s3.destroy();
  });

  it('an endpoint that accepts and never answers: publish ends at its deadline (--timeout), exit 5', async () => {
    fake = await startFakeRest();
    pointAt(fake.endpoint);
    const s3 = await s3Client({ region: 'us-west-2', timeouts: { connectMs: 1000, responseMs: 600_000 } });
    const e = await publish({ ...options, timeoutMs: 1500 }, { s3, out: () => undefined }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WaitDeadlineError);
    expect((e as WaitDeadlineError).exitCode).toBe(5);
    expect((e as Error).message).toBe(
      'Reached the time limit (--timeout) while finding the region of bucket my-templates (GetBucketLocation): no answer yet.',
    );
    s3.destroy();
  });

  it('PutObject throttled 3 times, then OK: published, one line per retry', async () => {
    let throttles = 3;
    fake = await startFakeRest((r) => (r.startsWith('GET') ? LOCATION : throttles-- > 0 ? S3_SLOW_DOWN : PUT_OK));
    pointAt(fake.endpoint);
    const s3 = await s3Client({ region: 'us-west-2' });
    const out: string[] = [];
    const sleeps: number[] = [];
    const sleep = (ms: number): Promise<void> => {
      sleeps.push(ms);
      return Promise.resolve();
    };
    const result = await publish(options, { s3, out: (l) => out.push(l), sleep, random: () => 0.5 });
    expect(fake.log.filter((l) => l.startsWith('PUT'))).toHaveLength(4);
    const retries = out.filter((l) => l.includes('(PutObject): throttled; retry'));
    expect(retries).toEqual([
      `(uploading the template to s3://my-templates/${result.key} (PutObject): throttled; retry 1 in 0.5s)`,
      `(uploading the template to s3://my-templates/${result.key} (PutObject): throttled; retry 2 in 1.0s)`,
      `(uploading the template to s3://my-templates/${result.key} (PutObject): throttled; retry 3 in 2.0s)`,
    ]);
    expect(sleeps).toEqual([500, 1000, 2000]);
    expect(out).toContain(`Template URL: https://my-templates.s3.us-west-2.amazonaws.com/${result.key}`);
    s3.destroy();
  });

  it("--timeout is an option of publish, in its usage, checked like deploy's", async () => {
    const out: string[] = [];
    expect(
      await main(
        ['publish', '--help'],
        (l) => out.push(l),
        () => undefined,
      ),
    ).toBe(0);
    expect(out.join('\n')).toMatch(/--timeout DURATION +stop waiting for S3 after this long/);
    expect(out.join('\n')).toMatch(/5 the time limit passed before S3 answered/);
    const err: string[] = [];
    expect(
      await main(
        ['publish', '--bucket', 'b', '--timeout', 'soon'],
        () => undefined,
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err[0]).toContain('--timeout soon: write a duration such as 90s, 45m or 2h');
  });
});
