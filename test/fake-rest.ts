/**
 * A local HTTP endpoint on a free 127.0.0.1 port for the REST-style services (S3) and the JSON
 * ones (ECR, SSM): it can leave every request hanging (accept, never answer), throttle the next
 * requests that match, or answer them. Nothing leaves 127.0.0.1.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback-server';

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

/** An answer of the JSON services (ECR, SSM). */
export function jsonAnswer(status: number, body: unknown): Answer {
  return { status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) };
}

/** The variables {@link pointSdkAt} sets. */
const SDK_ENV = ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'] as const;

/**
 * Points the SDK's default chain at `endpoint` with dummy keys and no profile, as a user's
 * AWS_ENDPOINT_URL would; returns what puts the variables back as they were.
 */
export function pointSdkAt(endpoint: string, env: NodeJS.ProcessEnv = process.env): () => void {
  const saved = SDK_ENV.map((k) => env[k]);
  env['AWS_ENDPOINT_URL'] = endpoint;
  env['AWS_ACCESS_KEY_ID'] = 'x';
  env['AWS_SECRET_ACCESS_KEY'] = 'x';
  delete env['AWS_PROFILE'];
  return () => {
    SDK_ENV.forEach((k, i) => {
      const value = saved[i];
      if (value === undefined) delete env[k];
      else env[k] = value;
    });
  };
}

/** Starts the endpoint; `answer` decides per request (the default leaves every request hanging). */
export async function startFakeRest(answer: (request: string, body: string) => Answer = () => undefined): Promise<FakeRest> {
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
  const server = await listenOnLoopback((req, res, body) => handle(req, res, body.toString('utf8')));
  return {
    endpoint: server.endpoint,
    log,
    nextHang: () => new Promise((resolve) => hangWaiters.push(resolve)),
    close: server.close,
  };
}
