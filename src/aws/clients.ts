/**
 * Building the SDK clients. Credentials come from the SDK's default chain (environment,
 * shared config and credentials files, SSO, web identity, instance roles); `--profile` selects
 * a profile of the shared files for both. The region comes from `--region`, else the SDK's own
 * resolution (AWS_REGION, the profile's region), else AWS_DEFAULT_REGION as the AWS CLI reads it.
 * `AWS_ENDPOINT_URL` (e.g. a local moto server) is honoured by the SDK itself.
 *
 * Every client gets a connect timeout and a response timeout, so a request to an endpoint that
 * accepts the connection and never answers fails (TimeoutError, retried by src/aws/call.ts)
 * instead of hanging. The SDK's own retries are off (`maxAttempts: 1`) for every client
 * (CloudFormation, S3, ECR, SSM): a retried ExecuteChangeSet whose first answer was lost gets
 * InvalidChangeSetStatus, so every retry is decided in one place, src/aws/call.ts, which resolves
 * lost answers of mutating calls by reading the state, says one line per retry, and stops at
 * Ctrl-C and at the deadline.
 *
 * Every client also checks that a 2xx answer is an AWS answer: every AWS service sends a request
 * id (x-amzn-RequestId, x-amz-request-id, or ResponseMetadata), and a corporate proxy's HTML page
 * with status 200 parses as an empty, "successful" answer. Without a request id the answer is a
 * {@link MalformedAnswerError}: a lost answer (src/aws/call.ts).
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';
import { MalformedAnswerError } from './errors';

/** Where and as whom to call AWS. */
export interface AwsTarget {
  /** `--region`; undefined leaves it to the SDK (AWS_REGION, profile) and AWS_DEFAULT_REGION. */
  region?: string;
  /** `--profile`: a profile of ~/.aws/config and ~/.aws/credentials. */
  profile?: string;
  /** Time limits of each request (default {@link DEFAULT_TIMEOUTS}). */
  timeouts?: RequestTimeouts;
}

/** Time limits of one HTTP request. */
export interface RequestTimeouts {
  /** Milliseconds to establish the connection (TCP and TLS). */
  connectMs: number;
  /** Milliseconds for the whole request and response, and the longest silence on the socket. */
  responseMs: number;
}

/**
 * Defaults: 5 s to connect, 30 s for an answer. CloudFormation's read calls answer in well under
 * a second; a create or execute call in a few seconds.
 */
export const DEFAULT_TIMEOUTS: RequestTimeouts = { connectMs: 5000, responseMs: 30_000 };

/** The SDK's requestHandler options for the time limits (NodeHttpHandler's constructor options). */
export function requestHandlerOptions(t: RequestTimeouts = DEFAULT_TIMEOUTS): {
  connectionTimeout: number;
  requestTimeout: number;
  socketTimeout: number;
  throwOnRequestTimeout: true;
} {
  return { connectionTimeout: t.connectMs, requestTimeout: t.responseMs, socketTimeout: t.responseMs, throwOnRequestTimeout: true };
}

/** The region to give the SDK, or undefined to let it resolve one itself. */
export function regionFor(target: AwsTarget, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (target.region) return target.region;
  if (env['AWS_REGION']) return undefined;
  return env['AWS_DEFAULT_REGION'] || undefined;
}

/** Region, profile, the time limits of each request, and no SDK retries: what every client gets. */
export function commonConfig(target: AwsTarget): {
  region?: string;
  profile?: string;
  maxAttempts: 1;
  requestHandler: ReturnType<typeof requestHandlerOptions>;
} {
  const config: ReturnType<typeof commonConfig> = { maxAttempts: 1, requestHandler: requestHandlerOptions(target.timeouts) };
  const region = regionFor(target);
  if (region) config.region = region;
  if (target.profile) config.profile = target.profile;
  return config;
}

/** The part of an SDK client's middleware stack {@link requireAwsAnswers} uses. */
interface MiddlewareHost {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<{ output: unknown }>) => (args: unknown) => Promise<{ output: unknown }>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/**
 * Makes `client` refuse a 2xx answer without a request id (see the module's comment), throwing
 * {@link MalformedAnswerError}. Runs outermost, on the deserialized answer.
 */
export function requireAwsAnswers<C>(client: C): C {
  (client as unknown as MiddlewareHost).middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const meta = (result.output as { $metadata?: { httpStatusCode?: number; requestId?: string } } | undefined)?.$metadata;
      if (meta && !meta.requestId) throw new MalformedAnswerError(result.output);
      return result;
    },
    { step: 'initialize', name: 'fargateOidcRequireAwsAnswers' },
  );
  return client;
}

/** A CloudFormation client for the target: time limits, and no SDK retries (src/aws/call.ts retries). */
export function cloudFormationClient(target: AwsTarget): CloudFormationClient {
  return requireAwsAnswers(new CloudFormationClient(commonConfig(target)));
}

/** An S3 client for the target (time limits, no SDK retries), loaded only when a template goes through S3. */
export async function s3Client(target: AwsTarget): Promise<S3Client> {
  const { S3Client: Client } = await import('@aws-sdk/client-s3');
  const env = process.env;
  // A custom endpoint (moto, LocalStack) serves buckets by path, not by virtual host.
  const forcePathStyle = Boolean(env['AWS_ENDPOINT_URL'] || env['AWS_ENDPOINT_URL_S3']);
  return requireAwsAnswers(new Client({ ...commonConfig(target), forcePathStyle }));
}

/** The region a client resolved (for messages and console links); undefined if none. */
export async function clientRegion(client: { config: { region: () => Promise<string> } }): Promise<string | undefined> {
  try {
    return await client.config.region();
  } catch {
    return undefined;
  }
}

/** An SSM client for the target (time limits, no SDK retries), loaded only by `secret set`. */
export async function ssmClient(target: AwsTarget): Promise<import('@aws-sdk/client-ssm').SSMClient> {
  const { SSMClient: Client } = await import('@aws-sdk/client-ssm');
  return requireAwsAnswers(new Client(commonConfig(target)));
}

/** An EC2 client for the target (time limits, no SDK retries), loaded only to check an existing VPC's subnets. */
export async function ec2Client(target: AwsTarget): Promise<import('@aws-sdk/client-ec2').EC2Client> {
  const { EC2Client: Client } = await import('@aws-sdk/client-ec2');
  return requireAwsAnswers(new Client(commonConfig(target)));
}
