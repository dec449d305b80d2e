/**
 * Forwards one HTTP API request to the app's task and turns the answer into an HTTP API
 * response. Bodies are buffered both ways: Lambda answers at most 6 MB, so responses above
 * {@link MAX_RESPONSE_BYTES} (base64 grows them by a third) become a 502 that says why.
 *
 * A request reaches the app at most once: only a connection that was never made (refused,
 * unreachable, or not made within the connect timeout) is reported as
 * {@link UpstreamUnreachableError}, which the caller may treat as "not up yet". Once the socket
 * is connected, or when it is a kept-alive socket reused from an earlier request
 * (`req.reusedSocket`: no `connect` event ever fires on it), any failure is answered here and
 * never retried, because the app may have received and acted on the request.
 *
 * By default each request opens its own connection ({@link ONE_CONNECTION_PER_REQUEST}): Lambda
 * freezes a function instance between invocations, so a kept-alive socket may have been closed
 * by the app (gunicorn's default keep-alive is 2 s) by the time it is reused; the request would
 * then fail after being sent, and could not be sent again. A new connection costs one round
 * trip inside the region.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { HttpRequestEvent, HttpResponse } from './events';
import { connectionLostPage, timeoutPage } from './pages';

/** Largest app response the front door returns: 6 MB of Lambda payload, less base64 and JSON overhead. */
export const MAX_RESPONSE_BYTES = 4_400_000;

/** The hard limit of one request through the front door, under the HTTP API's 30 s integration timeout and the function's 29 s. */
export const REQUEST_DEADLINE_MS = 25_000;

/** Headers that describe one connection, not the message: never forwarded (RFC 9110 section 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
]);

/** Client headers that claim what only the front door knows: dropped, then set by the front door. */
const PROXY_CLAIMS = /^(x-forwarded-.*|forwarded|x-real-ip)$/;

/** An agent that keeps no connection open between requests (see above). */
export const ONE_CONNECTION_PER_REQUEST = new Agent({ keepAlive: false });

/** Where the app listens, and what the front door adds to each request. */
export interface Upstream {
  /** The task's address: IPv4, or IPv6 without brackets. */
  host: string;
  port: number;
  /** Give up connecting after this long: a replaced task's address never answers. Runs only while connecting. */
  connectTimeoutMs: number;
  /** Epoch ms by which the whole answer must be in; then the request is abandoned with a 504 page. */
  deadline: number;
  /** The clock the deadline is on. */
  now(): number;
  /** The origin header (lower case) and its value, sent with every request; client copies are dropped. */
  originHeader: string;
  originSecret: string;
  /** Connection pool; default {@link ONE_CONNECTION_PER_REQUEST}. */
  agent?: Agent;
}

/** The app did not accept the connection: it is still starting, or it was replaced. Nothing was sent. */
export class UpstreamUnreachableError extends Error {
  constructor(
    readonly code: string,
    upstream: Pick<Upstream, 'host' | 'port'>,
  ) {
    super(`${upstream.host}:${upstream.port}: ${code}`);
    this.name = 'UpstreamUnreachableError';
  }
}

/** An answer, and whether it came from the app (not a page of the front door's own). */
export interface Forwarded {
  response: HttpResponse;
  fromApp: boolean;
}

