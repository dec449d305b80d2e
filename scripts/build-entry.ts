/**
 * The build's own entry point, bundled by esbuild into dist/build.cjs (`npm run compile`):
 * one file instead of ~40 modules to resolve and load, which is most of what separates the
 * build from a script that only writes the same files (`npm run bench`). It runs exactly
 * `fargate-oidc build`, and reports errors as the CLI does: a user error's message, or a
 * short note for an internal one (the minified stack only with FARGATE_OIDC_DEBUG=1).
 */
import { buildCommand } from '../src/cli/build';
import { reportError } from '../src/cli/report-error';

try {
  process.exitCode = buildCommand(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
} catch (e) {
  process.exitCode = reportError('build', e, (line) => process.stderr.write(`${line}\n`));
}
