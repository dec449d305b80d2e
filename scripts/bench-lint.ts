/**
 * Lint benchmark: wall time of a full `fargate-oidc lint` of the project's template, as a
 * new process, with all layers and with `--skip-cfn-lint`, beside cfn-lint run alone on the
 * same file. cfn-lint runs as a child process while our rules run, so the full lint should
 * take about as long as cfn-lint alone; our layers alone should be a small fraction of it.
 * Then the same three on a corpus of generated templates (`lint-corpus.ts`, 520 by default) in
 * one batch, as a team linting a repository of templates would run it.
 *
 * `npm run bench` calls `benchLint()`.
 * BENCH_LINT_RUNS sets the number of timed runs (default 5, after one warm-up run);
 * BENCH_LINT_CORPUS sets the corpus size (default 520) and BENCH_LINT_CORPUS_RUNS its timed
 * runs (default 1: cfn-lint takes about a minute on it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCfnLint } from '../src/lint/cfn-lint';
import { compileTemplate } from '../src/template/compile';
import { generateCorpus } from './lint-corpus';

const RUNS = Number(process.env['BENCH_LINT_RUNS'] ?? 5);
const WARMUP = 1;
/** "A small fraction": our layers alone should take at most this share of cfn-lint's time. */
const TARGET_SHARE = 0.25;
/**
 * On a large batch, where Node's start-up no longer counts, our rules (the whole
 * `--skip-cfn-lint` process) should take under this share of cfn-lint's time (issue 21).
 */
const TARGET_BATCH_SHARE = 0.1;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median wall time in ms of `command args`, checking its exit code. */
function time(command: string, args: string[], okCodes: number[] = [0], runs = RUNS, warmup = WARMUP): number {
  return timed(command, args, okCodes, runs, warmup).ms;
}

/** Median wall time in ms of `command args` and the last run's stdout, checking its exit code. */
function timed(command: string, args: string[], okCodes: number[], runs: number, warmup: number): { ms: number; stdout: string } {
  const times: number[] = [];
  let stdout = '';
  for (let i = 0; i < warmup + runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status === null || !okCodes.includes(r.status)) {
      const what = `${command} ${args.slice(0, 4).join(' ')}${args.length > 4 ? ` … (${args.length} arguments)` : ''}`;
      throw new Error(`${what} exited ${r.status}: ${r.stderr.toString().slice(-2000)}`);
    }
    if (i >= warmup) times.push(ms);
    stdout = r.stdout.toString();
  }
  return { ms: median(times), stdout };
}

const CORPUS_SIZE = Number(process.env['BENCH_LINT_CORPUS'] ?? 520);
const CORPUS_RUNS = Number(process.env['BENCH_LINT_CORPUS_RUNS'] ?? 1);
/** cfn-lint ORs 2 (error), 4 (warning) and 8 (info) into its exit code. */
const CFN_LINT_CODES = [0, 2, 4, 6, 8, 10, 12, 14];

/** Findings in a JSON report: ours (`{ findings }`) or cfn-lint's (an array). */
function findingCount(stdout: string): number {
  const parsed = JSON.parse(stdout) as { findings?: unknown[] } | unknown[];
  return Array.isArray(parsed) ? parsed.length : (parsed.findings?.length ?? 0);
}

/** The corpus run: the generated templates in one batch, ours alone, cfn-lint alone, and both. */
function benchCorpus(dir: string, cli: string, cfnLint: string | undefined): string[] {
  const corpus = generateCorpus({ count: CORPUS_SIZE });
  const files = corpus.map((t) => {
    const file = join(dir, t.name);
    writeFileSync(file, t.text);
    return file;
  });
  const bytes = corpus.reduce((sum, t) => sum + Buffer.byteLength(t.text), 0);
  const json = corpus.filter((t) => t.name.endsWith('.json')).length;
  const head = `lint of a generated corpus: ${files.length} templates (${files.length - json} YAML, ${json} JSON, ${(bytes / 1024).toFixed(0)} KiB) in one batch, median of ${CORPUS_RUNS} run(s), as new processes:`;
  const ours = timed(process.execPath, [cli, 'lint', '--skip-cfn-lint', '--format', 'json', ...files], [0, 1], CORPUS_RUNS, 0);
  const oursLine = (cfnMs?: number): string =>
    `  fargate-oidc lint --skip-cfn-lint: ${ours.ms.toFixed(0).padStart(6)} ms  (${(ours.ms / files.length).toFixed(1)} ms/template; ${findingCount(ours.stdout)} findings` +
    `${cfnMs === undefined ? '' : `; ${((ours.ms / cfnMs) * 100).toFixed(1)}% of cfn-lint's time, target < ${TARGET_BATCH_SHARE * 100}%: ${ours.ms / cfnMs < TARGET_BATCH_SHARE ? 'met' : 'NOT met'}`})`;
  if (cfnLint === undefined) return [head, oursLine()];
  const cfn = timed(cfnLint, ['--format', 'json', '--', ...files], CFN_LINT_CODES, CORPUS_RUNS, 0);
  const full = timed(process.execPath, [cli, 'lint', '--format', 'json', ...files], [0, 1], CORPUS_RUNS, 0);
  return [
    head,
    `  cfn-lint --format json alone:      ${cfn.ms.toFixed(0).padStart(6)} ms  (${(cfn.ms / files.length).toFixed(1)} ms/template; ${findingCount(cfn.stdout)} findings)`,
    `  fargate-oidc lint, all layers:     ${full.ms.toFixed(0).padStart(6)} ms  (${(full.ms / cfn.ms).toFixed(2)}x cfn-lint alone; ${findingCount(full.stdout)} findings)`,
    oursLine(cfn.ms),
  ];
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
        ...benchCorpus(dir, cli, undefined),
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
      ...benchCorpus(dir, cli, cfnLint),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
