/**
 * A fault-injecting HTTP proxy in front of moto_server, on a free loopback port: each AWS query
 * call (form body `Action=...`) is passed on, or, as a test orders it, throttled, dropped before
 * it reaches moto, dropped after moto acted on it (the answer is lost), left hanging (the
 * connection stays open and nothing comes back), answered by a proxy's HTML page with status
 * 200 (moto never sees it), passed on with its answer cut in half, refused with a 503 carrying
 * Retry-After, refused as expired (credentials, or the clock), or passed on with a stack's
 * *_COMPLETE status rewritten as its rollback (moto never rolls back). Nothing leaves 127.0.0.1.
 */
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback-server';

/** What happens to one call. */
export type Fault =
  | 'throttle'
  | 'drop-before'
  | 'drop-after'
  | 'hang'
  | 'html'
  | 'truncate'
  | 'retry-after'
  | 'expired-token'
  | 'request-expired'
  | 'rollback';

/** The running proxy. */
export interface FaultProxy {
  /** The URL to give the SDK (AWS_ENDPOINT_URL). */
  endpoint: string;
  /**
   * The next `times` calls of `action` (e.g. "ExecuteChangeSet") get `fault`; with `after`, only
   * calls made once an `after` call (e.g. "ExecuteChangeSet") has passed.
   */
  inject(action: string, fault: Fault, times?: number, after?: string): void;
  /** Drops the faults still waiting for `action`. */
  clear(action: string): void;
  /** Every call from now on hangs (an endpoint that accepts connections and never answers). */
  hangEverything(): void;
  /** Actions received, in order, with the fault applied (e.g. "ExecuteChangeSet drop-after"). */
  log: string[];
  /** Resolves when the next hanging call has arrived. */
  nextHang(): Promise<string>;
  close(): Promise<void>;
}

const errorXml = (code: string, message: string): string =>
  `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`;

/** What a corporate proxy answers instead of AWS. */
export const PROXY_PAGE =
  '<!doctype html><html><head><title>Proxy</title></head><body><h1>Access policy</h1><p>Please sign in.</p></body></html>';

/** Seconds the `retry-after` fault asks for. */
export const RETRY_AFTER_SECONDS = 2;

const THROTTLED = `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`;

/** Starts the proxy in front of `target` (e.g. moto's http://127.0.0.1:PORT). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const to = new URL(target);
  const faults = new Map<string, { fault: Fault; after?: string; from: number }[]>();
  const log: string[] = [];
  let hangAll = false;
  let hangWaiters: ((action: string) => void)[] = [];

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    const action = new URLSearchParams(body.toString('utf8')).get('Action') ?? req.headers['x-amz-target']?.toString() ?? '?';
    const queue = faults.get(action) ?? [];
    const next = queue[0];
    const due = next && (next.after === undefined || log.slice(next.from).some((l) => l.split(' ')[0] === next.after));
    const fault: Fault | undefined = hangAll ? 'hang' : due ? queue.shift()?.fault : undefined;
    log.push(fault ? `${action} ${fault}` : action);
    switch (fault) {
      case 'throttle':
        res.writeHead(400, { 'content-type': 'text/xml' }).end(THROTTLED);
        return;
      case 'drop-before':
        req.socket.destroy();
        return;
      case 'hang': {
        const waiters = hangWaiters;
        hangWaiters = [];
        for (const w of waiters) w(action);
        return; // never answers; the socket stays open until the client gives up
      }
      case 'drop-after':
        await forward(req, body);
        req.socket.destroy();
        return;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' }).end(PROXY_PAGE);
        return;
      case 'truncate': {
        const r = await forward(req, body);
        const half = r.body.subarray(0, Math.floor(r.body.length / 2));
        res
          .writeHead(r.status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'fault-proxy', 'content-length': String(half.length) })
          .end(half);
        return;
      }
      case 'retry-after':
        res
          .writeHead(503, { 'content-type': 'text/html', 'retry-after': String(RETRY_AFTER_SECONDS) })
          .end('<html><body>Service Unavailable</body></html>');
        return;
      case 'expired-token':
        res
          .writeHead(400, { 'content-type': 'text/xml' })
          .end(errorXml('ExpiredToken', 'The security token included in the request is expired'));
        return;
      case 'request-expired':
        res.writeHead(400, { 'content-type': 'text/xml' }).end(errorXml('RequestExpired', 'Request has expired.'));
        return;
      case 'rollback': {
        const r = await forward(req, body);
        const text = r.body
          .toString('utf8')
          .replace(/<StackStatus>CREATE_COMPLETE</g, '<StackStatus>ROLLBACK_COMPLETE<')
          .replace(/<StackStatus>UPDATE_COMPLETE</g, '<StackStatus>UPDATE_ROLLBACK_COMPLETE<');
        res
          .writeHead(r.status, {
            'content-type': 'text/xml',
            'x-amzn-requestid': 'fault-proxy',
            'content-length': String(Buffer.byteLength(text)),
          })
          .end(text);
        return;
      }
      default: {
        const r = await forward(req, body);
        const headers = { ...r.headers };
        delete headers['transfer-encoding'];
        res.writeHead(r.status, { ...headers, 'content-length': String(r.body.length) }).end(r.body);
      }
    }
  };

  const server = await listenOnLoopback((req, res, body) => {
    handle(req, res, body).catch(() => req.socket.destroy());
  });
  return {
    endpoint: server.endpoint,
    inject(action, fault, times = 1, after) {
      const entry = after === undefined ? { fault, from: log.length } : { fault, after, from: log.length };
      faults.set(action, [...(faults.get(action) ?? []), ...Array.from({ length: times }, () => entry)]);
    },
    clear(action) {
      faults.delete(action);
    },
    hangEverything() {
      hangAll = true;
    },
    log,
    nextHang: () => new Promise((resolve) => hangWaiters.push(resolve)),
    close: server.close,
  };
}
