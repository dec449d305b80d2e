/**
 * `publish`, top to bottom: check the parameters, find the bucket's region and compare it with
 * the stack's, upload the template under a content-hashed key, print the quick-create URL and
 * the Markdown button. The URL is built (and its length checked) before the upload, so an
 * overlong link uploads nothing.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { CallContext } from '../aws/call';
import { clientRegion } from '../aws/clients';
import { realSleep, type Sleep } from '../aws/sleep';
import { bucketRegion, contentHashedKey, objectUrl, putTemplateObject } from '../aws/s3-publish';
import type { DeployTemplate } from '../stack/template';
import { AwsSetupError, UserError } from '../errors';
import { linkLines } from './link-report';
import { DEFAULT_PREFIX as PREFIX_DEFAULT, prefixProblem } from './publish-prefix';
import { stackNameProblem } from '../stack/stack-name';
import { checkConsoleRegion, quickCreateLink } from './quick-create';

/** What the user asked for. */
export interface PublishOptions {
  bucket: string;
  /** Key prefix (default `fargate-oidc/`). */
  prefix?: string;
  /** The stack's region; default: the S3 client's region. */
  region?: string;
  stackName?: string;
  template: DeployTemplate;
  /** Checked values (see readLinkParameters). */
  parameters: { [key: string]: string };
  /** Time limit of the whole publish in ms (--timeout; default {@link DEFAULT_PUBLISH_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/** Five minutes: two S3 calls, each retried for at most two minutes (src/aws/call.ts). */
export const DEFAULT_PUBLISH_TIMEOUT_MS = 5 * 60_000;

/** The world `publish` talks to. */
export interface PublishDeps {
  s3: S3Client;
  /** Progress, the retry lines and the result. */
  out: (line: string) => void;
  /** Ctrl-C: ends the request in flight and every pause (InterruptedError, exit 130). */
  interrupt?: AbortSignal;
  /** Called just before the upload (PutObject): from then on a closed output no longer stops the command. */
  started?: () => void;
  /** Pauses between retries (default: a real timer). */
  sleep?: Sleep;
  /** The clock (default: the system's). */
  now?: () => Date;
  /** Random number in [0, 1) for the retry jitter (default Math.random). */
  random?: () => number;
}

/** The context both S3 calls share: one retry policy, Ctrl-C and the deadline. */
function callContext(o: PublishOptions, d: PublishDeps): CallContext {
  const now = d.now ?? ((): Date => new Date());
  const ctx: CallContext = {
    sleep: d.sleep ?? realSleep,
    now,
    deadline: now().getTime() + (o.timeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS),
    onRetry: d.out,
  };
  if (d.interrupt) ctx.signal = d.interrupt;
  if (d.random) ctx.random = d.random;
  return ctx;
}

/** What was published. */
export interface PublishResult {
  region: string;
  key: string;
  templateUrl: string;
  quickCreateUrl: string;
}

export { DEFAULT_PREFIX, prefixProblem } from './publish-prefix';

/** Runs publish; returns what it published. Throws UserError subclasses. */
export async function publish(o: PublishOptions, d: PublishDeps): Promise<PublishResult> {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(o.bucket)) {
    throw new UserError(`--bucket ${o.bucket} is not an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens).`);
  }
  const badPrefix = o.prefix === undefined ? undefined : prefixProblem(o.prefix);
  if (badPrefix) throw new UserError(badPrefix);
  const nameProblem = o.stackName === undefined ? undefined : stackNameProblem(o.stackName);
  if (nameProblem) throw new UserError(`--stack-name ${o.stackName}: ${nameProblem}`);
  const region = o.region ?? (await clientRegion(d.s3));
  if (!region) {
    throw new AwsSetupError('No AWS region: pass --region (e.g. --region us-west-2), set AWS_REGION, or set a region in your profile.');
  }
  checkConsoleRegion(region);

  const key = contentHashedKey(o.prefix ?? PREFIX_DEFAULT, o.template.body, o.template.extension);
  const templateUrl = objectUrl(o.bucket, region, key);
  // Build the link first: an overlong URL or a bad region fails before anything is uploaded.
  const link = quickCreateLink({
    region,
    templateUrl,
    ...(o.stackName ? { stackName: o.stackName } : {}),
    specs: o.template.parameters,
    values: o.parameters,
  });

  const ctx = callContext(o, d);
  const location = await bucketRegion(d.s3, o.bucket, ctx);
  if (location !== region) {
    throw new UserError(
      `Bucket ${o.bucket} is in ${location}, but the stack's region is ${region}: CloudFormation reads a template only ` +
        `from a bucket in the stack's region. Use a bucket in ${region}, or publish for ${location} with --region ${location}.`,
    );
  }
  d.out(`Bucket ${o.bucket} is in ${location}, the stack's region.`);
  d.started?.();
  await putTemplateObject(d.s3, o.bucket, key, o.template.body, ctx);
  d.out(`Uploaded the template (${o.template.origin}, ${o.template.bytes} bytes) to s3://${o.bucket}/${key}`);
  d.out(`Template URL: ${templateUrl}`);
  d.out('The object is private: whoever opens the link needs s3:GetObject on it (in another account, through a bucket policy).');
  d.out('');
  for (const line of linkLines(link)) d.out(line);
  return { region, key, templateUrl, quickCreateUrl: link.url };
}
