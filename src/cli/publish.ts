/**
 * `fargate-oidc publish`: thin. Parses flags, compiles the template, reads the parameters as
 * deploy does, builds the S3 client, runs src/console/publish.ts with Ctrl-C (SIGINT) as its
 * abort signal: a request in flight ends at once (exit 130).
 */
import { s3Client } from '../aws/clients';
import { checkAwsTarget } from '../stack/aws-target';
import { chooseTemplate } from '../stack/template-source';
import { EXIT, UsageError, UserError } from '../errors';
import { readLinkParameters } from '../console/parameter-input';
import { DEFAULT_PUBLISH_TIMEOUT_MS, prefixProblem, publish } from '../console/publish';
import { parseDuration } from '../stack/operation';
import { PUBLISH } from './commands';
import { appEnvironment } from './app-env';
import { type CommandStop, withStop } from './process-io';
import { parseCommand, usageText } from './spec';

/** `fargate-oidc publish --help`. */
export const PUBLISH_USAGE = usageText(PUBLISH);

/** Runs `publish` with command-line arguments; returns the exit code. */
export async function publishCommand(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  stop?: CommandStop,
): Promise<number> {
  const { values } = parseCommand(PUBLISH, argv);
  if (values.help) {
    out(PUBLISH_USAGE);
    return EXIT.ok;
  }
  const bucket = values.bucket;
  if (!bucket) throw new UsageError('--bucket is required. Run "fargate-oidc publish --help" for its options.');
  const timeoutMs = values.timeout === undefined ? DEFAULT_PUBLISH_TIMEOUT_MS : parseDuration(values.timeout);
  const prefixIssue = values.prefix === undefined ? undefined : prefixProblem(values.prefix);
  if (prefixIssue) throw new UserError(prefixIssue);
  if (values.env !== undefined) {
    for (const flag of ['template-file', 'parameters-file'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--env picks the template and parameters file: leave out --${flag}.`);
    }
  }
  // In an app repository: the environment's built template, parameters, stack name and region.
  const app = appEnvironment('publish', { env: values.env, explicit: values['template-file'], cwd: process.cwd() });
  const templateFile = app?.target.templateFile ?? values['template-file'];
  const template = chooseTemplate({ ...(templateFile ? { templateFile } : {}), warn: err });
  const parameters = readLinkParameters(
    template.checked,
    app?.target.parametersFile ?? values['parameters-file'],
    values.parameter ?? [],
    undefined,
    err,
  );
  const region = values.region ?? app?.region;
  const stackName = values['stack-name'] ?? app?.target.stackName;
  checkAwsTarget({ region, profile: values.profile }, err);
  const target = { ...(region ? { region } : {}), ...(values.profile ? { profile: values.profile } : {}) };
  const s3 = await s3Client(target);
  return withStop(stop, async (s) => {
    try {
      await publish(
        {
          bucket,
          ...(values.prefix !== undefined ? { prefix: values.prefix } : {}),
          ...(region ? { region } : {}),
          ...(stackName ? { stackName } : {}),
          template,
          parameters,
          timeoutMs,
        },
        { s3, out, interrupt: s.first, started: s.started },
      );
      return EXIT.ok;
    } finally {
      s3.destroy();
    }
  });
}