export async function forward(event: HttpRequestEvent, upstream: Upstream): Promise<Forwarded> {
  const body = event.body === undefined ? Buffer.alloc(0) : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  const headers = requestHeaders(event, body.length, upstream);
  const path = event.rawPath + (event.rawQueryString ? `?${event.rawQueryString}` : '');
  const method = event.requestContext.http.method;
  const ours = (response: HttpResponse): Forwarded => ({ response, fromApp: false });
  const left = upstream.deadline - upstream.now();
  if (left <= 0) return ours(timeoutPage(REQUEST_DEADLINE_MS / 1000));
  return new Promise<Forwarded>((resolve, reject) => {
    let connected = false;
    let done = false;
    const finish = (f: Forwarded): void => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      resolve(f);
    };
    const req = httpRequest(
      { host: upstream.host, port: upstream.port, method, path, headers, agent: upstream.agent ?? ONE_CONNECTION_PER_REQUEST },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            res.destroy();
            finish(ours(tooLarge()));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          finish({ response: response(method, res.statusCode ?? 502, res.headers, Buffer.concat(chunks), upstream, event), fromApp: true }),
        );
        res.on('error', () => finish(ours(connectionLostPage())));
      },
    );
    // The whole exchange, not an idle timer: a trickling answer still ends here, before Lambda's own timeout.
    const deadline = setTimeout(() => {
      req.destroy();
      finish(ours(timeoutPage(REQUEST_DEADLINE_MS / 1000)));
    }, left);
    req.on('socket', (socket) => {
      if (req.reusedSocket || !socket.connecting) {
        connected = true;
        return;
      }
      const timer = setTimeout(
        () => req.destroy(Object.assign(new Error('connect timeout'), { code: 'ECONNECTTIMEOUT' })),
        upstream.connectTimeoutMs,
      );
      socket.once('connect', () => {
        connected = true;
        clearTimeout(timer);
      });
      socket.once('close', () => clearTimeout(timer));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (done) return;
      if (connected || req.reusedSocket) {
        finish(ours(connectionLostPage()));
        return;
      }
      done = true;
      clearTimeout(deadline);
      reject(new UpstreamUnreachableError(e.code ?? 'ERROR', upstream));
    });
    req.end(body);
  });
}

function requestHeaders(event: HttpRequestEvent, length: number, upstream: Upstream): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value === undefined || HOP_BY_HOP.has(name) || PROXY_CLAIMS.test(name) || name === upstream.originHeader) continue;
    out[name] = value;
  }
  if (event.cookies?.length) out['cookie'] = event.cookies.join('; ');
  // What the front door saw: API Gateway's source IP is the client's TCP peer; anything a
  // client sent in these headers is dropped above, so the app can trust them.
  const client = event.requestContext.http.sourceIp;
  if (client) out['x-forwarded-for'] = client;
  out['x-forwarded-proto'] = 'https';
  if (out['host']) out['x-forwarded-host'] = out['host'];
  out[upstream.originHeader] = upstream.originSecret;
  out['content-length'] = String(length);
  return out;
}

function response(
  method: string,
  statusCode: number,
  raw: IncomingHttpHeaders,
  body: Buffer,
  upstream: Upstream,
  event: HttpRequestEvent,
): HttpResponse {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    if (name === 'set-cookie') cookies = Array.isArray(value) ? value : [value];
    else headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // A HEAD answer has no body to measure: the app's Content-Length is the only size there is.
  if (method === 'HEAD' && typeof raw['content-length'] === 'string') headers['content-length'] = raw['content-length'];
  const host = event.headers?.['host'];
  if (headers['location'] && host) headers['location'] = rewriteLocation(headers['location'], upstream, host);
  const out: HttpResponse = { statusCode, headers, body: body.toString('base64'), isBase64Encoded: true };
  if (cookies) out.cookies = cookies;
  return out;
}

/**
 * A redirect to the task's own address (`http://10.0.1.23:8080/login`), or to the front
 * door's host over plain HTTP, goes to the front door's host over HTTPS instead.
 */
export function rewriteLocation(location: string, upstream: Pick<Upstream, 'host' | 'port'>, publicHost: string): string {
  const task = upstream.host.includes(':') ? `[${upstream.host}]` : upstream.host;
  const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const own = new RegExp(`^https?://(${escapeRegExp(task)}(:${upstream.port})?|${escapeRegExp(publicHost)})(?=[/?#]|$)`, 'i');
  return location.replace(own, `https://${publicHost}`);
}

function tooLarge(): HttpResponse {
  return {
    statusCode: 502,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: `The response is over ${MAX_RESPONSE_BYTES} bytes, more than Lambda returns.`,
    isBase64Encoded: false,
  };
}
