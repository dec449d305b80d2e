/**
 * `fargate-oidc deploy`: thin. Parses flags, reads the template and parameters, builds the
 * clients and the terminal I/O, runs the flow in src/stack/deploy.ts, returns its exit code.
 */
import { cloudFormationClient, ec2Client, s3Client, ssmClient } from '../aws/clients';
import { DEFAULT_DEPLOY_TIMEOUT_MS, deploy, type DeployDeps } from '../stack/deploy';
import { parseDuration } from '../stack/operation';
import { parseTags, readParameterInputs } from '../stack/parameters';
import { checkAwsTarget } from '../stack/aws-target';
import { stackNameProblem } from '../stack/stack-name';
import { chooseTemplate } from '../stack/template-source';
import { EXIT, UsageError, UserError } from '../errors';
import { DEPLOY } from './commands';
import { parseCommand, usageText } from './spec';
import { realSleep } from '../aws/sleep';
import { appEnvironment } from './app-env';
import { type CommandStop, withStop } from './process-io';
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
  stop?: CommandStop,
): Promise<number> {
  const { values } = parseCommand(DEPLOY, argv);
  if (values.help) {
    out(DEPLOY_USAGE);
    return EXIT.ok;
  }
  if (values.env !== undefined) {
    for (const flag of ['stack-name', 'template-file', 'parameters-file'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--env picks the stack, template and parameters file: leave out --${flag}.`);
    }
  }
  // In an app repository: --env NAME, or --template-file (never the package's generic template).
  const app = appEnvironment('deploy', { env: values.env, explicit: values['template-file'], cwd: process.cwd() });
  const env = app?.target;
  const stackName = env?.stackName ?? values['stack-name'];
  if (!stackName) throw new UsageError('--stack-name (or --env) is required. Run "fargate-oidc deploy --help" for its options.');
  const nameProblem = stackNameProblem(stackName);
  if (nameProblem) throw new UserError(`--stack-name ${stackName}: ${nameProblem}`);

  const timeoutMs = values.timeout === undefined ? DEFAULT_DEPLOY_TIMEOUT_MS : parseDuration(values.timeout);
  const parameters = readParameterInputs(env?.parametersFile ?? values['parameters-file'], values.parameter ?? []);
  const tags = parseTags(values.tags ?? []);
  const templateFile = env?.templateFile ?? values['template-file'];
  const template = chooseTemplate({ ...(templateFile ? { templateFile } : {}), warn: err });
  const region = values.region ?? app?.region;
  checkAwsTarget({ region, profile: values.profile }, err);

  const target = { ...(region ? { region } : {}), ...(values.profile ? { profile: values.profile } : {}) };
  const json = values.json === true;
  const humanStream = json ? process.stderr : process.stdout;
  const tty = Boolean(humanStream.isTTY);
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);

  return withStop(stop, async (s) => {
    // A second Ctrl-C (or SIGTERM, SIGHUP) cancels the update, or stops cancelling it.
    s.useSecond();
    const deps: DeployDeps = {
      cfn: cloudFormationClient(target),
      s3: () => s3Client(target),
      ssm: () => ssmClient(target),
      ec2: () => ec2Client(target),
      out,
      err,
      ...(tty ? { printer: terminalPrinter(humanStream) } : {}),
      colors: makeColors(colorEnabled(tty)),
      interactive,
      confirm: (question) => askYesNo(question, err, s.first),
      sleep: realSleep,
      now: () => new Date(),
      interrupt: s.first,
      secondInterrupt: s.second,
      started: s.started,
    };
    try {
      // Every value is checked in src/stack/deploy.ts, once, before its first AWS call.
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
          ...(env ? { siblingStacks: env.siblingStacks } : {}),
          ...(app && app.secrets.length > 0 ? { secretParameters: app.secrets } : {}),
        },
        deps,
      );
    } finally {
      deps.cfn.destroy();
    }
  });
}
