/**
 * `npm run bench`: prints figures, asserts nothing (timings belong here, not in tests).
 *
 * Build: the cold whole-process time of `node dist/build.cjs`, what `npm run build` runs after
 * compiling (median of RUNS runs,
 * after WARMUP), beside the floor: a plain Node script that only writes the same bytes to the
 * same files (template.yaml/json and the two workflows). Target: within 1.5x of the floor.
 * That is the compiler's own cost; `npm run build` first runs `tsc` (a development step that
 * users of the committed out/ never run), printed beside it as the full figure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOutputs } from '../src/cli/build';
import { benchDeploy } from './bench-deploy';
import { benchLint } from './bench-lint';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 21);
const WARMUP = 3;
const TARGET_RATIO = 1.5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median wall time in ms of running `node args...` as a new process. */
function timeProcess(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr.toString()}`);
    if (i >= WARMUP) times.push(ms);
  }
  return median(times);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fargate-oidc-bench-'));
  try {
    const outputs = buildOutputs();
    const yaml = outputs.find((f) => f.path === 'template.yaml')?.text ?? '';
    const json = outputs.find((f) => f.path === 'template.json')?.text ?? '';
    const floorScript = join(dir, 'floor.js');
    writeFileSync(
      floorScript,
      `const fs = require('fs'); const path = require('path'); const d = process.argv[2];\n` +
        `for (const [f, text] of ${JSON.stringify(outputs.map((o) => [o.path, o.text]))}) {\n` +
        `  fs.mkdirSync(path.dirname(path.join(d, f)), { recursive: true }); fs.writeFileSync(path.join(d, f), text);\n}\n`,
    );
    const build = join(__dirname, '..', 'build.cjs');
    const buildMs = timeProcess([build, '--out-dir', join(dir, 'build')]);
    const floorMs = timeProcess([floorScript, join(dir, 'floor')]);
    for (const o of outputs) {
      if (readFileSync(join(dir, 'build', o.path), 'utf8') !== readFileSync(join(dir, 'floor', o.path), 'utf8')) {
        throw new Error(`the build and the floor wrote different ${o.path}`);
      }
    }
    const ratio = buildMs / floorMs;
    const npmBuild: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = process.hrtime.bigint();
      const r = spawnSync('npm', ['run', '-s', 'build', '--', '--out-dir', join(dir, 'npm')], { stdio: 'ignore' });
      if (r.status !== 0) throw new Error('npm run build failed');
      npmBuild.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const lines = [
      `node ${process.version}, median of ${RUNS} cold runs after ${WARMUP} warm-up runs`,
      `template.yaml: ${Buffer.byteLength(yaml)} bytes, template.json: ${Buffer.byteLength(json)} bytes (limit 51200); ${outputs.length} files written`,
      `build (node dist/build.cjs, the compiler alone):       ${buildMs.toFixed(1)} ms`,
      `floor (node script writing the files):                 ${floorMs.toFixed(1)} ms`,
      `ratio: ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
      `full npm run build (tsc, then the compiler), median of 3: ${median(npmBuild).toFixed(0)} ms`,
    ];
    for (const l of lines) process.stdout.write(`${l}\n`);

    for (const l of await benchDeploy()) process.stdout.write(`${l}\n`);
    for (const l of await benchLint()) process.stdout.write(`${l}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
