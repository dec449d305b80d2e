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
import { navigation, request } from './helpers';
import { startFakeAws, type FakeAws } from './fake-aws';

type Handler = (event: unknown) => Promise<HttpResponse | IdleDecision>;

const code = bundleFrontDoor();
let aws: FakeAws;
let app: Server;
let appPort: number;
let handler: Handler;
const savedEnv = { ...process.env };
const logged: string[] = [];
/** What the app received in the origin header. */
const originSeen: string[] = [];
/** Packages the bundle required, in order. */
const requiredByBundle: string[] = [];

beforeAll(async () => {
  aws = await startFakeAws();
  app = createServer((req, res) => {
    originSeen.push(String(req.headers['x-front-door-secret']));
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
    PARAMETER_PATH: '/portfolio/front-door',
    WAKE_ON_ANY_REQUEST: 'false',
    DAILY_RUN_HOURS: '12',
    ORIGIN_SECRET: 'the-stack-uuid',
  });
  const realNow = Date.now.bind(Date);
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
  jest.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
  delete process.env['AWS_PROFILE'];
  delete process.env['AWS_SESSION_TOKEN'];
  const mod = { exports: {} as { handler?: Handler } };
  const tracked = (id: string): unknown => {
    requiredByBundle.push(id);
    return require(id) as unknown;
  };
  new Function('require', 'module', 'exports', code)(tracked, mod, mod.exports);
  if (!mod.exports.handler) throw new Error('the bundle exports no handler');
  handler = mod.exports.handler;
});

/** Moves the function's clock past its 5-second state cache (Date.now, which the handler reads). */
let offset = 0;
function pastStateCache(): void {
  offset += 5_100;
}

afterAll(async () => {
  process.env = savedEnv;
  jest.restoreAllMocks();
  await aws.close();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

describe('the bundled front door against fake AWS endpoints', () => {
  it('is one CommonJS file that requires only the AWS SDK and Node built-ins', () => {
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect([...new Set(required)].sort()).toEqual([
      '@aws-sdk/client-ec2',
      '@aws-sdk/client-ecs',
      '@aws-sdk/client-ssm',
      'node:http',
      'node:net',
    ]);
    expect(code).toMatch(/module\.exports\.handler=/);
  });

  it('loads no AWS SDK package when Lambda loads it (init): each on first use', () => {
    expect(requiredByBundle.filter((id) => id.startsWith('@aws-sdk/'))).toEqual([]);
  });

  it('wakes a stopped service on a navigation (not on a monitor), proxies once the task runs, then stops it when idle', async () => {
    // 0. A monitor's request changes nothing and makes no AWS call beyond reading the state.
    const monitor = (await handler(request('GET', '/', { headers: { 'user-agent': 'UptimeRobot/2.0' } }))) as HttpResponse;
    expect(monitor.statusCode).toBe(503);
    expect(aws.desiredCount).toBe(0);
    expect(aws.calls.map((c) => c.op)).toEqual(['ECS.ListTasks', 'ECS.DescribeServices']);
    expect([...new Set(requiredByBundle.filter((id) => id.startsWith('@aws-sdk/')))]).toEqual(['@aws-sdk/client-ecs']);

    // 1. Stopped: a browser navigation starts the service and gets the page that reloads itself.
    aws.calls.length = 0;
    pastStateCache();
    const first = (await handler(navigation('/'))) as HttpResponse;
    expect(first.statusCode).toBe(503);
    expect(first.body).toContain('<meta http-equiv="refresh" content="5">');
    expect(aws.desiredCount).toBe(1);
    expect(aws.calls.map((c) => c.op)).toEqual([
      'ECS.ListTasks',
      'ECS.DescribeServices',
      'SSM.GetParameters',
      'ECS.UpdateService',
      'SSM.PutParameter',
    ]);
    expect(aws.calls[3]?.input).toEqual({ cluster: 'portfolio', service: 'portfolio', desiredCount: 1 });

    // 2. ECS has placed the task and it runs: requests reach the app, with the origin secret.
    aws.tasks.push({
      arn: 'arn:aws:ecs:us-west-2:123456789012:task/portfolio/abc',
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      createdAt: Date.now() - 60 * 60_000,
      publicIp: '127.0.0.1',
      eni: 'eni-0abc',
    });
    pastStateCache();
    aws.calls.length = 0;
    const second = (await handler(navigation('/hello?x=1'))) as HttpResponse;
    expect(second.statusCode).toBe(200);
    expect(Buffer.from(second.body, 'base64').toString()).toBe('app says hi to /hello?x=1');
    expect(second.headers['x-seen-proto']).toBe('https');
    expect(originSeen).toEqual(['the-stack-uuid']);
    expect(aws.calls.map((c) => c.op)).toEqual(['ECS.ListTasks', 'ECS.DescribeTasks', 'EC2.DescribeNetworkInterfaces', 'SSM.PutParameter']);

    // 3. The idle check keeps it while the last request is recent...
    expect(await handler({ idleCheck: true })).toEqual({ stopped: false, reason: expect.stringMatching(/^last request or start at /) });
    expect(aws.desiredCount).toBe(1);

    // ...and stops it once the last request and start are older than IdleMinutes.
    const old = new Date(Date.now() - 31 * 60_000).toISOString();
    aws.parameters.set('/portfolio/front-door/last-request', old);
    aws.parameters.set('/portfolio/front-door/last-start', `{"at":"${old}","by":"visitor"}`);
    expect(await handler({ idleCheck: true })).toEqual({ stopped: true, reason: 'no request or start for 30 minutes' });
    expect(aws.desiredCount).toBe(0);

    // One JSON line per event worth logging, for CloudWatch Logs Insights.
    expect(logged.map((l) => JSON.parse(l) as { message: string; stopped?: boolean })).toEqual([
      { message: 'wake', sourceIp: '203.0.113.7', userAgent: expect.stringMatching(/^Mozilla\/5\.0 /), path: '/' },
      { message: 'idle check', stopped: false, reason: expect.stringMatching(/^last request or start at /) },
      { message: 'idle check', stopped: true, reason: 'no request or start for 30 minutes' },
    ]);
  }, 30_000);

  it('refuses an event that is neither a request nor the idle check', async () => {
    await expect(handler({ hello: 'world' })).rejects.toThrow('Not an HTTP API request (payload 2.0) nor {"idleCheck":true}');
  });
});
