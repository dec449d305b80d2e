/**
 * Finds and loads the app's config: `fargate-oidc.config.{ts,mts,js,mjs}` in the app's
 * directory. esbuild turns it (and the modules it imports) into CommonJS in memory, so a
 * TypeScript config runs on Node 20 without a build step; packages it imports load from the
 * app's own node_modules, and `fargate-oidc` itself is this running package.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../errors';
import { bundleErrors, bundleForNode, type Esbuild } from '../node-bundle';
import { validateConfig } from './validate';
import type { FargateOidcConfig } from './types';

/** The config file names `build` looks for, in this order. */
export const CONFIG_FILES = [
  'fargate-oidc.config.ts',
  'fargate-oidc.config.mts',
  'fargate-oidc.config.js',
  'fargate-oidc.config.mjs',
] as const;

/** The config file in `dir`, or `undefined` when there is none; two are refused. */
export function findConfigFile(dir: string): string | undefined {
  const found = CONFIG_FILES.map((name) => join(dir, name)).filter((path) => existsSync(path));
  if (found.length > 1) {
    throw new ConfigError(basename(found[0] as string), '', `found ${found.map((f) => basename(f)).join(' and ')}: keep one config file.`);
  }
  return found[0];
}

/** What `import ... from 'fargate-oidc'` gives a config: this package's public API. */
export type PublicApi = Record<string, unknown>;

/** Loads, runs and validates the config at `file`. `api` is what `fargate-oidc` resolves to inside it. */
export function loadConfig(file: string, api: PublicApi): FargateOidcConfig {
  const name = basename(file);
  let code: string;
  try {
    // Loaded here, not at the top: only a build with a config pays for esbuild.
    code = bundleForNode(require('esbuild') as Esbuild, { entry: file });
  } catch (e) {
    const [first] = bundleErrors(e);
    const where = first?.line === undefined ? '' : `line ${first.line}:${first.column}: `;
    throw new ConfigError(name, '', `cannot compile it: ${where}${first?.text ?? ''}`);
  }
  const appRequire = createRequire(file);
  const requireForConfig = (id: string): unknown => (id === 'fargate-oidc' ? api : appRequire(id));
  const module = { exports: {} as Record<string, unknown> };
  try {
    const run = new Function('module', 'exports', 'require', '__filename', '__dirname', code) as (
      m: typeof module,
      e: Record<string, unknown>,
      r: (id: string) => unknown,
      f: string,
      d: string,
    ) => void;
    run(module, module.exports, requireForConfig, file, dirname(file));
  } catch (e) {
    throw new ConfigError(name, '', `failed while running: ${(e as Error).message}`);
  }
  // `export default defineConfig(...)`, or `module.exports = defineConfig(...)` in a .js file.
  const exported = 'default' in module.exports ? module.exports['default'] : 'appName' in module.exports ? module.exports : undefined;
  return validateConfig(exported, name);
}
