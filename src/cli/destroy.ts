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

/** `fargate-oidc destroy --help`. */
export const DESTROY_USAGE = usageText(DESTROY);

/** Runs `destroy` with command-line arguments; returns the exit code. */
export async function destroyCommand(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  const { values } = parseCommand(DESTROY, argv);
  if (values.help) {
    out(DESTROY_USAGE);
    return EXIT.ok;
  }
  const stackName = values['stack-name'];
  if (!stackName) throw new UsageError('--stack-name is required. Run "fargate-oidc destroy --help" for its options.');
  const problem = stackNameProblem(stackName);
  if (problem) throw new UserError(`--stack-name ${stackName}: ${problem}`);
  checkAwsTarget({ region: values.region, profile: values.profile }, err);

  const timeoutMs = values.timeout === undefined ? DEFAULT_DESTROY_TIMEOUT_MS : parseDuration(values.timeout);
  const target = { ...(values.region ? { region: values.region } : {}), ...(values.profile ? { profile: values.profile } : {}) };
  const tty = Boolean(process.stdout.isTTY);
  const interrupt = new AbortController();
  const onSigint = (): void => interrupt.abort();
  const deps: DestroyDeps = {
    cfn: cloudFormationClient(target),
    ecr: (region, ctx) => Promise.resolve(ecrImages(ecrClient({ ...target, region }), ctx)),
    out,
    ...(tty ? { printer: terminalPrinter(process.stdout) } : {}),
    colors: makeColors(colorEnabled(tty)),
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    confirm: (question) => askYesNo(question, err),
    sleep: realSleep,
    now: () => new Date(),
    interrupt: interrupt.signal,
  };
  process.on('SIGINT', onSigint);
  try {
    return await destroy({ stackName, yes: values.yes === true, deleteImages: values['delete-images'] === true, timeoutMs }, deps);
  } finally {
    process.off('SIGINT', onSigint);
    deps.cfn.destroy();
  }
}
