/**
 * The shapes the front door receives and returns: API Gateway HTTP API events (payload format
 * 2.0) and the scheduled idle check. Only the fields this code reads are typed.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */

/** An HTTP API request, payload format 2.0. */
export interface HttpRequestEvent {
  rawPath: string;
  rawQueryString?: string;
  /** Lower-case names; repeated headers arrive joined with commas. */
  headers?: Record<string, string | undefined>;
  /** Cookies arrive here, not in `headers.cookie`. */
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { http: { method: string; sourceIp?: string } };
}

/** An HTTP API response, payload format 2.0. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** Each `Set-Cookie` header of the response, one per entry. */
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

/** The input the idle-stop schedule sends (`Input` of the EventBridge Scheduler target). */
export interface IdleCheckEvent {
  idleCheck: true;
}

export function isHttpRequest(event: unknown): event is HttpRequestEvent {
  const e = event as Partial<HttpRequestEvent> | null;
  return typeof e === 'object' && e !== null && typeof e.requestContext?.http?.method === 'string';
}

export function isIdleCheck(event: unknown): event is IdleCheckEvent {
  return typeof event === 'object' && event !== null && (event as Partial<IdleCheckEvent>).idleCheck === true;
}
