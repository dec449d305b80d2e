/**
 * The `fargate-oidc` command. Thin: picks the subcommand, runs it, turns errors into
 * messages and exit codes. Subcommands load lazily so `build` never loads the AWS SDK.
 */
import { EXIT, UsageError } from '../errors';
import { closest } from '../suggest';
import { COMMANDS, generalUsage } from './commands';
import { CommandStop } from './process-io';
import { reportError } from './report-error';
import { usageText } from './spec';
import { PACKAGE_VERSION } from './version';

/** The general help (`fargate-oidc help`). */
export const USAGE = generalUsage();

/** Runs the CLI; returns the process exit code. Never calls process.exit itself. */
export async function main(
  argv: string[],
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  env: NodeJS.ProcessEnv = process.env,
  /**
   * Signals and a closed output (src/cli/process-io.ts), as bin.ts gives them. Without it, the
   * commands that wait on AWS listen to this process's SIGINT, SIGTERM and SIGHUP for the time
   * of the run, and the code returned is the signal's (130, 143, 129), as the process's would be.
   */
  stop?: CommandStop,
): Promise<number> {
  const [command, ...rest] = argv;
  const own = stop === undefined && STOPPABLE.has(command ?? '') ? new CommandStop() : undefined;
  const unlisten = own?.listen(process);
  const exitCode = (code: number): number => (own ? own.exitCode(code) : code);
  try {
    return exitCode(await run(command, rest, out, err, stop ?? own));
  } catch (e) {
    const known = COMMANDS.some((c) => c.name === command) || command === 'help';
    return exitCode(reportError(known ? command : undefined, e, err, env));
  } finally {
    unlisten?.();
  }
}

/** The commands that wait on AWS and stop on a signal (the others keep the signals' default: the process ends). */
const STOPPABLE: ReadonlySet<string> = new Set(['deploy', 'destroy', 'publish', 'secret']);

async function run(
  command: string | undefined,
  rest: string[],
  out: (line: string) => void,
  err: (line: string) => void,
  stop: CommandStop | undefined,
): Promise<number> {
  switch (command) {
    case 'build': {
      const { buildCommand } = await import('./build');
      return buildCommand(rest, out, err);
    }
    case 'workflows': {
      const { workflowsCommand } = await import('./workflows');
      return workflowsCommand(rest, out, err);
    }
    case 'deploy': {
      const { deployCommand } = await import('./deploy');
      return await deployCommand(rest, out, err, stop);
    }
    case 'lint': {
      const { lintCommand } = await import('./lint');
      return await lintCommand(rest, out, err);
    }
    case 'publish': {
      const { publishCommand } = await import('./publish');
      return await publishCommand(rest, out, err, stop);
    }
    case 'url': {
      const { urlCommand } = await import('./url');
      return urlCommand(rest, out, err);
    }
    case 'destroy': {
      const { destroyCommand } = await import('./destroy');
      return await destroyCommand(rest, out, err, stop);
    }
    case 'secret': {
      const { secretCommand } = await import('./secret');
      return await secretCommand(rest, out, err, undefined, stop);
    }
    case undefined:
      out(USAGE);
      return EXIT.usage;
    case 'help':
    case '--help':
    case '-h':
      return help(rest, out);
    case 'version':
    case '--version':
    case '-V':
      out(PACKAGE_VERSION);
      return EXIT.ok;
    default: {
      const near = closest(command, [...COMMANDS.map((c) => c.name), 'help']);
      throw new UsageError(
        `unknown command "${command}"${near ? ` (did you mean ${near}?)` : ''}. Commands: ${COMMANDS.map((c) => c.name).join(', ')}, help.`,
      );
    }
  }
}

/** `help` and `help COMMAND`. */
function help(rest: string[], out: (line: string) => void): number {
  const [topic] = rest;
  if (topic === undefined || topic === '--help' || topic === '-h') {
    out(USAGE);
    return EXIT.ok;
  }
  const spec = COMMANDS.find((c) => c.name === topic);
  if (!spec) {
    const near = closest(
      topic,
      COMMANDS.map((c) => c.name),
    );
    throw new UsageError(
      `help: no command "${topic}"${near ? ` (did you mean ${near}?)` : ''}. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`,
    );
  }
  out(usageText(spec));
  return EXIT.ok;
}
