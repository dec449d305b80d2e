/**
 * A headless Chromium for the browser tests, on any machine, without root or apt:
 *
 * 1. `CHROMIUM_PATH`, when set (e.g. a GitHub runner's Chrome): only that one;
 * 2. else Debian's `/usr/bin/chromium`, when present;
 * 3. else the Chromium inside the `@sparticuz/chromium` devDependency: its `executablePath()`
 *    unpacks the browser from the npm package into the temporary directory (`/tmp/chromium`).
 *
 * `findChromium()` is synchronous on purpose: called at the top level of a test file, a
 * browser that cannot start fails the suite once ("Test suite failed to run", with what was
 * tried and how to fix it) instead of once per test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** A Chromium that answered `--version`. */
export interface FoundChromium {
  /** The executable. */
  path: string;
  /** Where it came from, for messages: `CHROMIUM_PATH`, `/usr/bin/chromium` or `@sparticuz/chromium`. */
  source: string;
  /** What `--version` printed, e.g. `Chromium 147.0.7727.0`. */
  version: string;
}

/** No candidate could start; the message lists each one tried and why it failed, then the fixes. */
export class NoChromiumError extends Error {
  constructor(readonly tried: readonly string[]) {
    super(
      `No headless Chromium could start for the browser tests. Tried:\n- ${tried.join('\n- ')}\n` +
        'Fix one of: run "npm ci" (it installs @sparticuz/chromium, a Chromium inside the npm package, no root needed); ' +
        'or set CHROMIUM_PATH to a Chrome or Chromium executable.',
    );
    this.name = 'NoChromiumError';
  }
}

/**
 * Flags for a browser on a closed network: headless, no sandbox (containers, root), no GPU,
 * nothing that phones home (background networking, component updates, sync, first-run pages).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** `--version` of an executable, or why it does not run. */
function probe(path: string): { version: string } | { problem: string } {
  if (!existsSync(path)) return { problem: 'not found' };
  const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (run.error) return { problem: run.error.message };
  if (run.status !== 0) {
    const why = run.stderr.trim().split('\n')[0];
    return { problem: `--version exited with ${run.status ?? run.signal}${why ? `: ${why}` : ''}` };
  }
  return { version: run.stdout.trim() };
}

/** Unpacks @sparticuz/chromium's browser (in a child process, so this stays synchronous); its path or why not. */
function unpackNpmChromium(): { path: string } | { problem: string } {
  let entry: string;
  try {
    entry = require.resolve('@sparticuz/chromium');
  } catch {
    return { problem: 'not installed (it is a devDependency: run "npm ci")' };
  }
  const script =
    `const c = require(${JSON.stringify(entry)}); (c.default ?? c).executablePath()` +
    '.then((p) => process.stdout.write(p), (e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });';
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
  if (run.error) return { problem: `unpacking failed: ${run.error.message}` };
  if (run.status !== 0) return { problem: `unpacking failed: ${run.stderr.trim()}` };
  return { path: run.stdout.trim() };
}

/** The first Chromium that runs, in the order above; throws {@link NoChromiumError} naming every one tried. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundChromium {
  const tried: string[] = [];
  const attempt = (source: string, path: string): FoundChromium | undefined => {
    const p = probe(path);
    if ('version' in p) return { path, source, version: p.version };
    tried.push(`${source} (${path}): ${p.problem}`);
    return undefined;
  };
  const explicit = env['CHROMIUM_PATH'];
  if (explicit) {
    const found = attempt('CHROMIUM_PATH', explicit);
    if (found) return found;
    throw new NoChromiumError([...tried, 'nothing else: CHROMIUM_PATH is set, so only it is used (unset it to use the others)']);
  }
  if (existsSync(SYSTEM_CHROMIUM)) {
    const found = attempt(SYSTEM_CHROMIUM, SYSTEM_CHROMIUM);
    if (found) return found;
  } else {
    tried.push(`${SYSTEM_CHROMIUM}: not found`);
  }
  const unpacked = unpackNpmChromium();
  if ('problem' in unpacked) {
    tried.push(`@sparticuz/chromium: ${unpacked.problem}`);
  } else {
    const found = attempt('@sparticuz/chromium', unpacked.path);
    if (found) return found;
  }
  throw new NoChromiumError(tried);
}

/**
 * Launches the browser found. Playwright gives it a fresh temporary profile (user-data-dir)
 * and removes it on close.
 */
export async function launchChromium(found: FoundChromium): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: found.path, headless: true, args: [...CHROMIUM_ARGS] });
  } catch (e) {
    throw new NoChromiumError([
      `${found.source} (${found.path}, ${found.version}): answered --version but did not start: ${(e as Error).message.split('\n')[0] ?? ''}`,
    ]);
  }
}
