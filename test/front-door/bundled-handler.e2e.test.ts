/**
 * The bundled front door (the exact text that goes into the template's Code.ZipFile), run as
 * Lambda runs it: loaded as CommonJS, its AWS SDK clients talking to a fake ECS/EC2/SSM on
 * loopback, its proxy reaching a local HTTP server that stands in for the task.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundleFrontDoor } from '../../src/front-door/bundle';
import type { HttpResponse } from '../../src/front-door/events';
import type { IdleDecision } from '../../src/front-door/idle-stop';
import { request } from './helpers';
import { startFakeAws, type FakeAws } from './fake-aws';

type Handler = (event: unknown) => Promise<HttpResponse | IdleDecision>;

const code = bundleFrontDoor();
let aws: FakeAws;
let app: Server;
let appPort: number;
let handler: Handler;
const savedEnv = { ...process.env };
const logged: string[] = [];

beforeAll(async () => {
  aws = await startFakeAws();
  app = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'x-seen-proto': String(req.headers['x-forwarded-proto']) });
    res.end(`app says hi to ${req.url}`);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appPort = (app.address() as AddressInfo).port;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: aws.url,
    AWS_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    CLUSTER: 'portfolio',
    SERVICE: 'portfolio',
    PORT: String(appPort),
    IDLE_MINUTES: '30',
    LAST_REQUEST_PARAMETER: '/portfolio/front-door/last-request',
  });
  jest.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
  delete process.env['AWS_PROFILE'];
  delete process.env['AWS_SESSION_TOKEN'];
  const mod = { exports: {} as { handler?: Handler } };
  new Function('require', 'module', 'exports', code)(require, mod, mod.exports);
  if (!mod.exports.handler) throw new Error('the bundle exports no handler');
  handler = mod.exports.handler;
});

afterAll(async () => {
  process.env = savedEnv;
  jest.restoreAllMocks();
  await aws.close();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

describe('the bundled front door against fake AWS endpoints', () => {
  it('is one CommonJS file that requires only the AWS SDK and Node built-ins', () => {
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect([...new Set(required)].sort()).toEqual(['@aws-sdk/client-ec2', '@aws-sdk/client-ecs', '@aws-sdk/client-ssm', 'node:http']);
    expect(code).toMatch(/module\.exports\.handler=/);
  });

  it('wakes a stopped service on the first request, then proxies once the task runs, then stops it when idle', async () => {
    // 1. Stopped: the request starts the service and gets the page that reloads itself.
    const first = (await handler(request('GET', '/'))) as HttpResponse;
    expect(first.statusCode).toBe(503);
    expect(first.body).toContain('<meta http-equiv="refresh" content="5">');
    expect(aws.desiredCount).toBe(1);
    expect(aws.calls.map((c) => c.op)).toEqual(['SSM.PutParameter', 'ECS.ListTasks', 'ECS.DescribeServices', 'ECS.UpdateService']);
    expect(aws.calls[3]?.input).toEqual({ cluster: 'portfolio', service: 'portfolio', desiredCount: 1 });

    // 2. ECS has placed the task and it runs: requests reach the app.
    aws.tasks.push({
      arn: 'arn:aws:ecs:us-west-2:123456789012:task/portfolio/abc',
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      createdAt: Date.now() - 60 * 60_000,
      publicIp: '127.0.0.1',
      eni: 'eni-0abc',
    });
    const second = (await handler(request('GET', '/hello?x=1'))) as HttpResponse;
    expect(second.statusCode).toBe(200);
    expect(Buffer.from(second.body, 'base64').toString()).toBe('app says hi to /hello?x=1');
    expect(second.headers['x-seen-proto']).toBe('https');
    expect(aws.calls.slice(4).map((c) => c.op)).toEqual(['ECS.ListTasks', 'ECS.DescribeTasks', 'EC2.DescribeNetworkInterfaces']);

    // 3. The idle check keeps it while the last request is recent...
    expect(await handler({ idleCheck: true })).toEqual({ stopped: false, reason: expect.stringMatching(/^last request at /) });
    expect(aws.desiredCount).toBe(1);

    // ...and stops it once the last request is older than IdleMinutes.
    aws.parameters.set('/portfolio/front-door/last-request', new Date(Date.now() - 31 * 60_000).toISOString());
    expect(await handler({ idleCheck: true })).toEqual({ stopped: true, reason: 'no request for 30 minutes' });
    expect(aws.desiredCount).toBe(0);

    // One JSON line per event worth logging, for CloudWatch Logs Insights.
    expect(logged.map((l) => JSON.parse(l) as { message: string; stopped?: boolean })).toEqual([
      { message: 'started the service (desired count 1) for a request' },
      { message: 'idle check', stopped: false, reason: expect.stringMatching(/^last request at /) },
      { message: 'idle check', stopped: true, reason: 'no request for 30 minutes' },
    ]);
  }, 30_000);

  it('refuses an event that is neither a request nor the idle check', async () => {
    await expect(handler({ hello: 'world' })).rejects.toThrow('Not an HTTP API request (payload 2.0) nor {"idleCheck":true}');
  });
});
