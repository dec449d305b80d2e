/**
 * cfn-lint for the people who run `lint`: when none is installed (no `CFN_LINT`, none on
 * `PATH`), `lint` offers to install the pinned one (requirements/cfn-lint.txt, shipped in the
 * package) into a virtual environment of its own in the cache directory
 * (`$XDG_CACHE_HOME/fargate-oidc/cfn-lint-VERSION`, default `~/.cache/fargate-oidc/...`) with
 * `python3 -m venv` and that environment's pip, and uses it from then on. It asks on a terminal;
 * without one (CI) it needs `--install-cfn-lint`. No Python, no `venv` module or no reachable
 * package index end in {@link CfnLintProvisionError} (exit 3, as a missing cfn-lint).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { CfnLintMissingError, CfnLintProvisionError } from '../errors';

/** How `lint` may get its own cfn-lint. */
export interface ProvisionOptions {
  /** Environment holding `PATH`, `CFN_LINT`, `XDG_CACHE_HOME` and `HOME`. */
  readonly env: NodeJS.ProcessEnv;
  /** The pinned requirements file (requirements/cfn-lint.txt of the package). */
  readonly requirementsFile: string;
  /** `--install-cfn-lint`: install without asking (CI). */
  readonly install: boolean;
  /** Asks a yes/no question on the terminal; undefined when there is no terminal. */
  readonly ask?: (question: string) => Promise<boolean>;
  /** Where the one line saying what was installed goes. */
  readonly say: (line: string) => void;
}

/** The cfn-lint version a requirements file pins (`cfn-lint==X.Y.Z`). */
export function pinnedCfnLintVersion(requirements: string): string {
  const m = /^cfn-lint==([0-9][^\s;\\]*)/m.exec(requirements);
  if (!m?.[1]) throw new Error('the requirements file pins no cfn-lint==VERSION');
  return m[1];
}

/** Whether every requirement line carries a `--hash` (so pip can be asked to require them). */
export function hasHashes(requirements: string): boolean {
  const logical = requirements
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l !== '');
  return logical.length > 0 && logical.every((l) => /--hash=sha256:[0-9a-f]{64}/.test(l));
}

/** The cache directory: `$XDG_CACHE_HOME/fargate-oidc`, else `~/.cache/fargate-oidc`. */
export function cacheDirectory(env: NodeJS.ProcessEnv): string {
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg?.startsWith('/') ? xdg : join(env['HOME'] || homedir(), '.cache');
  return join(base, 'fargate-oidc');
}

/** The virtual environment that holds cfn-lint `version`. */
export function venvDirectory(env: NodeJS.ProcessEnv, version: string): string {
  return join(cacheDirectory(env), `cfn-lint-${version}`);
}

const BIN = process.platform === 'win32' ? 'Scripts' : 'bin';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `name` on PATH, or undefined. */
function onPath(env: NodeJS.ProcessEnv, name: string): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir !== '' && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

interface Ran {
  code: number | null;
  output: string;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.stderr.on('data', (b: Buffer) => chunks.push(b));
    child.on('error', (e) => resolve({ code: null, output: e.message }));
    child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** pip's words for "the package index could not be reached". */
const OFFLINE =
  /Failed to establish a new connection|Temporary failure in name resolution|Name or service not known|Network is unreachable|Connection refused|ConnectTimeout|ReadTimeout|No matching distribution found|Could not find a version that satisfies/;

const lastLines = (text: string): string => text.trim().split('\n').slice(-2).join(' ').trim();

/**
 * The cfn-lint `lint` should run: undefined when one is installed (CFN_LINT or PATH: nothing
 * to do), else the one in the cache's virtual environment, installed first when missing and
 * allowed (asked on a terminal, `--install-cfn-lint` without one). Throws
 * {@link CfnLintMissingError} when not allowed and {@link CfnLintProvisionError} when the
 * install fails.
 */
export async function provisionCfnLint(options: ProvisionOptions): Promise<string | undefined> {
  const { env } = options;
  if ((env['CFN_LINT'] ?? '') !== '' || onPath(env, 'cfn-lint') !== undefined) return undefined;
  const requirements = readFileSync(options.requirementsFile, 'utf8');
  const version = pinnedCfnLintVersion(requirements);
  const venv = venvDirectory(env, version);
  const executable = join(venv, BIN, 'cfn-lint');
  if (isExecutable(executable)) return executable;

  const question = `cfn-lint is not installed. Install cfn-lint ${version} into ${venv} (python3 -m venv, then pip)? [y/N] `;
  if (!options.install) {
    if (options.ask === undefined) {
      throw new CfnLintMissingError('not on PATH; pass --install-cfn-lint to install the pinned one into the cache');
    }
    if (!(await options.ask(question))) throw new CfnLintMissingError('not on PATH, and not installed: declined');
  }

  const python = onPath(env, 'python3');
  if (python === undefined) {
    throw new CfnLintProvisionError(
      'no python3 on PATH',
      "install Python 3.9 or later (python.org, or your system's python3 package), or install cfn-lint yourself",
    );
  }
  const made = await run(python, ['-m', 'venv', venv], env);
  if (made.code !== 0) {
    rmSync(venv, { recursive: true, force: true });
    throw new CfnLintProvisionError(
      `${python} -m venv ${venv} failed (${lastLines(made.output) || `exit code ${made.code}`})`,
      "install Python's venv module (Debian and Ubuntu: apt install python3-venv), or install cfn-lint yourself",
    );
  }
  const pip = join(venv, BIN, 'pip');
  const args = [
    'install',
    '--disable-pip-version-check',
    '--no-input',
    ...(hasHashes(requirements) ? ['--require-hashes'] : []),
    '-r',
    options.requirementsFile,
  ];
  const installed = await run(pip, args, env);
  if (installed.code !== 0 || !isExecutable(executable)) {
    rmSync(venv, { recursive: true, force: true });
    const why = lastLines(installed.output) || `exit code ${installed.code}`;
    throw OFFLINE.test(installed.output)
      ? new CfnLintProvisionError(
          `pip could not reach the Python package index (${why})`,
          'connect to the network (or set PIP_INDEX_URL to a mirror) and run lint again, or install cfn-lint yourself',
        )
      : new CfnLintProvisionError(
          `pip install -r ${options.requirementsFile} failed (${why})`,
          'run that command in the virtual environment by hand to see why, or install cfn-lint yourself',
        );
  }
  options.say(`Installed cfn-lint ${version} in ${venv}; lint uses it from now on.`);
  return executable;
}

/** The requirements file shipped with the package: beside the bundle (dist/) or the sources (src/lint/). */
export function shippedRequirementsFile(here: string = __dirname): string {
  const besideBundle = join(here, '..', 'requirements', 'cfn-lint.txt');
  const besideSources = join(here, '..', '..', 'requirements', 'cfn-lint.txt');
  return existsSync(besideBundle) || !existsSync(besideSources) ? besideBundle : besideSources;
}
