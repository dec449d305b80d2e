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

/** "Name: message", or only the message when the error has no name of its own. */
export function errorLine(e: unknown): string {
  const name = errorName(e);
  // The SDK's "could not parse the answer" errors run over several lines; the HTTP status says more.
  const status = (e as { $response?: { statusCode?: number } } | undefined)?.$response?.statusCode;
  const message = `${status ? `HTTP ${status}, ` : ''}${errorMessage(e).split('\n')[0] ?? ''}`;
  return name && name !== 'Error' ? `${name}: ${message}` : message;
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

/**
 * A 2xx answer that is not a well-formed answer of the service: an HTML page from a proxy, a body
 * cut short, garbage. What the request did is not known: it counts as a lost answer.
 */
export class MalformedAnswerError extends Error {
  constructor(readonly answer?: unknown) {
    const status = (answer as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
    super(`HTTP ${status ?? '2xx'} without a well-formed AWS answer (a proxy's page, or a body cut short)`);
    this.name = 'MalformedAnswer';
  }
}

/** A 2xx whose body the SDK could not parse (cut short, garbled), or a {@link MalformedAnswerError}. */
export function isMalformedAnswer(e: unknown): boolean {
  if (e instanceof MalformedAnswerError) return true;
  const status = (e as { $response?: { statusCode?: number } } | undefined)?.$response?.statusCode;
  return (status !== undefined && status >= 200 && status < 300) || /Deserialization error/.test(errorMessage(e));
}

/**
 * The wait a `Retry-After` header asks for (seconds, or an HTTP date), in milliseconds;
 * undefined without one.
 */
export function retryAfterMs(e: unknown, now: number = Date.now()): number | undefined {
  const headers = (e as { $response?: { headers?: { [name: string]: string | undefined } } } | undefined)?.$response?.headers;
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

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
    isMalformedAnswer(e) ||
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

/**
 * The request's signing time is off from AWS's clock: RequestExpired, RequestTimeTooSkewed, or a
 * "Signature expired" message (sent by some services under SignatureDoesNotMatch).
 */
export function isClockSkew(e: unknown): boolean {
  return (
    /^(RequestExpired|RequestTimeTooSkewed|RequestInTheFuture)$/.test(errorName(e)) ||
    /Signature expired|signature .*not yet current/i.test(errorMessage(e))
  );
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
  if (isClockSkew(e)) {
    return new AwsSetupError(
      `AWS refused the request as sent at the wrong time (${name || 'clock skew'}: ${message.split('\n')[0] ?? ''}) while ${doing}: ` +
        'check this machine\'s clock (e.g. "timedatectl" or "date -u" against a time server), then re-run.',
    );
  }
  if (/^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|IncompleteSignature)$/.test(name)) {
    return new AwsSetupError(`AWS rejected the credentials (${name}) while ${doing}: check the profile or access keys you use.`);
  }
  if (
    /^(ExpiredToken|ExpiredTokenException|TokenRefreshRequired)$/.test(name) ||
    /token.*expired|session.*expired|SSO.*expired/i.test(message)
  ) {
    return new AwsSetupError(
      `Your AWS credentials have expired (${name || 'expired'}) while ${doing}. Sign in again ` +
        '(e.g. "aws sso login --profile P") and re-run.',
    );
  }
  if (/Region is missing/i.test(message)) {
    return new AwsSetupError('No AWS region: pass --region (e.g. --region us-west-2), set AWS_REGION, or set a region in your profile.');
  }
  if (name === 'ECONNREFUSED' || fields(e).code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return new AwsSetupError(
      `The AWS endpoint${where} refused the connection while ${doing} (${message}). Check AWS_ENDPOINT_URL, a proxy, ` +
        'or your network connection.',
    );
  }
  if (
    /^(ENOTFOUND|EHOSTUNREACH|ENETUNREACH)$/.test(name) ||
    /^(EHOSTUNREACH|ENETUNREACH)$/.test(fields(e).code ?? '') ||
    /ENOTFOUND|getaddrinfo/.test(message)
  ) {
    return new AwsSetupError(
      `Could not reach the AWS endpoint${where} while ${doing} (${message}). Check --region ` +
        '(e.g. us-west-2) and your network connection.',
    );
  }
  if (
    /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|AuthorizationError)$/.test(name) ||
    /not authorized to perform/i.test(message)
  ) {
    return new AwsSetupError(`Access denied while ${doing}${where}: ${message}`);
  }
  if (isThrottling(e)) {
    return new AwsCallError(`Throttled while ${doing}${where}, retries exhausted: ${errorLine(e)}`);
  }
  if (isTransient(e)) {
    return new AwsCallError(`Network or service error while ${doing}${where}, retries exhausted: ${errorLine(e)}`);
  }
  return new AwsCallError(`Failed ${doing}${where}: ${name ? `${name}: ` : ''}${message}`);
}
