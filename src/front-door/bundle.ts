/**
 * Bundles the front door (src/front-door/handler.ts) into one minified CommonJS file for the
 * template's inline `Code.ZipFile`, which CloudFormation writes to index.js. The AWS SDK stays
 * out of the bundle: the Lambda Node.js runtimes (nodejs18.x and later) include SDK v3
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included), and
 * every byte of it is a byte of the template (kept within a 100,000-byte budget by a test).
 */
import { type BuildOptions, buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FRONT_DOOR_TARGET } from './runtime';

const ENTRY = join('src', 'front-door', 'handler.ts');

/** The front door's source is not where the bundler looks (a checkout without src/). */
export class FrontDoorSourceMissingError extends Error {
  constructor(from: string) {
    super(`Could not find ${ENTRY} above ${from}. Run the build from a checkout of fargate-oidc, or pass options.entry.`);
    this.name = 'FrontDoorSourceMissingError';
  }
}

/** Options of {@link bundleFrontDoor}. */
export interface BundleOptions {
  /** The handler's source file. Default: src/front-door/handler.ts of this checkout. */
  entry?: string;
}

/** esbuild's options for the handler: one place, used here and by scripts/bundle.mjs. */
export function frontDoorBuildOptions(options: BundleOptions = {}): BuildOptions & { write: false } {
  return {
    entryPoints: [options.entry ?? findEntry(__dirname)],
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

/** The minified handler as JavaScript source text (CommonJS, exports `handler`). */
export function bundleFrontDoor(options: BundleOptions = {}): string {
  const file = buildSync(frontDoorBuildOptions(options)).outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the front door');
  // esbuild ends the file with a newline: the YAML template then keeps it as a literal block, unescaped.
  return file.text;
}

/** Walks up from `from` to the directory that holds src/front-door/handler.ts (works from src/ and dist/). */
function findEntry(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, ENTRY);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new FrontDoorSourceMissingError(from);
  }
}
