/**
 * The `fargate-oidc` command. Thin: picks the subcommand, runs it, turns errors into
 * messages and exit codes. Subcommands load lazily so `build` never loads the AWS SDK.
 */
import { UserError } from '../errors';

export const USAGE = `Usage: fargate-oidc <command> [options]

Commands:
  build     compile the template and the GitHub workflows into out/
  workflows write deploy.yml and start-stop.yml for your app repository
  deploy    create or update the stack through a reviewed change set, and follow it
  lint      check templates: cfn-lint plus least-privilege, cost and quota rules
  publish   upload the template to your S3 bucket and print the console quick-create URL
  url       print the console quick-create URL for a template already in S3
  destroy   show what deleting the stack removes and keeps, ask, delete it and follow it
  secret    secret set NAME --app APP --env ENV: write a container secret (SSM SecureString) from stdin
  help      show this help

Run "fargate-oidc <command> --help" for a command's options.`;

/** Runs the CLI; returns the process exit code. Never calls process.exit itself. */
export async function main(
  argv: string[],
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'build': {
        const { buildCommand } = await import('./build');
        return buildCommand(rest, out, err);
      }
      case 'workflows': {
        const { workflowsCommand } = await import('./workflows');
        return workflowsCommand(rest, out);
      }
      case 'deploy': {
        const { deployCommand } = await import('./deploy');
        return await deployCommand(rest, out, err);
      }
      case 'lint': {
        const { lintCommand } = await import('./lint');
        return await lintCommand(rest, out);
      }
      case 'publish': {
        const { publishCommand } = await import('./publish');
        return await publishCommand(rest, out);
      }
      case 'url': {
        const { urlCommand } = await import('./url');
        return urlCommand(rest, out);
      }
      case 'destroy': {
        const { destroyCommand } = await import('./destroy');
        return await destroyCommand(rest, out, err);
      }
      case 'secret': {
        const { secretCommand } = await import('./secret');
        return await secretCommand(rest, out, err);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        err(`fargate-oidc: unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UserError) {
      err(`fargate-oidc ${command}: ${e.message}`);
      return e.exitCode;
    }
    throw e;
  }
}

