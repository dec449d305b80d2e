/**
 * The build's own entry point, bundled by esbuild into dist/build.cjs (`npm run compile`):
 * one file instead of ~40 modules to resolve and load, which is most of what separates the
 * build from a script that only writes the same files (`npm run bench`). It runs exactly
 * `fargate-oidc build`.
 */
import { buildCommand } from '../src/cli/build';
import { UserError } from '../src/errors';

try {
  process.exitCode = buildCommand(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
} catch (e) {
  process.stderr.write(e instanceof UserError ? `fargate-oidc build: ${e.message}\n` : `build failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = e instanceof UserError ? e.exitCode : 1;
}
