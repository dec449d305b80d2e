/**
 * Layer 1: AWS's own linter, cfn-lint (Python, 1.x). Found through `CFN_LINT` (a path to the
 * executable) or on `PATH`; run once for all templates with `--format json`; its findings
 * keep their rule ids (`E3012`, `W1020`…) and positions. Its version is read from the
 * installed package's `cfn_lint-X.Y.Z.dist-info` beside the executable (pip, venv, pipx,
 * pyenv, actions/setup-python layouts) or, failing that, asked for with `--version` in
 * parallel (a second Python start, which costs CPU on small CI machines).
 *
 * A missing cfn-lint is an error with its own exit code ({@link CfnLintMissingError}), never a
 * silent pass; the caller decides whether `--skip-cfn-lint` applies.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { CfnLintFailedError, CfnLintMissingError } from '../errors';
import type { RuleMetadata } from './rule-metadata';
import type { Finding, Severity } from './types';
import { isObject } from './types';

/** Where to look for cfn-lint and how to run it. */
export interface CfnLintOptions {
  /** Environment holding `PATH` and `CFN_LINT`; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Working directory for cfn-lint; defaults to the current one. */
  cwd?: string;
  /**
   * Stop cfn-lint (and the processes it started) when it has not finished after this many
   * milliseconds, so a template that makes it loop cannot hang a CI job. Default
   * {@link CFN_LINT_TIMEOUT_MS}.
   */
  timeoutMs?: number;
}

/** Default cfn-lint time limit: 15 minutes (520 templates took under 5 minutes on a loaded 2-core machine). */
export const CFN_LINT_TIMEOUT_MS = 15 * 60 * 1000;

/** What cfn-lint said about the templates. */
export interface CfnLintReport {
  /** e.g. `1.51.0`. */
  version: string;
  /** Absolute path of the executable that ran. */
  executable: string;
  findings: Finding[];
  /** The rules behind the findings, as cfn-lint describes them (for SARIF). */
  rules: RuleMetadata[];
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The cfn-lint executable: `CFN_LINT` if set, else the first `cfn-lint` on `PATH`. */
export function findCfnLint(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env['CFN_LINT'];
  if (explicit !== undefined && explicit !== '') {
    if (isExecutableFile(explicit)) return explicit;
    throw new CfnLintMissingError(`CFN_LINT=${explicit} is not an executable file`);
  }
  const names = process.platform === 'win32' ? ['cfn-lint.exe', 'cfn-lint.cmd', 'cfn-lint'] : ['cfn-lint'];
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  throw new CfnLintMissingError('not on PATH');
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when it was stopped for running past the time limit. */
  timedOut?: boolean;
}

/**
 * Runs `executable`; past `timeoutMs`, kills its whole process group (a pyenv shim runs Python
 * as its child, which would otherwise keep the pipes open).
 */
function run(executable: string, args: string[], options: CfnLintOptions): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const group = process.platform !== 'win32';
    const child = spawn(executable, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: group,
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }, options.timeoutMs ?? CFN_LINT_TIMEOUT_MS);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' || e.code === 'EACCES' ? new CfnLintMissingError(`${executable}: ${e.code}`) : e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
  });
}

/** Versions of cfn-lint in `PREFIX/lib/pythonX.Y/site-packages` for the executable `PREFIX/bin/cfn-lint`. */
function distInfoVersions(binDir: string, found: Set<string>): void {
  const lib = join(binDir, '..', 'lib');
  if (!existsSync(lib)) return;
  for (const python of readdirSync(lib).filter((d) => d.startsWith('python'))) {
    const site = join(lib, python, 'site-packages');
    if (!existsSync(site)) continue;
    for (const entry of readdirSync(site)) {
      const m = /^cfn_lint-(\d+\.\d+\.\d+[^-]*)\.dist-info$/.exec(entry);
      if (m?.[1]) found.add(m[1]);
    }
  }
}

/**
 * The version of the cfn-lint package installed with `executable`
 * (`BIN/../lib/pythonX.Y/site-packages/cfn_lint-X.Y.Z.dist-info`; for a pyenv shim, the one
 * version installed across the `PYENV_ROOT/versions` directories), or undefined when the layout is
 * different (Homebrew) or holds more than one version.
 */
export function versionFromDistInfo(executable: string): string | undefined {
  try {
    const binDir = dirname(realpathSync(executable));
    const found = new Set<string>();
    const pyenvVersions = join(binDir, '..', 'versions');
    if (basename(binDir) === 'shims' && existsSync(pyenvVersions)) {
      for (const v of readdirSync(pyenvVersions)) {
        if (existsSync(join(pyenvVersions, v, 'bin', 'cfn-lint'))) distInfoVersions(join(pyenvVersions, v, 'bin'), found);
      }
    } else {
      distInfoVersions(binDir, found);
    }
    return found.size === 1 ? [...found][0] : undefined;
  } catch {
    return undefined;
  }
}

