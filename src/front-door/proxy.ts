/**
 * Forwards one HTTP API request to the app's task and turns the answer into an HTTP API
 * response. Bodies are buffered both ways: Lambda answers at most 6 MB, so responses above
 * {@link MAX_RESPONSE_BYTES} (base64 grows them by a third) become a 502 that says why.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { HttpRequestEvent, HttpResponse } from './events';

/** Largest app response the front door returns: 6 MB of Lambda payload, less base64 and JSON overhead. */
export const MAX_RESPONSE_BYTES = 4_400_000;

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

/** Where the app listens. */
export interface Upstream {
  host: string;
  port: number;
  /** Give up connecting after this long: a replaced task's address never answers. */
  connectTimeoutMs: number;
  /** Give up on the app's answer after this long (the HTTP API itself waits at most 30 s). */
  timeoutMs: number;
}

/** The app did not accept the connection: it is still starting, or it was replaced. */
export class UpstreamUnreachableError extends Error {
  constructor(
    readonly code: string,
    upstream: Upstream,
  ) {
    super(`${upstream.host}:${upstream.port}: ${code}`);
    this.name = 'UpstreamUnreachableError';
  }
}

export async function forward(event: HttpRequestEvent, upstream: Upstream): Promise<HttpResponse> {
  const body = event.body === undefined ? Buffer.alloc(0) : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  const headers = requestHeaders(event, body.length);
  const path = event.rawPath + (event.rawQueryString ? `?${event.rawQueryString}` : '');
  return new Promise<HttpResponse>((resolve, reject) => {
    const req = httpRequest(
      { host: upstream.host, port: upstream.port, method: event.requestContext.http.method, path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            res.destroy();
            resolve(tooLarge());
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve(response(res.statusCode ?? 502, res.headers, Buffer.concat(chunks))));
        res.on('error', reject);
      },
    );
    req.on('socket', (socket) => {
      const timer = setTimeout(() => req.destroy(Object.assign(new Error('connect timeout'), { code: 'ECONNECTTIMEOUT' })), upstream.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    req.setTimeout(upstream.timeoutMs, () => {
      req.destroy();
      resolve(gatewayTimeout(upstream.timeoutMs));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      // Only failures before the request reached the app: retrying those cannot repeat it.
      const code = e.code ?? 'ERROR';
      reject(/^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ECONNECTTIMEOUT)$/.test(code) ? new UpstreamUnreachableError(code, upstream) : e);
    });
    req.end(body);
  });
}

function requestHeaders(event: HttpRequestEvent, length: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  if (event.cookies?.length) out['cookie'] = event.cookies.join('; ');
  // API Gateway already appends the client's address to X-Forwarded-For; add it only when absent.
  const client = event.requestContext.http.sourceIp;
  if (client && !out['x-forwarded-for']) out['x-forwarded-for'] = client;
  out['x-forwarded-proto'] = 'https';
  if (out['host']) out['x-forwarded-host'] = out['host'];
  out['content-length'] = String(length);
  return out;
}

function response(statusCode: number, raw: IncomingHttpHeaders, body: Buffer): HttpResponse {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    if (name === 'set-cookie') cookies = Array.isArray(value) ? value : [value];
    else headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const out: HttpResponse = { statusCode, headers, body: body.toString('base64'), isBase64Encoded: true };
  if (cookies) out.cookies = cookies;
  return out;
}

function gatewayTimeout(ms: number): HttpResponse {
  return {
    statusCode: 504,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: `The app did not answer within ${ms / 1000} s.`,
    isBase64Encoded: false,
  };
}

function tooLarge(): HttpResponse {
  return {
    statusCode: 502,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: `The response is over ${MAX_RESPONSE_BYTES} bytes, more than Lambda returns.`,
    isBase64Encoded: false,
  };
}
