/**
 * Classifying errors from AWS calls: which are worth retrying (throttling, dropped
 * connections), which the user fixes outside this tool (credentials, region, access), and the
 * one-line message for each.
 */
import { AwsCallError, AwsSetupError } from '../errors';

/** The fields of an SDK error (or a Node network error) this module reads. */
interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

function fields(e: unknown): ErrorLike {
  return typeof e === 'object' && e !== null ? (e as ErrorLike) : { message: String(e) };
}

/** The error's name or code as the service or Node gave it. */
export function errorName(e: unknown): string {
  const f = fields(e);
  return f.name && f.name !== 'Error' ? f.name : (f.Code ?? f.code ?? f.name ?? '');
}

/** The error's message. */
export function errorMessage(e: unknown): string {
  return fields(e).message ?? String(e);
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

const NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Throttled by the service: retry after a pause. */
export function isThrottling(e: unknown): boolean {
  const f = fields(e);
  return THROTTLING.has(errorName(e)) || f.$retryable?.throttling === true || f.$metadata?.httpStatusCode === 429;
}

/** A dropped or refused connection, a timeout, or a 5xx from the service: retry after a pause. */
export function isTransient(e: unknown): boolean {
  const f = fields(e);
  const status = f.$metadata?.httpStatusCode;
  return (
    NETWORK.has(errorName(e)) ||
    NETWORK.has(f.code ?? '') ||
    /socket hang up|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(errorMessage(e)) ||
    (status !== undefined && status >= 500)
  );
}

/**
 * Worth retrying while polling: throttling or a transient network/service fault (also when
 * wrapped with context, as the original is kept as `cause`).
 */
export function isRetryable(e: unknown): boolean {
  if (isThrottling(e) || isTransient(e)) return true;
  const cause = typeof e === 'object' && e !== null ? (e as { cause?: unknown }).cause : undefined;
  return cause !== undefined && cause !== e && isRetryable(cause);
}

/** CloudFormation's answer for a stack name that does not exist (DescribeStacks, DescribeStackEvents). */
export function isStackMissing(e: unknown): boolean {
  return errorName(e) === 'ValidationError' && /does not exist/.test(errorMessage(e));
}

/**
 * The one-line error a user acts on, for an AWS call that failed while `doing` something
 * (e.g. "validating the template"): credentials, region and access problems become
 * {@link AwsSetupError} (exit 2), anything else {@link AwsCallError} (exit 1) naming what was
 * being done and the service's own message.
 */
export function describeAwsError(e: unknown, doing: string, region?: string): AwsSetupError | AwsCallError {
  const name = errorName(e);
  const message = errorMessage(e);
  const where = region ? ` in ${region}` : '';
  if (name === 'CredentialsProviderError' || /Could not load credentials|credential.*not (found|loaded)/i.test(message)) {
    return new AwsSetupError(
      `No AWS credentials found while ${doing}. Sign in (e.g. "aws sso login --profile P"), ` +
        'pass --profile P, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.',
    );
  }
  if (/^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|IncompleteSignature)$/.test(name)) {
    return new AwsSetupError(
      `AWS rejected the credentials (${name}) while ${doing}: check the profile or access keys you use.`,
    );
  }
  if (
    /^(ExpiredToken|ExpiredTokenException|RequestExpired|TokenRefreshRequired)$/.test(name) ||
    /token.*expired|session.*expired|SSO.*expired/i.test(message)
  ) {
    return new AwsSetupError(
      `Your AWS credentials have expired (${name || 'expired'}) while ${doing}. Sign in again ` +
        '(e.g. "aws sso login --profile P") and re-run.',
    );
  }
  if (/Region is missing/i.test(message)) {
    return new AwsSetupError(
      'No AWS region: pass --region (e.g. --region us-west-2), set AWS_REGION, or set a region in your profile.',
    );
  }
  if (name === 'ECONNREFUSED' || fields(e).code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return new AwsSetupError(
      `The AWS endpoint${where} refused the connection while ${doing} (${message}). Check AWS_ENDPOINT_URL, a proxy, ` +
        'or your network connection.',
    );
  }
  if (name === 'ENOTFOUND' || /ENOTFOUND|getaddrinfo/.test(message)) {
    return new AwsSetupError(
      `Could not reach the AWS endpoint${where} while ${doing} (${message}). Check --region ` +
        '(e.g. us-west-2) and your network connection.',
    );
  }
  if (/^(AccessDenied|AccessDeniedException|UnauthorizedOperation|AuthorizationError)$/.test(name) || /not authorized to perform/i.test(message)) {
    return new AwsSetupError(`Access denied while ${doing}${where}: ${message}`);
  }
  if (isTransient(e)) {
    return new AwsCallError(`Network or service error while ${doing}${where}, retries exhausted: ${name ? `${name}: ` : ''}${message}`);
  }
  return new AwsCallError(`Failed ${doing}${where}: ${name ? `${name}: ` : ''}${message}`);
}
