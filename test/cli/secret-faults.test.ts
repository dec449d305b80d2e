/**
 * `secret set` with the real SSM client of src/aws/clients.ts against a local endpoint
 * (test/fake-rest.ts): Ctrl-C (SIGINT) ends a PutParameter that hangs (exit 130), and
 * throttling is retried by the one policy of src/aws/call.ts with one line per retry. jest's own
 * timeout only guards against a hang, the defect tested. (test/cli/secret.test.ts mocks the SSM
 * client for every instance, so these tests live in their own file.)
 */
import { ssmClient } from '../../src/aws/clients';
import { secretCommand, type SecretDeps } from '../../src/cli/secret';
import { InterruptedError } from '../../src/errors';
import { type Answer, type FakeRest, jsonAnswer, pointSdkAt, startFakeRest } from '../fake-rest';

jest.setTimeout(20_000);

let fake: FakeRest | undefined;
let restoreEnv: (() => void) | undefined;

afterEach(async () => {
  restoreEnv?.();
  restoreEnv = undefined;
  await fake?.close();
  fake = undefined;
});

const ARGV = ['set', 'DATABASE_URL', '--app', 'shop', '--env', 'staging', '--region', 'us-west-2'];

async function setUp(answer: (request: string) => Answer) {
  fake = await startFakeRest(answer);
  restoreEnv = pointSdkAt(fake.endpoint);
  const sleeps: number[] = [];
  const deps: SecretDeps = {
    readStdin: () => Promise.resolve('postgres://u:p@db/shop\n'),
    stdinIsTty: false,
    ssm: ssmClient, // the real client, default time limits
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
  };
  return { deps, sleeps };
}

describe('secret set: Ctrl-C and retries over real HTTP', () => {
  it('Ctrl-C (SIGINT) while PutParameter hangs: InterruptedError, exit 130', async () => {
    const { deps } = await setUp(() => undefined);
    const running = secretCommand(
      ARGV,
      () => undefined,
      () => undefined,
      deps,
    ).catch((x: unknown) => x);
    expect(await fake!.nextHang()).toBe('POST AmazonSSM.PutParameter');
    process.emit('SIGINT');
    const e = await running;
    expect(e).toBeInstanceOf(InterruptedError);
    expect((e as InterruptedError).exitCode).toBe(130);
    expect((e as Error).message).toBe('Interrupted (Ctrl-C) while writing parameter /shop-staging/DATABASE_URL (ssm:PutParameter).');
  });

  it('PutParameter throttled twice, then written: one line per retry on stderr, never the value', async () => {
    let throttles = 2;
    const { deps, sleeps } = await setUp(() =>
      throttles-- > 0
        ? jsonAnswer(400, { __type: 'ThrottlingException', message: 'Rate exceeded' })
        : jsonAnswer(200, { Version: 4, Tier: 'Standard' }),
    );
    const out: string[] = [];
    const err: string[] = [];
    expect(
      await secretCommand(
        ARGV,
        (l) => out.push(l),
        (l) => err.push(l),
        deps,
      ),
    ).toBe(0);
    expect(err).toEqual([
      '(writing parameter /shop-staging/DATABASE_URL (ssm:PutParameter): throttled; retry 1 in 0.5s)',
      '(writing parameter /shop-staging/DATABASE_URL (ssm:PutParameter): throttled; retry 2 in 1.0s)',
    ]);
    expect(sleeps).toEqual([500, 1000]);
    expect(out[0]).toBe('wrote SecureString /shop-staging/DATABASE_URL (version 4)');
    expect(fake!.log).toHaveLength(3);
    expect([...out, ...err].join('\n')).not.toContain('postgres://');
  });

  it('the SSM client has the time limits of every client and no SDK retries of its own', async () => {
    const c = await ssmClient({ region: 'us-west-2' });
    expect(await c.config.maxAttempts()).toBe(1);
    c.destroy();
  });
});
