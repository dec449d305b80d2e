import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeNetworkInterfacesCommand } from '@aws-sdk/client-ec2';
import { DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { GetParametersCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { ActivityRecorder } from '../../src/front-door/activity';
import type { FrontDoorConfig } from '../../src/front-door/config';
import { handleRequest, type FrontDoorDeps } from '../../src/front-door/front-door';
import { StateCache } from '../../src/front-door/state-cache';
import {
  asAwsClients,
  BROWSER,
  CLUSTER,
  ENI,
  NOW,
  PARAMETERS,
  SECRET,
  SERVICE,
  TASK_ARN,
  clients,
  config,
  navigation,
  request,
  task,
} from './helpers';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** The app's task: answers every request with what it saw (slowly for /slow), and sets two cookies. */
let app: Server;
let appPort: number;
let seen: Seen[] = [];

beforeAll(async () => {
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      const answer = (): void => {
        res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
        res.setHeader('content-type', 'text/plain');
        res.writeHead(201);
        res.end(`hello ${req.method} ${req.url}`);
      };
      if (req.url?.startsWith('/slow')) setTimeout(answer, 3_300);
      else answer();
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appPort = (app.address() as AddressInfo).port;
});
afterAll(async () => {
  app.closeAllConnections();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

function setup(port = 8000, over: Partial<FrontDoorConfig> = {}) {
  const c = clients();
  const mocks = { ecs: mockClient(c.ecs), ec2: mockClient(c.ec2), ssm: mockClient(c.ssm) };
  mocks.ssm.on(PutParameterCommand).resolves({ Version: 2 });
  mocks.ssm.on(GetParametersCommand).resolves({ Parameters: [] });
  mocks.ecs.on(UpdateServiceCommand).resolves({});
  const logs: { message: string; detail?: Record<string, unknown> }[] = [];
  let now = NOW;
  const aws = asAwsClients(c);
  const deps: FrontDoorDeps = {
    clients: aws,
    config: config(port, 30, over),
    activity: new ActivityRecorder(aws.ssm, PARAMETERS.lastRequest),
    cache: new StateCache(),
    now: () => now,
    log: (message, detail) => logs.push(detail ? { message, detail } : { message }),
  };
  return { deps, mocks, logs, advance: (ms: number) => (now += ms) };
}

type Mocks = ReturnType<typeof setup>['mocks'];

/** ECS and EC2 describe one running task whose public IP is this machine. */
function runningTask(mocks: Mocks, extra: Parameters<typeof task>[1] = {}): void {
  mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [TASK_ARN] });
  mocks.ecs.on(DescribeTasksCommand).resolves({ tasks: [task('RUNNING', { startedAt: new Date(NOW - 3_600_000), ...extra })] });
  mocks.ec2.on(DescribeNetworkInterfacesCommand).resolves({
    NetworkInterfaces: [{ NetworkInterfaceId: ENI, Association: { PublicIp: '127.0.0.1' } }],
  });
}

function stoppedService(mocks: Mocks): void {
  mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [] });
  mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 0 }] });
}

/** The front door's records in SSM, as GetParameters returns them. */
function records(mocks: Mocks, values: { lastStart?: string; state?: string }): void {
  const parameters = [
    ...(values.lastStart ? [{ Name: PARAMETERS.lastStart, Value: values.lastStart }] : []),
    ...(values.state ? [{ Name: PARAMETERS.state, Value: values.state }] : []),
  ];
  mocks.ssm.on(GetParametersCommand).resolves({ Parameters: parameters });
}

const writes = (mocks: Mocks) => mocks.ssm.commandCalls(PutParameterCommand).map((c) => c.args[0].input);

beforeEach(() => {
  seen = [];
});

