/**
 * Lint benchmark: wall time of a full `fargate-oidc lint` of the project's template, as a
 * new process, with all layers and with `--skip-cfn-lint`, beside cfn-lint run alone on the
 * same file. cfn-lint runs as a child process while our rules run, so the full lint should
 * take about as long as cfn-lint alone; our layers alone should be a small fraction of it.
 *
 * `npm run bench` calls `benchLint()`.
 * BENCH_LINT_RUNS sets the number of timed runs (default 5, after one warm-up run).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCfnLint } from '../src/lint/cfn-lint';
import { compileTemplate } from '../src/template/compile';

const RUNS = Number(process.env['BENCH_LINT_RUNS'] ?? 5);
const WARMUP = 1;
/** "A small fraction": our layers alone should take at most this share of cfn-lint's time. */
const TARGET_SHARE = 0.25;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median wall time in ms of `command args`, checking its exit code. */
function time(command: string, args: string[], okCodes: number[] = [0]): number {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status === null || !okCodes.includes(r.status)) {
      throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stdout.toString()}${r.stderr.toString()}`);
    }
    if (i >= WARMUP) times.push(ms);
  }
  return median(times);
}

/** Runs the benchmark; returns the lines to print. */
export async function benchLint(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fargate-oidc-bench-lint-'));
  try {
    const file = join(dir, 'template.yaml');
    const { yaml } = compileTemplate();
    writeFileSync(file, yaml);
    // dist/bench.cjs sits beside dist/cli.cjs (both written by scripts/bundle.mjs).
    const cli = join(__dirname, 'cli.cjs');
    let cfnLint: string;
    try {
      cfnLint = findCfnLint();
    } catch (e) {
      const oursOnly = time(process.execPath, [cli, 'lint', '--skip-cfn-lint', file]);
      return [
        `lint of the project's template: fargate-oidc lint --skip-cfn-lint ${oursOnly.toFixed(0)} ms (median of ${RUNS})`,
        `  no comparison with cfn-lint: ${(e as Error).message}`,
      ];
    }
    const cfnMs = time(cfnLint, ['--format', 'json', '--', file]);
    const fullMs = time(process.execPath, [cli, 'lint', file]);
    const oursMs = time(process.execPath, [cli, 'lint', '--skip-cfn-lint', file]);
    const share = oursMs / cfnMs;
    return [
      `lint of the project's template (${Buffer.byteLength(yaml)} bytes), median of ${RUNS} runs after ${WARMUP} warm-up, as new processes:`,
      `  cfn-lint --format json alone:      ${cfnMs.toFixed(0).padStart(6)} ms  (${cfnLint})`,
      `  fargate-oidc lint, all layers:     ${fullMs.toFixed(0).padStart(6)} ms  (${(fullMs / cfnMs).toFixed(2)}x cfn-lint alone)`,
      `  fargate-oidc lint --skip-cfn-lint: ${oursMs.toFixed(0).padStart(6)} ms`,
      `  ratio with/without cfn-lint: ${(fullMs / oursMs).toFixed(2)}x; our layers alone = ${(share * 100).toFixed(0)}% of cfn-lint's time (target <= ${TARGET_SHARE * 100}%: ${share <= TARGET_SHARE ? 'met' : 'NOT met'})`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchLint().then(
    (lines) => {
      for (const l of lines) process.stdout.write(`${l}\n`);
    },
    (e: unknown) => {
      process.stderr.write(`bench-lint failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