const LEVELS: Record<string, Severity> = { Error: 'error', Warning: 'warning', Informational: 'info' };

/** Turns cfn-lint's JSON report into findings, naming files as the caller named them. */
export function parseCfnLintJson(stdout: string, files: readonly string[]): Finding[] {
  const raw: unknown = JSON.parse(stdout);
  if (!Array.isArray(raw)) throw new Error('the report is not a JSON array');
  const byAbsolute = new Map(files.map((f) => [resolve(f), f]));
  return raw.filter(isObject).map((m) => {
    const location = isObject(m['Location']) ? m['Location'] : {};
    const start = isObject(location['Start']) ? location['Start'] : {};
    const rule = isObject(m['Rule']) ? m['Rule'] : {};
    const filename = typeof m['Filename'] === 'string' ? m['Filename'] : undefined;
    return {
      file: filename === undefined ? (files[0] ?? '-') : (byAbsolute.get(resolve(filename)) ?? filename),
      line: typeof start['LineNumber'] === 'number' ? start['LineNumber'] : 1,
      col: typeof start['ColumnNumber'] === 'number' ? start['ColumnNumber'] : 1,
      severity: LEVELS[String(m['Level'])] ?? 'error',
      rule: typeof rule['Id'] === 'string' ? rule['Id'] : 'E0000',
      message: typeof m['Message'] === 'string' ? m['Message'] : JSON.stringify(m),
      source: 'cfn-lint' as const,
      ...(Array.isArray(location['Path'])
        ? { path: location['Path'].filter((k): k is string | number => typeof k === 'string' || typeof k === 'number') }
        : {}),
    };
  });
}

/**
 * The rules named in cfn-lint's JSON report, once each: `Rule.ShortDescription`,
 * `Rule.Description` and `Rule.Source` (a documentation URL).
 */
export function cfnLintRules(stdout: string): RuleMetadata[] {
  const raw: unknown = JSON.parse(stdout);
  const rules = new Map<string, RuleMetadata>();
  for (const m of Array.isArray(raw) ? raw.filter(isObject) : []) {
    const rule = isObject(m['Rule']) ? m['Rule'] : {};
    const id = typeof rule['Id'] === 'string' ? rule['Id'] : undefined;
    if (id === undefined || rules.has(id)) continue;
    const str = (key: string): string => (typeof rule[key] === 'string' ? rule[key] : '');
    const uri = str('Source');
    rules.set(id, {
      id,
      source: 'cfn-lint',
      severity: LEVELS[String(m['Level'])] ?? 'error',
      title: str('ShortDescription') || id,
      help: str('Description'),
      fix: '',
      ...(/^https?:\/\//.test(uri) ? { helpUri: uri } : {}),
    });
  }
  return [...rules.values()];
}

/** The last line of stderr: where Python puts the exception and shims their complaint. */
const lastLine = (text: string): string => text.trim().split('\n').slice(-1)[0] ?? '';

/**
 * Runs cfn-lint on `files`. Throws {@link CfnLintMissingError} or {@link CfnLintFailedError}.
 * With no files (all refused by our reader), only finds cfn-lint and its version.
 */
export async function runCfnLint(files: readonly string[], options: CfnLintOptions = {}): Promise<CfnLintReport> {
  const executable = findCfnLint(options.env ?? process.env);
  const installed = versionFromDistInfo(executable);
  const noRun: Run = { code: 0, stdout: '[]', stderr: '' };
  const [lint, version] = await Promise.all([
    files.length === 0 ? noRun : run(executable, ['--format', 'json', '--', ...files], options),
    installed === undefined ? run(executable, ['--version'], options) : undefined,
  ]);
  if (lint.timedOut) {
    const seconds = (options.timeoutMs ?? CFN_LINT_TIMEOUT_MS) / 1000;
    throw new CfnLintFailedError(
      `${executable} --format json`,
      `no report within ${seconds} s (stopped; raise --cfn-lint-timeout for large batches)`,
    );
  }
  // A pyenv or asdf shim exits 127 when the active Python has no cfn-lint.
  if (lint.code === 127) throw new CfnLintMissingError(`${executable}: ${lastLine(lint.stderr) || 'command not found'}`);
  let findings: Finding[];
  try {
    findings = parseCfnLintJson(lint.stdout, files);
  } catch (e) {
    const why = lastLine(lint.stderr) || (e as Error).message;
    throw new CfnLintFailedError(`${executable} --format json`, `exit code ${lint.code}, ${why}`);
  }
  const asked = version && /(\d+\.\d+\.\d+\S*)/.exec(version.stdout + version.stderr)?.[1];
  return { version: installed ?? asked ?? 'unknown', executable, findings, rules: cfnLintRules(lint.stdout) };
}
