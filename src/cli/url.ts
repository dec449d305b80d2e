/**
 * `fargate-oidc url`: thin. Builds the console quick-create URL for a template already in S3,
 * with deploy's parameter flags and checks. No AWS call.
 */
import { parseArgs } from 'node:util';
import { compiledTemplate, templateFromFile } from '../deploy/template';
import { UserError } from '../errors';
import { linkLines } from '../console/link-report';
import { readLinkParameters } from '../console/parameter-input';
import { isS3Url, quickCreateLink, s3UrlRegion, stackNameProblem } from '../console/quick-create';

export const URL_USAGE = `Usage: fargate-oidc url --template-url URL [options]

Prints the AWS console quick-create URL (and a Markdown "Launch Stack" button) for a template
already in S3. Parameters are taken and checked exactly as deploy takes them; values equal to
their default are left out, NoEcho values are never put in the URL, and the URL must stay
within the console's 1,024 characters.

  --template-url URL         HTTPS URL of the template in S3 (a bucket in the stack's region)
  --stack-name NAME          stack name to fill in
  --region REGION            the stack's region (default: the region in the S3 URL, AWS_REGION, AWS_DEFAULT_REGION)
  --parameters-file FILE     JSON: {"Key": "value"} or [{"ParameterKey": "Key", "ParameterValue": "value"}]
  --parameter Key=Value      a parameter value (repeatable; wins over the file)
  --template-file FILE       check the values against this template instead of the compiled one

Exit codes: 0 printed, 2 bad input (a value the template refuses, an overlong URL, ...).`;

/** Runs `url` with command-line arguments; returns the exit code. */
export function urlCommand(argv: string[], out: (line: string) => void, env: NodeJS.ProcessEnv = process.env): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'template-url': { type: 'string' },
        'stack-name': { type: 'string' },
        region: { type: 'string' },
        'parameters-file': { type: 'string' },
        parameter: { type: 'string', multiple: true },
        'template-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n\n${URL_USAGE}`);
  }
  if (values.help) {
    out(URL_USAGE);
    return 0;
  }
  const templateUrl = values['template-url'];
  if (!templateUrl) throw new UserError(`--template-url is required.\n\n${URL_USAGE}`);
  if (!/^https:\/\//.test(templateUrl)) {
    throw new UserError(`--template-url ${templateUrl}: the console reads templates only over HTTPS from S3 (https://BUCKET.s3.REGION.amazonaws.com/KEY).`);
  }
  if (!isS3Url(templateUrl)) {
    throw new UserError(
      `--template-url ${templateUrl} is not an S3 URL: CloudFormation reads templates only from S3 ` +
        '(https://BUCKET.s3.REGION.amazonaws.com/KEY). Upload it with "fargate-oidc publish --bucket BUCKET".',
    );
  }
  const stackName = values['stack-name'];
  const nameProblem = stackName === undefined ? undefined : stackNameProblem(stackName);
  if (nameProblem) throw new UserError(`--stack-name ${stackName}: ${nameProblem}`);

  const template = values['template-file'] ? templateFromFile(values['template-file']) : compiledTemplate();
  const parameters = readLinkParameters(template.parameters, values['parameters-file'], values.parameter ?? []);

  const bucketRegion = s3UrlRegion(templateUrl);
  const region = values.region || bucketRegion || env['AWS_REGION'] || env['AWS_DEFAULT_REGION'];
  if (!region) throw new UserError('No region: pass --region (e.g. --region us-west-2), or give a regional S3 URL (https://BUCKET.s3.REGION.amazonaws.com/KEY).');
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
  return 0;
}
