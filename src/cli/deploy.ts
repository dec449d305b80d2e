/**
 * `fargate-oidc deploy`: thin. Parses flags, reads the template and parameters, builds the
 * clients and the terminal I/O, runs the flow in src/deploy/deploy.ts, returns its exit code.
 */
import { parseArgs } from 'node:util';
import { cloudFormationClient, s3Client } from '../aws/clients';
import { deploy, type DeployDeps } from '../deploy/deploy';
import { environmentTarget, siblingOidcProvider, type EnvironmentTarget } from '../deploy/environment';
import { parseTags, readParameterInputs } from '../deploy/parameters';
import { findConfigFile, loadConfig } from '../config/load';
import * as publicApi from '../index';
import { stackNameProblem } from '../console/quick-create';
import { compiledTemplate, templateFromFile } from '../deploy/template';
import { UserError } from '../errors';
import { realSleep } from '../aws/poll';
import { colorEnabled, makeColors } from '../ui/color';
import { askYesNo } from '../ui/prompt';
import { terminalPrinter } from '../ui/progress';

export const DEPLOY_USAGE = `Usage: fargate-oidc deploy --stack-name NAME [options]
       fargate-oidc deploy --env ENVIRONMENT [options]

Creates a change set for the stack, shows what it changes, asks, executes it and follows the
events until the stack is done.

  --stack-name NAME          stack to create or update (required without --env)
  --env ENVIRONMENT          an environment of fargate-oidc.config.ts: its stack (<app>-<env>), region,
                             the template and its parameter file as \`build\` wrote them; a new
                             stack reuses the OIDC provider of another environment's stack
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
  --json                     print one JSON result object on stdout (progress goes to stderr)

Exit codes: 0 deployed or nothing to change (or dry run), 1 the change set or deploy failed or
rolled back, 2 bad input or usage (also credentials, region, access denied), 3 not confirmed
(declined, or no terminal and no --yes), 4 the stack is in a state that needs you,
130 interrupted while following (CloudFormation carries on).`;

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
        env: { type: 'string' },
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
  let env: EnvironmentTarget | undefined;
  let envRegion: string | undefined;
  if (values.env !== undefined) {
    for (const flag of ['stack-name', 'template-file', 'parameters-file'] as const) {
      if (values[flag] !== undefined) throw new UserError(`--env picks the stack, template and parameters file: leave out --${flag}.`);
    }
    const configFile = findConfigFile(process.cwd());
    const config = configFile ? loadConfig(configFile, publicApi) : undefined;
    const outDir = config?.outDir ?? 'fargate-oidc';
    // The environment's region from the config, unless --region says otherwise.
    envRegion = config?.environments[values.env]?.region ?? config?.region;
    env = environmentTarget(outDir, values.env);
  }
  if (!env && values['template-file'] === undefined && findConfigFile(process.cwd())) {
    // Without this, a user's app directory would get the generic template, not theirs.
    throw new UserError('this directory has an app config: deploy one of its environments with --env NAME (or give --template-file).');
  }
  const stackName = env?.stackName ?? values['stack-name'];
  if (!stackName) throw new UserError(`--stack-name (or --env) is required.\n\n${DEPLOY_USAGE}`);
  const nameProblem = stackNameProblem(stackName);
  if (nameProblem) throw new UserError(`--stack-name ${stackName}: ${nameProblem}`);

  const parameters = readParameterInputs(env?.parametersFile ?? values['parameters-file'], values.parameter ?? []);
  const tags = parseTags(values.tags ?? []);
  const templateFile = env?.templateFile ?? values['template-file'];
  const template = templateFile ? templateFromFile(templateFile) : compiledTemplate();

  const region = values.region ?? envRegion;
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
      const provider = await siblingOidcProvider(deps.cfn, stackName, env.siblingStacks);
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
      },
      deps,
    );
  } finally {
    process.off('SIGINT', onSigint);
    deps.cfn.destroy();
  }
}
