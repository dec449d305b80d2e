/**
 * `fargate-oidc deploy`: thin. Parses flags, reads the template and parameters, builds the
 * clients and the terminal I/O, runs the flow in src/stack/deploy.ts, returns its exit code.
 */
import { parseArgs } from 'node:util';
import { cloudFormationClient, s3Client } from '../aws/clients';
import { DEFAULT_DEPLOY_TIMEOUT_MS, deploy, type DeployDeps } from '../stack/deploy';
import { parseDuration } from '../stack/operation';
import { parseTags, readParameterInputs } from '../deploy/parameters';
import { stackNameProblem } from '../console/quick-create';
import { compiledTemplate, templateFromFile } from '../deploy/template';
import { UserError } from '../errors';
import { realSleep } from '../aws/poll';
import { colorEnabled, makeColors } from '../ui/color';
import { askYesNo } from '../ui/prompt';
import { terminalPrinter } from '../ui/progress';

export const DEPLOY_USAGE = `Usage: fargate-oidc deploy --stack-name NAME [options]

Creates a change set for the stack, shows what it changes, asks, executes it and follows the
events until the stack is done.

  --stack-name NAME          stack to create or update (required)
  --region REGION            AWS region (default: AWS_REGION, the profile's region, AWS_DEFAULT_REGION)
  --profile PROFILE          profile of ~/.aws/config (default: the SDK's credential chain)
  --parameters-file FILE     JSON: {"Key": "value"} or [{"ParameterKey": "Key", "ParameterValue": "value"}]
  --parameter Key=Value      a parameter value (repeatable; wins over the file)
  --tags key=value           a tag for the stack and its resources (repeatable)
  --template-file FILE       deploy this template instead of compiling src/template
  --s3-bucket BUCKET         upload the template there first (needed over 51,200 bytes)
  --yes, -y                  execute without asking
  --dry-run                  stop after the review and delete the change set
  --keep-change-set          with --dry-run or when not executing: keep the change set
  --replace-failed-stack     delete a ROLLBACK_COMPLETE stack (failed first create) and create it again
  --no-wait                  refuse instead of waiting when another operation is in progress
  --cancel-on-interrupt      on Ctrl-C while an update runs, cancel it (CancelUpdateStack)
  --timeout DURATION         stop waiting after this long, e.g. 90s, 45m, 2h (default 60m); exit 5
  --json                     print one JSON result object on stdout (progress goes to stderr)

Exit codes: 0 deployed or nothing to change (or dry run), 1 the change set or deploy failed or
rolled back, 2 bad input or usage (also credentials, region, access denied), 3 not confirmed
(declined, or no terminal and no --yes), 4 the stack is in a state that needs you,
5 the time limit passed (CloudFormation carries on; the command that goes on waiting is
printed), 130 interrupted (Ctrl-C; CloudFormation carries on with what it had started).`;

/** Runs `deploy` with command-line arguments; returns the exit code. */
export async function deployCommand(
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
        'parameters-file': { type: 'string' },
        parameter: { type: 'string', multiple: true },
        tags: { type: 'string', multiple: true },
        'template-file': { type: 'string' },
        's3-bucket': { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        'dry-run': { type: 'boolean' },
        'keep-change-set': { type: 'boolean' },
        'replace-failed-stack': { type: 'boolean' },
        'no-wait': { type: 'boolean' },
        'cancel-on-interrupt': { type: 'boolean' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n\n${DEPLOY_USAGE}`);
  }
  if (values.help) {
    out(DEPLOY_USAGE);
    return 0;
  }
  const stackName = values['stack-name'];
  if (!stackName) throw new UserError(`--stack-name is required.\n\n${DEPLOY_USAGE}`);
  const nameProblem = stackNameProblem(stackName);
  if (nameProblem) throw new UserError(`--stack-name ${stackName}: ${nameProblem}`);

  const timeoutMs = values.timeout === undefined ? DEFAULT_DEPLOY_TIMEOUT_MS : parseDuration(values.timeout);
  const parameters = readParameterInputs(values['parameters-file'], values.parameter ?? []);
  const tags = parseTags(values.tags ?? []);
  const template = values['template-file'] ? templateFromFile(values['template-file']) : compiledTemplate();

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
        timeoutMs,
      },
      deps,
    );
  } finally {
    process.off('SIGINT', onSigint);
    deps.cfn.destroy();
  }
}
