/**
 * Front door benchmark (issue 19, item 6): what loading the bundled handler adds to a bare
 * `node` start (Lambda bills this init on every cold start; target at most 60 ms on these
 * machines), and, reported separately, the first request of a fresh process: a browser
 * navigation that wakes a stopped app, and one proxied to a running app. Each first request
 * loads the SDK packages it needs and talks to a fake ECS/EC2/SSM on loopback
 * (test/front-door/fake-aws.ts) through AWS_ENDPOINT_URL.
 *
 * `npm run bench` calls `benchFrontDoor()`. BENCH_FRONT_DOOR_RUNS sets the timed runs (default 21).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontDoorCode } from '../src/front-door/code';
import { startFakeAws } from '../test/front-door/fake-aws';

const RUNS = Number(process.env['BENCH_FRONT_DOOR_RUNS'] ?? 21);
const WARMUP = 3;
/** Issue 19: loading the bundle adds no more than this to a bare node start. */
const TARGET_INIT_MS = 60;
const FIRST_REQUEST_RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median wall time in ms of `node args...` as a new process (runs interleaved by the caller). */
function wall(args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr.toString()}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `node script` without blocking this process (the fake endpoints must answer it); its stdout. */
function run(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`first request failed: ${err}`))));
  });
}

const FIRST_REQUEST_SCRIPT = `
const t0 = process.hrtime.bigint();
const { handler } = require('./index.js');
const t1 = process.hrtime.bigint();
handler(JSON.parse(process.env.BENCH_EVENT)).then((r) => {
  const t2 = process.hrtime.bigint();
  process.stdout.write('\\n' + JSON.stringify({ require: Number(t1 - t0) / 1e6, first: Number(t2 - t1) / 1e6, status: r.statusCode }));
});
`;

export async function benchFrontDoor(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fargate-oidc-bench-front-door-'));
  const aws = await startFakeAws();
  const app = createServer((_req, res) => res.end('hi'));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  try {
    writeFileSync(join(dir, 'index.js'), frontDoorCode());
    writeFileSync(join(dir, 'first.js'), FIRST_REQUEST_SCRIPT);
    symlinkSync(join(__dirname, '..', 'node_modules'), join(dir, 'node_modules'));

    // Init: bare start and start + require, interleaved so both see the same machine load.
    const bare: number[] = [];
    const loaded: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const b = wall(['-e', ''], dir);
      const l = wall(['-e', "require('./index.js')"], dir);
      if (i >= WARMUP) {
        bare.push(b);
        loaded.push(l);
      }
    }
    const init = median(loaded) - median(bare);

    const env = {
      ...process.env,
      AWS_ENDPOINT_URL: aws.url,
      AWS_REGION: 'us-west-2',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
      CLUSTER: 'portfolio',
      SERVICE: 'portfolio',
      PORT: String((app.address() as AddressInfo).port),
      IDLE_MINUTES: '30',
      PARAMETER_PATH: '/portfolio/front-door',
      WAKE_ON_ANY_REQUEST: 'false',
      DAILY_RUN_HOURS: '12',
      ORIGIN_SECRET: 'bench',
    };
    const navigation = {
      rawPath: '/',
      headers: { host: 'bench.example', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0', 'sec-fetch-mode': 'navigate' },
      requestContext: { http: { method: 'GET', sourceIp: '203.0.113.7' } },
    };
    const first = async (): Promise<{ require: number; first: number; status: number }[]> => {
      const results = [];
      for (let i = 0; i < 1 + FIRST_REQUEST_RUNS; i++) {
        // The last line: the handler's own log lines come first.
        const lines = (await run('first.js', dir, { ...env, BENCH_EVENT: JSON.stringify(navigation) })).trim().split('\n');
        const out = JSON.parse(lines[lines.length - 1] ?? '{}') as { require: number; first: number; status: number };
        if (i > 0) results.push(out);
      }
      return results;
    };
    aws.desiredCount = 0;
    const wake = await first();
    aws.tasks.push({
      arn: 'arn:aws:ecs:us-west-2:123456789012:task/portfolio/abc',
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      createdAt: Date.now(),
      publicIp: '127.0.0.1',
      eni: 'eni-0abc',
    });
    const proxied = await first();
    if (wake.some((r) => r.status !== 503) || proxied.some((r) => r.status !== 200))
      throw new Error('the first requests did not answer as expected');

    return [
      `front door (node ${process.version}), median of ${RUNS} cold starts after ${WARMUP} warm-up runs:`,
      `  bare node start: ${median(bare).toFixed(1)} ms; with the bundle required: ${median(loaded).toFixed(1)} ms`,
      `  init added by loading the bundle: ${init.toFixed(1)} ms (target <= ${TARGET_INIT_MS} ms: ${init <= TARGET_INIT_MS ? 'met' : 'NOT met'}); ` +
        `require() alone, in process: ${median(wake.map((r) => r.require)).toFixed(1)} ms`,
      `  first request of a fresh process, median of ${FIRST_REQUEST_RUNS} (loads the SDK packages it needs; fake AWS on loopback):`,
      `    navigation that wakes a stopped app (ECS + SSM): ${median(wake.map((r) => r.first)).toFixed(0)} ms`,
      `    navigation proxied to a running app (ECS + EC2 + SSM): ${median(proxied.map((r) => r.first)).toFixed(0)} ms`,
    ];
  } finally {
    await aws.close();
    await new Promise<void>((resolve) => app.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
}
