/**
 * `fargate-oidc publish`: thin. Parses flags, compiles the template, reads the parameters as
 * deploy does, builds the S3 client, runs src/console/publish.ts.
 */
import { parseArgs } from 'node:util';
import { s3Client } from '../aws/clients';
import { compiledTemplate } from '../deploy/template';
import { UserError } from '../errors';
import { readLinkParameters } from '../console/parameter-input';
import { DEFAULT_PREFIX, publish } from '../console/publish';

export const PUBLISH_USAGE = `Usage: fargate-oidc publish --bucket BUCKET [options]

Uploads the compiled template (the same as out/template.yaml) to your S3 bucket under a
content-hashed key, after checking that the bucket is in the stack's region, and prints the
AWS console quick-create URL and a Markdown "Launch Stack" button.

  --bucket BUCKET            S3 bucket in the stack's region you can write to (required)
  --prefix PREFIX            key prefix (default: ${DEFAULT_PREFIX})
  --region REGION            the stack's region (default: AWS_REGION, the profile's region, AWS_DEFAULT_REGION)
  --profile PROFILE          profile of ~/.aws/config (default: the SDK's credential chain)
  --stack-name NAME          stack name to fill in
  --parameters-file FILE     JSON: {"Key": "value"} or [{"ParameterKey": "Key", "ParameterValue": "value"}]
  --parameter Key=Value      a parameter value (repeatable; wins over the file)

Exit codes: 0 published, 1 the upload failed, 2 bad input, wrong bucket region, credentials or access.`;

/** Runs `publish` with command-line arguments; returns the exit code. */
export async function publishCommand(argv: string[], out: (line: string) => void): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        bucket: { type: 'string' },
        prefix: { type: 'string' },
        region: { type: 'string' },
        profile: { type: 'string' },
        'stack-name': { type: 'string' },
        'parameters-file': { type: 'string' },
        parameter: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n\n${PUBLISH_USAGE}`);
  }
  if (values.help) {
    out(PUBLISH_USAGE);
    return 0;
  }
  const bucket = values.bucket;
  if (!bucket) throw new UserError(`--bucket is required.\n\n${PUBLISH_USAGE}`);
  const template = compiledTemplate();
  const parameters = readLinkParameters(template.parameters, values['parameters-file'], values.parameter ?? []);
  const target = { ...(values.region ? { region: values.region } : {}), ...(values.profile ? { profile: values.profile } : {}) };
  const s3 = await s3Client(target);
  try {
    await publish(
      {
        bucket,
        ...(values.prefix !== undefined ? { prefix: values.prefix } : {}),
        ...(values.region ? { region: values.region } : {}),
        ...(values['stack-name'] ? { stackName: values['stack-name'] } : {}),
        template,
        parameters,
      },
      { s3, out },
    );
    return 0;
  } finally {
    s3.destroy();
  }
}
