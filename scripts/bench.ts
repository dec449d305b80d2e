/**
 * `npm run bench`: prints figures, asserts nothing (timings belong here, not in tests).
 *
 * Build, three figures:
 * - cold `npm run build`: what a user runs on a fresh clone (esbuild bundles the sources, then
 *   the compiler writes out/), with dist/ removed before every run, so nothing is reused.
 *   Target: at most a tenth of a full `cdk synth` of equivalent infrastructure (tsc + synth,
 *   `cdk init` defaults), which took 4.6-6.7 s on these 2-core machines: about 0.5 s.
 * - the compiler alone (`node dist/build.cjs`), median of RUNS runs after WARMUP;
 * - the floor: a plain Node script that only writes the same bytes to the same files.
 *   Target for the compiler: within 1.5x of the floor.
 */
// First, before any module makes an SDK client: no seven-line Node warning in the figures.
import './quiet-sdk';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOutputs } from '../src/cli/build';
import { benchDeploy } from './bench-deploy';
import { benchFrontDoor } from './bench-front-door';
import { benchLint } from './bench-lint';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 21);
const WARMUP = 3;
const TARGET_RATIO = 1.5;
/** A tenth of a full `cdk synth` of the same infrastructure on these machines (see above). */
const TARGET_NPM_BUILD_MS = 500;
const NPM_RUNS = Number(process.env['BENCH_NPM_RUNS'] ?? 7);

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

/**
 * Median wall time of `npm run build` as a user runs it on a fresh clone: in a copy of the
 * project's sources with no dist/ (node_modules linked, not copied), writing to a scratch out/.
 */
function coldNpmBuild(scratch: string): number {
  const root = join(__dirname, '..');
  const copy = join(scratch, 'project');
  for (const entry of ['package.json', 'tsconfig.json', 'src', 'scripts'])
    cpSync(join(root, entry), join(copy, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  const times: number[] = [];
  for (let i = 0; i < 1 + NPM_RUNS; i++) {
    rmSync(join(copy, 'dist'), { recursive: true, force: true });
    const start = process.hrtime.bigint();
    const r = spawnSync('npm', ['run', '-s', 'build', '--', '--out-dir', join(scratch, 'npm-out')], {
      cwd: copy,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`npm run build failed: ${r.stderr.toString()}`);
    if (i > 0) times.push(ms);
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
    const build = join(__dirname, 'build.cjs');
    const buildMs = timeProcess([build, '--out-dir', join(dir, 'build')]);
    const floorMs = timeProcess([floorScript, join(dir, 'floor')]);
    for (const o of outputs) {
      if (readFileSync(join(dir, 'build', o.path), 'utf8') !== readFileSync(join(dir, 'floor', o.path), 'utf8')) {
        throw new Error(`the build and the floor wrote different ${o.path}`);
      }
    }
    const ratio = buildMs / floorMs;
    const npmBuildMs = coldNpmBuild(dir);
    const lines = [
      `node ${process.version}, median of ${RUNS} cold runs after ${WARMUP} warm-up runs`,
      `template.yaml: ${Buffer.byteLength(yaml)} bytes, template.json: ${Buffer.byteLength(json)} bytes (budget 100000; over 51200 goes through S3); ${outputs.length} files written`,
      `build (node dist/build.cjs, the compiler alone):       ${buildMs.toFixed(1)} ms`,
      `floor (node script writing the files):                 ${floorMs.toFixed(1)} ms`,
      `ratio: ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
      `cold npm run build (esbuild bundle + compiler, dist/ removed first), median of ${NPM_RUNS}: ${npmBuildMs.toFixed(0)} ms ` +
        `(target <= ${TARGET_NPM_BUILD_MS} ms: ${npmBuildMs <= TARGET_NPM_BUILD_MS ? 'met' : 'NOT met'})`,
    ];
    for (const l of lines) process.stdout.write(`${l}\n`);

    for (const l of await benchDeploy()) process.stdout.write(`${l}\n`);
    for (const l of await benchLint()) process.stdout.write(`${l}\n`);
    for (const l of await benchFrontDoor()) process.stdout.write(`${l}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
