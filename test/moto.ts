/**
 * A local moto_server for end-to-end tests: started on a free loopback port, with the
 * environment (dummy credentials, AWS_ENDPOINT_URL, no terminal) the CLI should see, and all of
 * it restored afterwards. Nothing leaves 127.0.0.1.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export function hasMoto(): boolean {
  try {
    execFileSync('moto_server', ['--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `describe`, or `describe.skip` where moto is missing (never in CI, where it must fail). */
export const describeWithMoto = hasMoto() || process.env['CI'] ? describe : describe.skip;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** A running moto_server and how to stop it (restoring the environment). */
export interface Moto {
  endpoint: string;
  stop(): void;
}

/** Starts moto_server and points the SDK's environment at it (region `region`, no terminal). */
export async function startMoto(region: string): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  await waitForServer(`${endpoint}/moto-api/`, 20_000);
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

/** The texts of every `<tag>` in `xml`, in order. */
export function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
}
