/** `npm run build`: the same as `fargate-oidc build`, writing ./out. */
import { main } from '../src/cli/main';

main(['build', ...process.argv.slice(2)]).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`build failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
