/**
 * `fargate-oidc deploy`: thin. Parses flags, reads the template and parameters, builds the
 * clients and the terminal I/O, runs the flow in src/deploy/deploy.ts, returns its exit code.
 */
import { cloudFormationClient, s3Client } from '../aws/clients';
import { deploy, type DeployDeps } from '../deploy/deploy';
import { checkParameterInputs, parseTags, readParameterInputs } from '../stack/parameters';
import { checkAwsTarget } from '../stack/aws-target';
import { stackNameProblem } from '../stack/stack-name';
import { resolveTemplate } from '../stack/template-source';
import { EXIT, UsageError, UserError } from '../errors';
import { DEPLOY } from './commands';
import { parseCommand, usageText } from './spec';
import { realSleep } from '../aws/poll';
import { colorEnabled, makeColors } from '../ui/color';
import { askYesNo } from '../ui/prompt';
import { terminalPrinter } from '../ui/progress';

/** `fargate-oidc deploy --help`. */
export const DEPLOY_USAGE = usageText(DEPLOY);

/** Runs `deploy` with command-line arguments; returns the exit code. */
export async function deployCommand(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  const { values } = parseCommand(DEPLOY, argv);
  if (values.help) {
    out(DEPLOY_USAGE);
    return EXIT.ok;
  }
  const stackName = values['stack-name'];
  if (!stackName) throw new UsageError('--stack-name is required. Run "fargate-oidc deploy --help" for its options.');
  const nameProblem = stackNameProblem(stackName);
  if (nameProblem) throw new UserError(`--stack-name ${stackName}: ${nameProblem}`);

  const parameters = readParameterInputs(values['parameters-file'], values.parameter ?? []);
  const tags = parseTags(values.tags ?? []);
  const template = resolveTemplate({ ...(values['template-file'] ? { templateFile: values['template-file'] } : {}), warn: err });
  // Values and the Rules over given values, before any AWS call; rules over values not given
  // are checked again once the stack is read (its previous values, or the defaults).
  checkParameterInputs(template.checked, parameters, 'unknown');
  checkAwsTarget({ region: values.region, profile: values.profile }, err);

  const target = { ...(values.region ? { region: values.region } : {}), ...(values.profile ? { profile: values.profile } : {}) };
  const json = values.json === true;
  const humanStream = json ? process.stderr : process.stdout;
  const tty = Boolean(humanStream.isTTY);
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);

  const first = new AbortController();
  const second = new AbortController();
  const onSigint = (): void => {
    if (!first.signal.aborted) first.abort();
    else second.abort();
  };

  const deps: DeployDeps = {
    cfn: cloudFormationClient(target),
    s3: () => s3Client(target),
    out,
    err,
    ...(tty ? { printer: terminalPrinter(humanStream) } : {}),
    colors: makeColors(colorEnabled(tty)),
    interactive,
    confirm: (question) => askYesNo(question, err),
    sleep: realSleep,
    now: () => new Date(),
    interrupt: first.signal,
    secondInterrupt: second.signal,
  };
  process.on('SIGINT', onSigint);
  try {
    return await deploy(
      {
        stackName,
        template,
        parameters,
        tags,
        ...(values['s3-bucket'] ? { s3Bucket: values['s3-bucket'] } : {}),
        yes: values.yes === true,
        dryRun: values['dry-run'] === true,
        keepChangeSet: values['keep-change-set'] === true,
        replaceFailedStack: values['replace-failed-stack'] === true,
        noWait: values['no-wait'] === true,
        json,
        cancelOnInterrupt: values['cancel-on-interrupt'] === true,
      },
      deps,
    );
  } finally {
    process.off('SIGINT', onSigint);
    deps.cfn.destroy();
  }
}
