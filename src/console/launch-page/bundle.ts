/**
 * Bundles the launch page's script (`browser.ts` and what it imports) for the browser with
 * esbuild's JS API: one minified IIFE, returned as text (nothing written) for `renderLaunchPage`
 * to inline. A Node.js import anywhere in that graph fails the bundle (platform `browser`).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Esbuild from 'esbuild';

/** The browser script's source, from the repository root. */
const ENTRY = join('src', 'console', 'launch-page', 'browser.ts');

/** The script could not be bundled: the message says what esbuild reported and what to do. */
export class LaunchScriptBundleError extends Error {
  constructor(readonly detail: string) {
    super(`Cannot bundle the launch page's script (${ENTRY}): ${detail}`);
    this.name = 'LaunchScriptBundleError';
  }
}

/**
 * The repository root: the nearest folder above `from` that holds `src/console/launch-page/browser.ts`.
 * The build runs from src/ (jest), dist/src/ (tsc) or one bundled file in dist/, so the path
 * is looked up rather than fixed.
 */
export function findRepositoryRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ENTRY))) return dir;
    if (dirname(dir) === dir) {
      throw new LaunchScriptBundleError(`not found in ${from} or a folder above it; run the build from a clone of the repository.`);
    }
  }
}

/**
 * esbuild, loaded when called. Its JS API finds its native binary next to its own files, so it
 * must not be bundled into the build's own bundle; a run-time require keeps it out whatever
 * bundles this module.
 *
 * Loaded with ESBUILD_WORKER_THREADS=0 (read once, when esbuild loads; restored right after):
 * otherwise its first buildSync starts a worker thread and a service, ~250 ms on a busy
 * 2-core machine for a bundle that takes ~40 ms as one esbuild process.
 */
function loadEsbuild(): typeof Esbuild {
  const previous = process.env['ESBUILD_WORKER_THREADS'];
  process.env['ESBUILD_WORKER_THREADS'] = '0';
  try {
    return createRequire(__filename)('esbuild') as typeof Esbuild;
  } catch (e) {
    throw new LaunchScriptBundleError(`esbuild is not installed (${(e as Error).message.split('\n')[0]}); run "npm ci".`);
  } finally {
    if (previous === undefined) delete process.env['ESBUILD_WORKER_THREADS'];
    else process.env['ESBUILD_WORKER_THREADS'] = previous;
  }
}

/** Replaced with the bundled script by scripts/bundle.mjs (esbuild `define`); undeclared elsewhere. */
declare const LAUNCH_SCRIPT: string | undefined;

/**
 * The page's script: bundled once by scripts/bundle.mjs into every dist/ file (so `npm run
 * build` and an installed package start no esbuild for it); from the TypeScript sources (jest,
 * scripts) it is bundled here.
 */
export function launchScript(): string {
  return typeof LAUNCH_SCRIPT === 'string' ? LAUNCH_SCRIPT : bundleLaunchScript();
}

/** esbuild's options for the script: one place, used here and by scripts/bundle.mjs. */
export function launchScriptBuildOptions(root: string): Esbuild.BuildOptions & { write: false } {
  return {
    absWorkingDir: root,
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
    // The repository's tsconfig.json (strict, hence "use strict") is not in the installed
    // package: say it here, so a clone and an installed package write the same page.
    tsconfigRaw: { compilerOptions: { alwaysStrict: true } },
  };
}

/** The bundle's text, refused when it is missing or would end the inline script early. */
export function checkedLaunchScript(script: string | undefined): string {
  if (script === undefined) throw new LaunchScriptBundleError('esbuild wrote no output.');
  if (/<\/script/i.test(script))
    throw new LaunchScriptBundleError('the bundle contains "</script", which would end the inline script early.');
  return script;
}

/** The page's script as minified JavaScript for browsers of the last few years (ES2020). */
export function bundleLaunchScript(root: string = findRepositoryRoot()): string {
  const esbuild = loadEsbuild();
  let result: Esbuild.BuildResult & { outputFiles: Esbuild.OutputFile[] };
  try {
    result = esbuild.buildSync(launchScriptBuildOptions(root));
  } catch (e) {
    throw new LaunchScriptBundleError((e as Error).message);
  }
  return checkedLaunchScript(result.outputFiles[0]?.text);
}
