/** `npm run build`: the same as `fargate-oidc build`, writing ./out. */
import { main } from '../src/cli/main';
import { reportError } from '../src/cli/report-error';

main(['build', ...process.argv.slice(2)]).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = reportError('build', e, (line) => process.stderr.write(`${line}\n`));
  },
);