describe('front door, service stopped: a browser navigation wakes it', () => {
  it('sets the desired count to 1, records the start, logs one JSON-ready line, and answers a page that reloads itself', async () => {
    const { deps, mocks, logs } = setup();
    stoppedService(mocks);

    const res = await handleRequest(navigation('/pricing'), deps);

    expect(mocks.ecs.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: CLUSTER, service: SERVICE, desiredCount: 1 },
    ]);
    expect(writes(mocks)).toEqual([
      { Name: PARAMETERS.lastStart, Value: '{"at":"2026-11-29T12:00:00.000Z","by":"visitor"}', Overwrite: true },
    ]);
    expect(res.statusCode).toBe(503);
    expect(res.headers).toEqual({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '5' });
    expect(res.body).toContain('<meta http-equiv="refresh" content="5">');
    expect(res.body).toContain('<h1>Starting…</h1>');
    expect(logs).toEqual([{ message: 'wake', detail: { sourceIp: '203.0.113.7', userAgent: BROWSER, path: '/pricing' } }]);
  });

  it.each([
    ['HEAD', request('HEAD', '/', { headers: { 'user-agent': BROWSER, accept: 'text/html' } })],
    ['a fetch', request('GET', '/api', { headers: { 'user-agent': BROWSER, 'sec-fetch-mode': 'cors' } })],
    [
      '/favicon.ico',
      request('GET', '/favicon.ico', { headers: { 'user-agent': BROWSER, 'sec-fetch-mode': 'no-cors', accept: 'image/*' } }),
    ],
    [
      'an uptime monitor',
      request('GET', '/', {
        headers: { 'user-agent': 'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)', accept: 'text/html' },
      }),
    ],
  ])('does not wake it for %s: a short 503 with Retry-After, and nothing written', async (_, event) => {
    const { deps, mocks, logs } = setup();
    stoppedService(mocks);
    const res = await handleRequest(event, deps);
    expect(res).toEqual({
      statusCode: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '60' },
      body: 'Not running. A browser visit starts it.',
      isBase64Encoded: false,
    });
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(mocks.ssm.calls()).toHaveLength(0);
    expect(logs).toEqual([]);
  });

  it('with WakeOnAnyRequest, an API call wakes it', async () => {
    const { deps, mocks } = setup(8000, { wakeOn: 'any-request' });
    stoppedService(mocks);
    const res = await handleRequest(request('POST', '/api/items', { headers: { 'user-agent': 'python-requests/2.32' } }), deps);
    expect(res.body).toContain('Starting');
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(1);
  });

  it('asks ECS again only after 5 seconds (a burst of requests makes one set of calls per instance)', async () => {
    const { deps, mocks, advance } = setup();
    stoppedService(mocks);
    await handleRequest(request('GET', '/a'), deps);
    advance(4_000);
    await handleRequest(request('GET', '/b'), deps);
    expect(mocks.ecs.commandCalls(DescribeServicesCommand)).toHaveLength(1);
    advance(1_000);
    await handleRequest(request('GET', '/c'), deps);
    expect(mocks.ecs.commandCalls(DescribeServicesCommand)).toHaveLength(2);
  });

  it('does not wake an app stopped after failed starts until the owner starts it, and shows why', async () => {
    const { deps, mocks } = setup();
    stoppedService(mocks);
    records(mocks, {
      lastStart: '{"at":"2026-11-29T11:00:00.000Z","by":"visitor"}',
      state:
        '{"day":"2026-11-29","runMs":0,"checkedAt":"2026-11-29T11:30:00.000Z","stoppedAt":"2026-11-29T11:30:00.000Z","stopReason":"3 failed starts in a row (EssentialContainerExited)"}',
    });
    const res = await handleRequest(navigation(), deps);
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('<h1>Stopped</h1>');
    expect(res.body).toContain('The app was stopped: 3 failed starts in a row (EssentialContainerExited). Its owner starts it again.');
    expect(res.body).not.toContain('http-equiv="refresh"');
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('wakes it again once the owner started it after that stop', async () => {
    const { deps, mocks } = setup();
    stoppedService(mocks);
    records(mocks, {
      lastStart: '{"at":"2026-11-29T11:45:00.000Z","by":"owner"}',
      state:
        '{"day":"2026-11-29","runMs":0,"checkedAt":"2026-11-29T11:30:00.000Z","stoppedAt":"2026-11-29T11:30:00.000Z","stopReason":"3 failed starts in a row"}',
    });
    await handleRequest(navigation(), deps);
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(1);
  });

  it("does not wake it when today's run-hours budget is spent, and says when it can start again", async () => {
    const { deps, mocks } = setup(8000, { dailyRunHours: 2 });
    stoppedService(mocks);
    records(mocks, { state: '{"day":"2026-11-29","runMs":7200000,"checkedAt":"2026-11-29T11:55:00.000Z"}' });
    const res = await handleRequest(navigation(), deps);
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('The app has run its 2 hours for today. It can start again after 2026-11-30 00:00 UTC.');
    expect(res.headers['retry-after']).toBe(String(12 * 3600));
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it("wakes it on a new UTC day whatever yesterday's run time", async () => {
    const { deps, mocks } = setup(8000, { dailyRunHours: 2 });
    stoppedService(mocks);
    records(mocks, { state: '{"day":"2026-11-28","runMs":86400000,"checkedAt":"2026-11-28T23:55:00.000Z"}' });
    await handleRequest(navigation(), deps);
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(1);
  });
});

describe('front door, task starting', () => {
  it('answers with the starting page and does not start the service again', async () => {
    const { deps, mocks } = setup();
    mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [TASK_ARN] });
    mocks.ecs.on(DescribeTasksCommand).resolves({ tasks: [task('PROVISIONING', { createdAt: new Date(NOW - 30_000) })] });

    const res = await handleRequest(navigation(), deps);

    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('<meta http-equiv="refresh" content="5">');
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(mocks.ecs.commandCalls(DescribeServicesCommand)).toHaveLength(0);
  });

  it('stops reloading 3 minutes after the start and offers a link instead', async () => {
    const { deps, mocks } = setup();
    mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [TASK_ARN] });
    mocks.ecs.on(DescribeTasksCommand).resolves({ tasks: [task('PENDING', { createdAt: new Date(NOW - 3 * 60_000) })] });
    const res = await handleRequest(navigation(), deps);
    expect(res.body).toContain('<h1>Starting…</h1>');
    expect(res.body).not.toContain('http-equiv="refresh"');
    expect(res.body).toMatch(/<a href="" style="[^"]*">Check again<\/a>/);
  });

  it('dates a start ECS has not placed yet from the recorded start', async () => {
    const { deps, mocks } = setup();
    mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 1 }] });
    records(mocks, { lastStart: '{"at":"2026-11-29T11:50:00.000Z","by":"owner"}' });
    const res = await handleRequest(navigation(), deps);
    expect(res.body).toContain('Check again');
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('answers with the starting page when the task runs but the app does not listen yet', async () => {
    const { deps, mocks, logs } = setup(1); // nothing listens on port 1
    runningTask(mocks, { startedAt: new Date(NOW - 10_000) });
    const res = await handleRequest(navigation(), deps);
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('http-equiv="refresh"');
    expect(logs.map((l) => l.message)).toEqual(['task is running but the app does not accept connections']);
  });
});

