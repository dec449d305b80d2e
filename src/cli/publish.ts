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
import { parseCommand, usageText } from './spec';

/** `fargate-oidc publish --help`. */
export const PUBLISH_USAGE = usageText(PUBLISH);

/** Runs `publish` with command-line arguments; returns the exit code. */
export async function publishCommand(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
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
  const template = chooseTemplate({ ...(values['template-file'] ? { templateFile: values['template-file'] } : {}), warn: err });
  const parameters = readLinkParameters(template.checked, values['parameters-file'], values.parameter ?? [], undefined, err);
  checkAwsTarget({ region: values.region, profile: values.profile }, err);
  const target = { ...(values.region ? { region: values.region } : {}), ...(values.profile ? { profile: values.profile } : {}) };
  const s3 = await s3Client(target);
  const interrupt = new AbortController();
  const onSigint = (): void => interrupt.abort();
  process.on('SIGINT', onSigint);
  try {
    await publish(
      {
        bucket,
        ...(values.prefix !== undefined ? { prefix: values.prefix } : {}),
        ...(values.region ? { region: values.region } : {}),
        ...(values['stack-name'] ? { stackName: values['stack-name'] } : {}),
        template,
        parameters,
        timeoutMs,
      },
      { s3, out, interrupt: interrupt.signal },
    );
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onSigint);
    s3.destroy();
  }
}
