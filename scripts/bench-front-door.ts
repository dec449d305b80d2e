/**
 * `npm run bench`, the front door's init: a new Node process loads the bundled handler (the
 * template's `Code.ZipFile`, with the SDK from node_modules as Lambda's runtime provides it)
 * and handles one event, which builds its ECS, EC2 and SSM clients with the dual-stack
 * endpoints of the private layout and then refuses the event (no network call). That is what
 * a cold start does before the first AWS call; Lambda's own figure on AWS is the
 * `Init Duration` of the function's REPORT lines (docs/front-door.md, "Expected cold start").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontDoorCode } from '../src/front-door/code';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 21);
const WARMUP = 3;

export function benchFrontDoorInit(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'front-door-init-'));
  try {
    const code = frontDoorCode();
    writeFileSync(join(dir, 'index.js'), code);
    const probe =
      "const h = require('./index.js').handler; " +
      'h({}).then(() => process.exit(1), (e) => process.exit(/Not an HTTP API request/.test(e.message) ? 0 : 1));';
    const env = {
      ...process.env,
      NODE_PATH: join(__dirname, '..', 'node_modules'),
      AWS_REGION: 'us-west-2',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_ENDPOINT_URL: '',
      CLUSTER: 'app',
      SERVICE: 'app',
      PORT: '8000',
      IDLE_MINUTES: '30',
      LAST_REQUEST_PARAMETER: '/app/front-door/last-request',
      TASK_ADDRESS: 'ipv6',
      AWS_USE_DUALSTACK_ENDPOINT: 'true',
      AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
    };
    const times: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['-e', probe], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (r.status !== 0) throw new Error(`the front door's init failed: ${r.stderr.toString()}`);
      if (i >= WARMUP) times.push(ms);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return [
      `front door init (new node process: bundle ${Buffer.byteLength(code)} bytes + 3 SDK clients, dual-stack), median of ${RUNS}: ${median.toFixed(0)} ms`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