describe('front door, task running', () => {
  it('proxies the request to the task and returns its answer, cookies and status, with the origin secret', async () => {
    const { deps, mocks } = setup(appPort);
    runningTask(mocks);

    const res = await handleRequest(
      request('POST', '/items?x=1&y=2', {
        body: Buffer.from('{"name":"a"}').toString('base64'),
        isBase64Encoded: true,
        cookies: ['session=abc', 'theme=dark'],
        headers: { host: 'app.example.com', 'content-type': 'application/json', connection: 'keep-alive', 'x-front-door-secret': 'forged' },
      }),
      deps,
    );

    expect(res.statusCode).toBe(201);
    expect(res.isBase64Encoded).toBe(true);
    expect(Buffer.from(res.body, 'base64').toString()).toBe('hello POST /items?x=1&y=2');
    expect(res.cookies).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers).not.toHaveProperty('set-cookie');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.body).toBe('{"name":"a"}');
    expect(seen[0]?.headers).toMatchObject({
      host: 'app.example.com',
      cookie: 'session=abc; theme=dark',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'app.example.com',
      'x-front-door-secret': SECRET,
      'content-length': '12',
    });
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('uses the address for 5 seconds, then confirms the task with one DescribeTasks call (no ListTasks, no EC2)', async () => {
    const { deps, mocks, advance } = setup(appPort);
    runningTask(mocks);
    await handleRequest(request('GET', '/a'), deps);
    advance(4_999);
    await handleRequest(request('GET', '/b'), deps);
    expect(mocks.ecs.calls()).toHaveLength(2); // ListTasks + DescribeTasks of the first lookup
    advance(1);
    await handleRequest(request('GET', '/c'), deps);
    expect(mocks.ecs.commandCalls(ListTasksCommand)).toHaveLength(1);
    expect(mocks.ecs.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: CLUSTER, tasks: [TASK_ARN] },
      { cluster: CLUSTER, tasks: [TASK_ARN] },
    ]);
    expect(mocks.ec2.commandCalls(DescribeNetworkInterfacesCommand)).toHaveLength(1);
    expect(seen.map((s) => s.url)).toEqual(['/a', '/b', '/c']);
  });

  it('never sends a request to a cached address whose task has stopped', async () => {
    const { deps, mocks, advance } = setup(appPort);
    runningTask(mocks);
    await handleRequest(navigation('/a'), deps);
    advance(5_000);
    mocks.ecs.on(DescribeTasksCommand).resolves({ tasks: [task('STOPPED', { desiredStatus: 'STOPPED' })] });
    mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 1 }] });
    const res = await handleRequest(navigation('/b'), deps);
    expect(res.body).toContain('Starting');
    expect(seen.map((s) => s.url)).toEqual(['/a']);
  });

  it('a slow POST reaches the app once, also when the cached address is confirmed first (issue: it reached it twice)', async () => {
    const { deps, mocks, advance } = setup(appPort);
    runningTask(mocks);
    await handleRequest(request('GET', '/warm'), deps);
    advance(6_000);
    const res = await handleRequest(request('POST', '/slow', { body: 'pay=1' }), deps);
    expect(res.statusCode).toBe(201);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /warm', 'POST /slow']);
  }, 10_000);

  it('counts an answered navigation as activity, at most once a minute per function instance', async () => {
    const { deps, mocks, advance } = setup(appPort);
    runningTask(mocks);
    await handleRequest(navigation(), deps);
    advance(59_000);
    await handleRequest(navigation(), deps);
    advance(1_000);
    await handleRequest(navigation(), deps);
    expect(writes(mocks).map((w) => [w.Name, w.Value])).toEqual([
      [PARAMETERS.lastRequest, '2026-11-29T12:00:00.000Z'],
      [PARAMETERS.lastRequest, '2026-11-29T12:01:00.000Z'],
    ]);
  });

  it('proxies requests that may not wake the app, but never counts them: a monitor does not keep it awake', async () => {
    const { deps, mocks } = setup(appPort);
    runningTask(mocks);
    const monitor = request('GET', '/', { headers: { 'user-agent': 'Mozilla/5.0+(compatible; UptimeRobot/2.0)', accept: 'text/html' } });
    const res = await handleRequest(monitor, deps);
    await handleRequest(request('HEAD', '/'), deps);
    expect(res.statusCode).toBe(201);
    expect(seen).toHaveLength(2);
    expect(mocks.ssm.calls()).toHaveLength(0);
  });

  it('does not count a request the app did not answer', async () => {
    const { deps, mocks } = setup(1);
    runningTask(mocks);
    await handleRequest(navigation(), deps);
    expect(mocks.ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
  });

  it('still serves the request when the request time cannot be written', async () => {
    const { deps, mocks, logs } = setup(appPort);
    runningTask(mocks);
    mocks.ssm.on(PutParameterCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const res = await handleRequest(navigation(), deps);
    expect(res.statusCode).toBe(201);
    expect(logs).toEqual([
      { message: 'could not record the request time for the idle stop', detail: { error: 'AccessDeniedException: denied' } },
    ]);
  });
});

