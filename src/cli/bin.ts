/**
 * The process entry of the `fargate-oidc` command (package.json `bin`, bundled by esbuild into
 * dist/cli.cjs). Everything else is in `main`, which takes its arguments and writers and never
 * touches the process.
 */
import { main } from './main';
import { nodeVersionNote, silenceSdkNodeWarning, unsupportedNode } from './node-version';
import { CommandStop, watchOutput } from './process-io';
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
  // Signals and a closed output (`deploy ... | head -1`): src/cli/process-io.ts.
  const stop = new CommandStop((code) => process.exit(code));
  watchOutput(process.stdout, stop);
  // A closed stderr: its lines are lost, nothing more (the command's outcome is unchanged).
  process.stderr.on('error', () => undefined);
  const unlisten = stop.listen(process);
  const out = (line: string): void => {
    if (!stop.outputClosed) process.stdout.write(`${line}\n`);
  };
  const err = (line: string): void => {
    if (!process.stderr.destroyed) process.stderr.write(`${line}\n`);
  };
  main(argv, out, err, process.env, stop).then(
    (code) => {
      unlisten();
      process.exitCode = stop.exitCode(code);
    },
    (e: unknown) => {
      unlisten();
      process.exitCode = stop.exitCode(reportError(undefined, e, err));
    },
  );
}
