/**
 * Bundles the deployer (src/deployer/handler.ts) into one minified CommonJS file for the
 * template's inline `Code.ZipFile`, as src/front-door/bundle.ts does for the front door. The
 * AWS SDK stays out of the bundle: the Lambda Node.js runtimes include SDK v3
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included).
 */
import { type BuildOptions, buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FRONT_DOOR_TARGET } from '../front-door/runtime';

const ENTRY = join('src', 'deployer', 'handler.ts');

/** The deployer's source is not where the bundler looks (a checkout without src/). */
export class DeployerSourceMissingError extends Error {
  constructor(from: string) {
    super(`Could not find ${ENTRY} above ${from}. Run the build from a checkout of fargate-oidc, or pass options.entry.`);
    this.name = 'DeployerSourceMissingError';
  }
}

/** Options of {@link bundleDeployer}. */
export interface DeployerBundleOptions {
  /** The handler's source file. Default: src/deployer/handler.ts of this checkout. */
  entry?: string;
}

/** esbuild's options for the deployer: one place, used here and by scripts/bundle.mjs. */
export function deployerBuildOptions(options: DeployerBundleOptions = {}): BuildOptions & { write: false } {
  return {
    entryPoints: [options.entry ?? findEntry(__dirname)],
    bundle: true,
    minify: true,
    platform: 'node',
    target: FRONT_DOOR_TARGET,
    format: 'cjs',
    external: ['@aws-sdk/*'],
    legalComments: 'none',
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    write: false,
    logLevel: 'silent',
  };
}

/** The minified deployer as JavaScript source text (CommonJS, exports `handler`). */
export function bundleDeployer(options: DeployerBundleOptions = {}): string {
  const file = buildSync(deployerBuildOptions(options)).outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the deployer');
  return file.text;
}

/** Walks up from `from` to the directory that holds src/deployer/handler.ts (works from src/ and dist/). */
function findEntry(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, ENTRY);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new DeployerSourceMissingError(from);
  }
}