describe('front door, AWS throttling', () => {
  it('answers 503 with a page that does not reload by itself, and starts nothing', async () => {
    const { deps, mocks, logs } = setup();
    mocks.ecs.on(ListTasksCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    const res = await handleRequest(navigation(), deps);

    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.body).toContain('<h1>Busy</h1>');
    expect(res.body).not.toContain('http-equiv="refresh"');
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(logs).toEqual([{ message: 'AWS throttled the front door', detail: { error: 'ThrottlingException: Rate exceeded' } }]);
  });

  it('answers the busy page when the start itself is throttled', async () => {
    const { deps, mocks } = setup();
    stoppedService(mocks);
    mocks.ecs.on(UpdateServiceCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const res = await handleRequest(navigation(), deps);
    expect(res.body).toContain('<h1>Busy</h1>');
  });
});

describe('front door, a task that fails to start', () => {
  function failed(mocks: Mocks, stoppedAgoMs: number): void {
    mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [] });
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 1 }] });
    mocks.ecs.on(ListTasksCommand, { desiredStatus: 'STOPPED' }).resolves({ taskArns: [TASK_ARN] });
    mocks.ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        task('STOPPED', {
          desiredStatus: 'STOPPED',
          stopCode: 'TaskFailedToStart',
          stoppedAt: new Date(NOW - stoppedAgoMs),
          stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)',
        }),
      ],
    });
  }

  it('says the start failed, with the stop code but not the reason, and does not start again', async () => {
    const { deps, mocks } = setup();
    failed(mocks, 60_000);
    const res = await handleRequest(navigation(), deps);
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.body).toContain('<h1>Could not start</h1>');
    expect(res.body).toContain('(TaskFailedToStart)');
    expect(res.body).toContain('http-equiv="refresh"');
    expect(res.body).not.toContain('CannotPullContainerError');
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('stops reloading 3 minutes after the failure', async () => {
    const { deps, mocks } = setup();
    failed(mocks, 4 * 60_000);
    const res = await handleRequest(navigation(), deps);
    expect(res.body).not.toContain('http-equiv="refresh"');
    expect(res.body).toContain('Check again');
  });

  it('treats a failure older than ten minutes as past: the service is starting again', async () => {
    const { deps, mocks } = setup();
    failed(mocks, 11 * 60_000);
    const res = await handleRequest(navigation(), deps);
    expect(res.body).toContain('Starting');
  });
});

describe('front door, the 25-second deadline', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a 504 page at 25 seconds even when an AWS call hangs', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const { deps, mocks } = setup();
    mocks.ecs.on(ListTasksCommand).callsFake(() => new Promise(() => undefined));
    const answer = handleRequest(navigation(), deps);
    await jest.advanceTimersByTimeAsync(25_500);
    const res = await answer;
    expect(res.statusCode).toBe(504);
    expect(res.body).toContain('The app did not answer within 25 seconds.');
  });
});

describe('front door, errors the owner must fix', () => {
  it('answers 502 and logs what to do when the service is gone', async () => {
    const { deps, mocks, logs } = setup();
    mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [], failures: [{ reason: 'MISSING' }] });
    const res = await handleRequest(navigation(), deps);
    expect(res.statusCode).toBe(502);
    expect(logs).toEqual([
      {
        message: 'front door error',
        detail: { error: 'ServiceMissingError: ECS service portfolio is not active in cluster portfolio: deploy the stack again' },
      },
    ]);
  });
});
