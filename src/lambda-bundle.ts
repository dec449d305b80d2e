/**
 * Bundles one of the stack's Lambda handlers (the front door's, the deployer's) into one
 * minified CommonJS file for the template's inline `Code.ZipFile`, which CloudFormation writes
 * to index.js. The AWS SDK stays out of the bundle: the Lambda Node.js runtimes (nodejs18.x and
 * later) include SDK v3
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included), and
 * every byte of it is a byte of the template (kept within a 100,000-byte budget by a test).
 */
import { type BuildOptions, buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FRONT_DOOR_TARGET } from './front-door/runtime';

/** A handler's source is not where the bundler looks (a checkout without src/). */
export class LambdaSourceMissingError extends Error {
  constructor(entry: string, from: string) {
    super(`Could not find ${entry} above ${from}. Run the build from a checkout of fargate-oidc, or pass options.entry.`);
    this.name = 'LambdaSourceMissingError';
  }
}

/** Which handler to bundle. */
export interface LambdaBundleOptions {
  /** The handler's folder under src/ (`front-door`, `deployer`): its entry is `src/<folder>/handler.ts`. */
  folder: string;
  /** The handler's source file. Default: src/<folder>/handler.ts of this checkout. */
  entry?: string;
}

/** esbuild's options for a handler: one place, used here and by scripts/bundle.mjs. */
export function lambdaBuildOptions(options: LambdaBundleOptions): BuildOptions & { write: false } {
  return {
    entryPoints: [options.entry ?? findEntry(join('src', options.folder, 'handler.ts'), __dirname)],
    bundle: true,
    minify: true,
    platform: 'node',
    target: FRONT_DOOR_TARGET,
    format: 'cjs',
    external: ['@aws-sdk/*'],
    legalComments: 'none',
    // Plain assignments instead of class field declarations: a few bytes less.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    write: false,
    logLevel: 'silent',
  };
}

/**
 * The minified handler as JavaScript source text (CommonJS, exports `handler`). esbuild ends
 * the file with a newline: the YAML template then keeps it as a literal block, unescaped.
 */
export function bundleLambda(options: LambdaBundleOptions): string {
  const file = buildSync(lambdaBuildOptions(options)).outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for src/${options.folder}/handler.ts`);
  return file.text;
}

/** Walks up from `from` to the directory that holds `entry` (works from src/ and dist/). */
function findEntry(entry: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, entry);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new LambdaSourceMissingError(entry, from);
  }
}
