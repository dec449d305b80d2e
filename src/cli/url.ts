/**
 * `fargate-oidc url`: thin. Builds the console quick-create URL for a template already in S3,
 * with deploy's parameter flags and checks. No AWS call.
 */
import { checkRegionName } from '../stack/aws-target';
import { stackNameProblem } from '../stack/stack-name';
import { chooseTemplate } from '../stack/template-source';
import { EXIT, UsageError, UserError } from '../errors';
import { URL } from './commands';
import { parseCommand, usageText } from './spec';
import { appEnvironment } from './app-env';
import { linkLines } from '../console/link-report';
import { readLinkParameters } from '../console/parameter-input';
import { isS3Url, quickCreateLink, s3UrlRegion } from '../console/quick-create';

/** `fargate-oidc url --help`. */
export const URL_USAGE = usageText(URL);

/** Runs `url` with command-line arguments; returns the exit code. */
export function urlCommand(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  env: NodeJS.ProcessEnv = process.env,
): number {
  const { values } = parseCommand(URL, argv);
  if (values.help) {
    out(URL_USAGE);
    return EXIT.ok;
  }
  const templateUrl = values['template-url'];
  if (!templateUrl) throw new UsageError('--template-url is required. Run "fargate-oidc url --help" for its options.');
  if (!/^https:\/\//.test(templateUrl)) {
    throw new UserError(
      `--template-url ${templateUrl}: the console reads templates only over HTTPS from S3 (https://BUCKET.s3.REGION.amazonaws.com/KEY).`,
    );
  }
  if (!isS3Url(templateUrl)) {
    throw new UserError(
      `--template-url ${templateUrl} is not an S3 URL: CloudFormation reads templates only from S3 ` +
        '(https://BUCKET.s3.REGION.amazonaws.com/KEY). Upload it with "fargate-oidc publish --bucket BUCKET".',
    );
  }
  if (values.env !== undefined) {
    for (const flag of ['template-file', 'parameters-file'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--env picks the template and parameters file: leave out --${flag}.`);
    }
  }
  // In an app repository: the environment's built template, parameters, stack name and region.
  const app = appEnvironment('url', { env: values.env, explicit: values['template-file'], cwd: process.cwd() });
  const stackName = values['stack-name'] ?? app?.target.stackName;
  const nameProblem = stackName === undefined ? undefined : stackNameProblem(stackName);
  if (nameProblem) throw new UserError(`--stack-name ${stackName}: ${nameProblem}`);

  const templateFile = app?.target.templateFile ?? values['template-file'];
  const template = chooseTemplate({ ...(templateFile ? { templateFile } : {}), warn: err });
  const parameters = readLinkParameters(
    template.checked,
    app?.target.parametersFile ?? values['parameters-file'],
    values.parameter ?? [],
    undefined,
    err,
  );

  const bucketRegion = s3UrlRegion(templateUrl);
  const given = values.region || app?.region;
  const region = given || bucketRegion || env['AWS_REGION'] || env['AWS_DEFAULT_REGION'];
  if (region) {
    const from = values.region
      ? '--region'
      : given
        ? `the config's region for ${values.env ?? ''}`
        : bucketRegion
          ? "the S3 URL's region"
          : env['AWS_REGION']
            ? 'AWS_REGION'
            : 'AWS_DEFAULT_REGION';
    const note = checkRegionName(region, from);
    if (note) err(note);
  }
  if (!region)
    throw new UserError(
      'No region: pass --region (e.g. --region us-west-2), or give a regional S3 URL (https://BUCKET.s3.REGION.amazonaws.com/KEY).',
    );
  if (bucketRegion && bucketRegion !== region) {
    throw new UserError(
      `The template URL is in ${bucketRegion}, but the stack's region is ${region}: CloudFormation reads a template only ` +
        `from a bucket in the stack's region. Use --region ${bucketRegion}, or copy the template to a bucket in ${region}.`,
    );
  }
  const link = quickCreateLink({
    region,
    templateUrl,
    ...(stackName ? { stackName } : {}),
    specs: template.parameters,
    values: parameters,
  });
  for (const line of linkLines(link)) out(line);
  err(`Values checked against: ${template.origin}`);
  return EXIT.ok;
}
