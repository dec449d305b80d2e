/**
 * `fargate-oidc destroy`: thin. Parses flags, builds the clients and the terminal I/O, runs the
 * flow in src/stack/destroy.ts, returns its exit code.
 */
import { parseArgs } from 'node:util';
import { cloudFormationClient } from '../aws/clients';
import { ecrClient, ecrImages } from '../aws/ecr';
import { realSleep } from '../aws/poll';
import { DEFAULT_DESTROY_TIMEOUT_MS, destroy, type DestroyDeps } from '../stack/destroy';
import { parseDuration } from '../stack/operation';
import { stackNameProblem } from '../console/quick-create';
import { UserError } from '../errors';
import { colorEnabled, makeColors } from '../ui/color';
import { askYesNo } from '../ui/prompt';
import { terminalPrinter } from '../ui/progress';

export const DESTROY_USAGE = `Usage: fargate-oidc destroy --stack-name NAME [options]

Shows what deleting the stack deletes and what it keeps (the GitHub OIDC provider has
DeletionPolicy Retain; a provider, VPC or subnets passed in as parameters are not the stack's),
asks, deletes the stack and follows the events until it is gone.

  --stack-name NAME          stack to delete (required)
  --region REGION            AWS region (default: AWS_REGION, the profile's region, AWS_DEFAULT_REGION)
  --profile PROFILE          profile of ~/.aws/config (default: the SDK's credential chain)
  --yes, -y                  delete without asking
  --delete-images            delete the images in the stack's ECR repository first (by default,
                             images stop the delete before anything is deleted)
  --timeout DURATION         stop waiting after this long, e.g. 90s, 45m, 2h (default 30m); exit 5

Exit codes: 0 deleted or nothing to delete, 1 the delete failed, 2 bad input (also credentials,
region, access denied), 3 not confirmed (declined, or no terminal and no --yes), 4 the stack
needs you first (images in the repository, another operation running), 5 the time limit
passed (CloudFormation carries on; the command that goes on waiting is printed), 130
interrupted (Ctrl-C; CloudFormation carries on with what it had started).`;

/** Runs `destroy` with command-line arguments; returns the exit code. */
export async function destroyCommand(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'stack-name': { type: 'string' },
        region: { type: 'string' },
        profile: { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        'delete-images': { type: 'boolean' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n\n${DESTROY_USAGE}`);
  }
  if (values.help) {
    out(DESTROY_USAGE);
    return 0;
  }
  const stackName = values['stack-name'];
  if (!stackName) throw new UserError(`--stack-name is required.\n\n${DESTROY_USAGE}`);
  const problem = stackNameProblem(stackName);
  if (problem) throw new UserError(`--stack-name ${stackName}: ${problem}`);

  const timeoutMs = values.timeout === undefined ? DEFAULT_DESTROY_TIMEOUT_MS : parseDuration(values.timeout);
  const target = { ...(values.region ? { region: values.region } : {}), ...(values.profile ? { profile: values.profile } : {}) };
  const tty = Boolean(process.stdout.isTTY);
  const interrupt = new AbortController();
  const onSigint = (): void => interrupt.abort();
  const deps: DestroyDeps = {
    cfn: cloudFormationClient(target),
    ecr: (region) => Promise.resolve(ecrImages(ecrClient({ ...target, region }))),
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
