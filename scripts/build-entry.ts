/**
 * The build's own entry point, bundled by esbuild into dist/build.cjs (`npm run compile`):
 * one file instead of ~40 modules to resolve and load, which is most of what separates the
 * build from a script that only writes the same files (`npm run bench`). It runs exactly
 * `fargate-oidc build`, and reports errors as the CLI does: a user error's message, or a
 * short note for an internal one (the minified stack only with FARGATE_OIDC_DEBUG=1). The
 * compiler loads inside that handler, so an error while its modules load is reported the same way.
 */
import { reportError } from '../src/cli/report-error';

async function run(): Promise<number> {
  const { buildCommand } = await import('../src/cli/build');
  return buildCommand(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = reportError('build', e, (line) => process.stderr.write(`${line}\n`));
  },
);
