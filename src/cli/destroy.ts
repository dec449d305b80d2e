/**
 * `fargate-oidc destroy`: thin. Parses flags, builds the clients and the terminal I/O, runs the
 * flow in src/stack/destroy.ts, returns its exit code.
 */
import { cloudFormationClient } from '../aws/clients';
import { ecrClient, ecrImages } from '../aws/ecr';
import { realSleep } from '../aws/sleep';
import { DEFAULT_DESTROY_TIMEOUT_MS, destroy, type DestroyDeps } from '../stack/destroy';
import { parseDuration } from '../stack/operation';
import { stackNameProblem } from '../stack/stack-name';
import { EXIT, UsageError, UserError } from '../errors';
import { checkAwsTarget } from '../stack/aws-target';
import { DESTROY } from './commands';
import { parseCommand, usageText } from './spec';
import { colorEnabled, makeColors } from '../ui/color';
import { askYesNo } from '../ui/prompt';
import { terminalPrinter } from '../ui/progress';
import { appEnvironment } from './app-env';
import { type CommandStop, withStop } from './process-io';

/** `fargate-oidc destroy --help`. */
export const DESTROY_USAGE = usageText(DESTROY);

/** Runs `destroy` with command-line arguments; returns the exit code. */
export async function destroyCommand(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  stop?: CommandStop,
): Promise<number> {
  const { values } = parseCommand(DESTROY, argv);
  if (values.help) {
    out(DESTROY_USAGE);
    return EXIT.ok;
  }
  if (values.env !== undefined && values['stack-name'] !== undefined) {
    throw new UsageError('--env picks the stack: leave out --stack-name.');
  }
  // In an app repository: --env NAME picks the environment's stack and region.
  const app = appEnvironment('destroy', {
    env: values.env,
    explicit: values['stack-name'],
    alternative: '--stack-name',
    cwd: process.cwd(),
  });
  const stackName: string | undefined = app?.target.stackName ?? values['stack-name'];
  if (!stackName) throw new UsageError('--stack-name (or --env) is required. Run "fargate-oidc destroy --help" for its options.');
  const problem = stackNameProblem(stackName);
  if (problem) throw new UserError(`--stack-name ${stackName}: ${problem}`);
  const region = values.region ?? app?.region;
  checkAwsTarget({ region, profile: values.profile }, err);

  const timeoutMs = values.timeout === undefined ? DEFAULT_DESTROY_TIMEOUT_MS : parseDuration(values.timeout);
  const target = { ...(region ? { region } : {}), ...(values.profile ? { profile: values.profile } : {}) };
  const tty = Boolean(process.stdout.isTTY);
  const name: string = stackName;
  return withStop(stop, (s) => run(s));

  async function run(s: CommandStop): Promise<number> {
    const deps: DestroyDeps = {
      cfn: cloudFormationClient(target),
      ecr: (region, ctx) => Promise.resolve(ecrImages(ecrClient({ ...target, region }), ctx)),
      out,
      ...(tty ? { printer: terminalPrinter(process.stdout) } : {}),
      colors: makeColors(colorEnabled(tty)),
      interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
      confirm: (question) => askYesNo(question, err, s.first),
      sleep: realSleep,
      now: () => new Date(),
      interrupt: s.first,
      started: s.started,
    };
    try {
      return await destroy({ stackName: name, yes: values.yes === true, deleteImages: values['delete-images'] === true, timeoutMs }, deps);
    } finally {
      deps.cfn.destroy();
    }
  }
}
