/**
 * The process entry of the `fargate-oidc` command (package.json `bin`, bundled by esbuild into
 * dist/cli.cjs). Everything else is in `main`, which takes its arguments and writers and never
 * touches the process.
 */
import { main } from './main';
import { nodeVersionNote, silenceSdkNodeWarning, unsupportedNode } from './node-version';
import { exitQuietlyOnBrokenPipe } from './process-io';
import { reportError } from './report-error';

const argv = process.argv.slice(2);
const tooOld = unsupportedNode(process.version);
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exitCode = 2;
} else {
  silenceSdkNodeWarning(process.env);
  const note = nodeVersionNote(process.version, argv[0]);
  if (note) process.stderr.write(`${note}\n`);
  // `fargate-oidc url | head -1`: when the reader goes away, stop quietly.
  exitQuietlyOnBrokenPipe(process.stdout, (code) => process.exit(code));
  exitQuietlyOnBrokenPipe(process.stderr, (code) => process.exit(code));
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.exitCode = reportError(undefined, e, (line) => process.stderr.write(`${line}\n`));
    },
  );
}
