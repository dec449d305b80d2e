/**
 * `fargate-oidc deploy`: thin. Parses flags, reads the template and parameters, builds the
 * clients and the terminal I/O, runs the flow in src/stack/deploy.ts, returns its exit code.
 */
import { cloudFormationClient, s3Client } from '../aws/clients';
import { DEFAULT_DEPLOY_TIMEOUT_MS, deploy, type DeployDeps } from '../stack/deploy';
import { parseDuration } from '../stack/operation';
import { environmentTarget, siblingOidcProvider, type EnvironmentTarget } from '../stack/environment';
import { findConfigFile, loadConfig } from '../config/load';
import * as publicApi from '../index';
import { checkParameterInputs, parseTags, readParameterInputs } from '../stack/parameters';
import { checkAwsTarget } from '../stack/aws-target';
import { stackNameProblem } from '../stack/stack-name';
import { chooseTemplate } from '../stack/template-source';
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
  let env: EnvironmentTarget | undefined;
  let envRegion: string | undefined;
  if (values.env !== undefined) {
    for (const flag of ['stack-name', 'template-file', 'parameters-file'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--env picks the stack, template and parameters file: leave out --${flag}.`);
    }
    const configFile = findConfigFile(process.cwd());
    const config = configFile ? loadConfig(configFile, publicApi) : undefined;
    const outDir = config?.outDir ?? 'fargate-oidc';
    // The environment's region from the config, unless --region says otherwise.
    envRegion = config?.environments[values.env]?.region ?? config?.region;
    env = environmentTarget(outDir, values.env);
  } else if (values['template-file'] === undefined && findConfigFile(process.cwd())) {
    // Without this, a user's app directory would get the generic template, not theirs.
    throw new UsageError('this directory has an app config: deploy one of its environments with --env NAME (or give --template-file).');
  }
  const stackName = env?.stackName ?? values['stack-name'];
  if (!stackName) throw new UsageError('--stack-name (or --env) is required. Run "fargate-oidc deploy --help" for its options.');
  const nameProblem = stackNameProblem(stackName);
  if (nameProblem) throw new UserError(`--stack-name ${stackName}: ${nameProblem}`);

  const timeoutMs = values.timeout === undefined ? DEFAULT_DEPLOY_TIMEOUT_MS : parseDuration(values.timeout);
  const parameters = readParameterInputs(env?.parametersFile ?? values['parameters-file'], values.parameter ?? []);
  const tags = parseTags(values.tags ?? []);
  const templateFile = env?.templateFile ?? values['template-file'];
  const template = chooseTemplate({ ...(templateFile ? { templateFile } : {}), warn: err });
  // Values and the Rules over given values, before any AWS call; rules over values not given
  // are checked again once the stack is read (its previous values, or the defaults).
  checkParameterInputs(template.checked, parameters, 'unknown');
  const region = values.region ?? envRegion;
  checkAwsTarget({ region, profile: values.profile }, err);

  const target = { ...(region ? { region } : {}), ...(values.profile ? { profile: values.profile } : {}) };
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
    if (env && !('ExistingOidcProviderArn' in parameters)) {
      const provider = await siblingOidcProvider(
        { client: deps.cfn, sleep: realSleep, now: () => new Date(), signal: first.signal },
        stackName,
        env.siblingStacks,
      );
      if (provider) {
        parameters['ExistingOidcProviderArn'] = provider;
        err(`${stackName} is new: it reuses the account's GitHub OIDC provider ${provider} (output of another environment's stack).`);
      }
    }
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
