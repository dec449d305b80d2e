/**
 * The local AWS for end-to-end tests: moto's server with this project's patch layer
 * (`npm run local-aws`, scripts/local-aws/server.py), started on a free loopback port (port 0:
 * its ready line says which), with the environment (dummy credentials, AWS_ENDPOINT_URL, no
 * terminal) the CLI should see, and all of it restored afterwards. Nothing leaves 127.0.0.1.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The local AWS server's entry point. */
export const LOCAL_AWS = join(__dirname, '..', 'scripts', 'local-aws', 'server.py');

export function hasMoto(): boolean {
  try {
    execFileSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `describe`, or `describe.skip` where moto is missing (never in CI, where it must fail). */
export const describeWithMoto = hasMoto() || process.env['CI'] ? describe : describe.skip;

/** The line the server prints once it listens: `local AWS (moto X + N patches) at http://127.0.0.1:PORT`. */
export const READY = /^local AWS \(moto \S+ \+ \d+ patches\) at (http:\/\/127\.0\.0\.1:\d+)$/;

/** Starts the local AWS server on a free port; resolves with its endpoint once it listens. */
export function startLocalAws(
  args: readonly string[] = [],
  ms = 60_000,
): Promise<{ endpoint: string; server: ChildProcess; stderr: () => string }> {
  const server = spawn('python3', [LOCAL_AWS, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  server.stderr?.on('data', (b: Buffer) => {
    err = (err + b.toString('utf8')).slice(-20_000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      reject(new Error(`local AWS printed no ready line within ${ms} ms: ${out}${err}`));
    }, ms);
    server.stdout?.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const m = READY.exec(out.split('\n')[0] ?? '');
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ endpoint: m[1], server, stderr: () => err });
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local AWS exited (${code}) before it was ready: ${out}${err}`));
    });
  });
}

/** A running local AWS and how to stop it (restoring the environment). */
export interface Moto {
  endpoint: string;
  stop(): void;
}

/**
 * Starts the local AWS and points the SDK's environment at it (region `region`, no terminal).
 * `patches: false` serves moto as released, for tests of how the CLI copes with its gaps.
 */
export async function startMoto(region: string, options: { patches?: boolean } = {}): Promise<Moto> {
  const { endpoint, server } = await startLocalAws(options.patches === false ? ['--no-patches'] : []);
  const saved: { [k: string]: string | undefined } = {};
  const env = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: region,
    AWS_PROFILE: undefined,
    NO_COLOR: '1',
  };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const tty = { out: process.stdout.isTTY, err: process.stderr.isTTY, in: process.stdin.isTTY };
  // Plain lines, collected by the test, whatever terminal jest runs in.
  for (const stream of [process.stdout, process.stderr, process.stdin]) {
    Object.defineProperty(stream, 'isTTY', { value: false, configurable: true });
  }
  return {
    endpoint,
    stop() {
      server.kill('SIGTERM');
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      Object.defineProperty(process.stdout, 'isTTY', { value: tty.out, configurable: true });
      Object.defineProperty(process.stderr, 'isTTY', { value: tty.err, configurable: true });
      Object.defineProperty(process.stdin, 'isTTY', { value: tty.in, configurable: true });
    },
  };
}

/**
 * One AWS query-protocol call (EC2, IAM) to moto over plain HTTP, for tests that read back what a
 * stack made without the SDK client of that service. moto picks the service from the
 * Authorization header's credential scope and does not check the signature.
 */
export async function motoQuery(endpoint: string, service: 'ec2' | 'iam', params: { [key: string]: string }): Promise<string> {
  const version = service === 'ec2' ? '2016-11-15' : '2010-05-08';
  const r = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20261129/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({ ...params, Version: version }).toString(),
  });
  return r.text();
}

const authorization = (service: string): string =>
  `AWS4-HMAC-SHA256 Credential=testing/20261129/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

/** One AWS JSON-protocol call (CloudWatch Logs) to moto, e.g. `Logs_20140328.DescribeLogGroups`. */
export async function motoJson(endpoint: string, service: 'logs', target: string, body: object): Promise<unknown> {
  const r = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, authorization: authorization(service) },
    body: JSON.stringify(body),
  });
  return r.json();
}

/** One GET of a REST-JSON API (API Gateway v2, Scheduler, Lambda) on moto: its status and body. */
export async function motoRest(
  endpoint: string,
  service: 'apigateway' | 'scheduler' | 'lambda',
  path: string,
): Promise<{ status: number; body: { [k: string]: unknown } }> {
  const r = await fetch(`${endpoint}${path}`, { headers: { authorization: authorization(service) } });
  const text = await r.text();
  return { status: r.status, body: text ? (JSON.parse(text) as { [k: string]: unknown }) : {} };
}

/** The texts of every `<tag>` in `xml`, in order. */
export function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
}
