/**
 * A local HTTP endpoint on a free 127.0.0.1 port for the REST-style services (S3) and the JSON
 * ones (ECR, SSM): it can leave every request hanging (accept, never answer), throttle the next
 * requests that match, or answer them. Nothing leaves 127.0.0.1.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What the endpoint does with one request: answer, or leave it hanging (undefined). */
export type Answer = { status: number; headers?: { [name: string]: string }; body?: string } | undefined;

/** The running endpoint. */
export interface FakeRest {
  /** The URL to give the SDK (AWS_ENDPOINT_URL). */
  endpoint: string;
  /** Requests received, as "METHOD path" (or "POST <X-Amz-Target>" for JSON services). */
  log: string[];
  /** Resolves when the next request left hanging has arrived. */
  nextHang(): Promise<string>;
  close(): Promise<void>;
}

/** What S3 answers when it throttles (503 SlowDown). */
export const S3_SLOW_DOWN: Answer = {
  status: 503,
  headers: { 'content-type': 'application/xml' },
  body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>fake</RequestId></Error>',
};

/** Starts the endpoint; `answer` decides per request (the default leaves every request hanging). */
export async function startFakeRest(answer: (request: string, body: string) => Answer = () => undefined): Promise<FakeRest> {
  const sockets = new Set<Socket>();
  const log: string[] = [];
  let hangWaiters: ((request: string) => void)[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const target = req.headers['x-amz-target']?.toString();
    const request = target ? `${req.method ?? '?'} ${target}` : `${req.method ?? '?'} ${req.url ?? ''}`;
    log.push(request);
    const a = answer(request, body);
    if (a === undefined) {
      const waiters = hangWaiters;
      hangWaiters = [];
      for (const w of waiters) w(request);
      return; // never answers; the socket stays open until the client gives up
    }
    const text = a.body ?? '';
    res.writeHead(a.status, { ...a.headers, 'content-length': String(Buffer.byteLength(text)) }).end(text);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    log,
    nextHang: () => new Promise((resolve) => hangWaiters.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
