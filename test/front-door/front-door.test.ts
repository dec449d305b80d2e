import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeNetworkInterfacesCommand } from '@aws-sdk/client-ec2';
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { ActivityRecorder } from '../../src/front-door/activity';
import { handleRequest, type FrontDoorDeps } from '../../src/front-door/front-door';
import { RunningTaskCache } from '../../src/front-door/running-task-cache';
import { CLUSTER, ENI, NOW, PARAMETER, SERVICE, TASK_ARN, clients, config, request, task } from './helpers';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** The app's task: answers every request with what it saw, and sets two cookies. */
let app: Server;
let appPort: number;
let seen: Seen[] = [];

beforeAll(async () => {
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
      res.setHeader('content-type', 'text/plain');
      res.writeHead(201);
      res.end(`hello ${req.method} ${req.url}`);
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appPort = (app.address() as AddressInfo).port;
});
afterAll(async () => new Promise<void>((resolve) => app.close(() => resolve())));

function setup(port = 8000) {
  const c = clients();
  const mocks = { ecs: mockClient(c.ecs), ec2: mockClient(c.ec2), ssm: mockClient(c.ssm) };
  mocks.ssm.on(PutParameterCommand).resolves({ Version: 2 });
  const logs: { message: string; detail?: Record<string, unknown> }[] = [];
  let now = NOW;
  const deps: FrontDoorDeps = {
    clients: { ecs: c.ecs, ec2: c.ec2 },
    config: config(port),
    activity: new ActivityRecorder(c.ssm, PARAMETER),
    cache: new RunningTaskCache(),
    now: () => now,
    log: (message, detail) => logs.push(detail ? { message, detail } : { message }),
  };
  return { deps, mocks, logs, advance: (ms: number) => (now += ms) };
}

/** ECS and EC2 describe one running task whose public IP is this machine. */
function runningTask(mocks: ReturnType<typeof setup>['mocks']): void {
  mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [TASK_ARN] });
  mocks.ecs.on(DescribeTasksCommand).resolves({ tasks: [task('RUNNING')] });
  mocks.ec2.on(DescribeNetworkInterfacesCommand).resolves({
    NetworkInterfaces: [{ NetworkInterfaceId: ENI, Association: { PublicIp: '127.0.0.1' } }],
  });
}

beforeEach(() => {
  seen = [];
});

describe('front door, service stopped', () => {
  it('sets the desired count to 1 and answers at once with a page that reloads itself', async () => {
    const { deps, mocks, logs } = setup();
    mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [] });
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 0 }] });
    mocks.ecs.on(UpdateServiceCommand).resolves({});

    const res = await handleRequest(request('GET', '/'), deps);

    expect(mocks.ecs.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: CLUSTER, service: SERVICE, desiredCount: 1 },
    ]);
    expect(res.statusCode).toBe(503);
    expect(res.headers).toEqual({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '5' });
    expect(res.body).toContain('<meta http-equiv="refresh" content="5">');
    expect(res.body).toContain('<h1>Starting…</h1>');
    expect(logs).toEqual([{ message: 'started the service (desired count 1) for a request' }]);
  });

  it('records the request time for the idle stop', async () => {
    const { deps, mocks } = setup();
    mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 0 }] });
    await handleRequest(request('GET', '/'), deps);
    expect(mocks.ssm.commandCalls(PutParameterCommand).map((c) => c.args[0].input)).toEqual([
      { Name: PARAMETER, Value: '2026-11-29T12:00:00.000Z', Overwrite: true },
    ]);
  });
});

describe('front door, task starting', () => {
  it('answers with the starting page and does not start the service again', async () => {
    const { deps, mocks } = setup();
    mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [TASK_ARN] });
    mocks.ecs.on(DescribeTasksCommand).resolves({ tasks: [task('PROVISIONING')] });

    const res = await handleRequest(request('GET', '/'), deps);

    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('Starting');
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(mocks.ecs.commandCalls(DescribeServicesCommand)).toHaveLength(0);
  });

  it('answers with the starting page while the desired count is 1 and no task exists yet', async () => {
    const { deps, mocks } = setup();
    mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 1 }] });
    const res = await handleRequest(request('GET', '/'), deps);
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('Starting');
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('answers with the starting page when the task runs but the app does not listen yet', async () => {
    const { deps, mocks, logs } = setup(1); // nothing listens on port 1
    runningTask(mocks);
    const res = await handleRequest(request('GET', '/'), deps);
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('Starting');
    expect(logs.map((l) => l.message)).toEqual(['task is running but the app does not accept connections yet']);
  });
});

describe('front door, task running', () => {
  it('proxies the request to the task and returns its answer, cookies and status', async () => {
    const { deps, mocks } = setup(appPort);
    runningTask(mocks);

    const res = await handleRequest(
      request('POST', '/items?x=1&y=2', {
        body: Buffer.from('{"name":"a"}').toString('base64'),
        isBase64Encoded: true,
        cookies: ['session=abc', 'theme=dark'],
        headers: { host: 'app.example.com', 'content-type': 'application/json', connection: 'keep-alive' },
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
      'content-length': '12',
    });
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('reuses the task address for 30 seconds without calling ECS or EC2 again', async () => {
    const { deps, mocks, advance } = setup(appPort);
    runningTask(mocks);
    await handleRequest(request('GET', '/a'), deps);
    advance(29_000);
    await handleRequest(request('GET', '/b'), deps);
    expect(mocks.ecs.commandCalls(ListTasksCommand)).toHaveLength(1);
    expect(mocks.ec2.commandCalls(DescribeNetworkInterfacesCommand)).toHaveLength(1);
    advance(2_000);
    await handleRequest(request('GET', '/c'), deps);
    expect(mocks.ecs.commandCalls(ListTasksCommand)).toHaveLength(2);
    expect(seen.map((s) => s.url)).toEqual(['/a', '/b', '/c']);
  });

  it('writes the request time at most once a minute per function instance', async () => {
    const { deps, mocks, advance } = setup(appPort);
    runningTask(mocks);
    await handleRequest(request('GET', '/'), deps);
    advance(59_000);
    await handleRequest(request('GET', '/'), deps);
    advance(1_000);
    await handleRequest(request('GET', '/'), deps);
    expect(mocks.ssm.commandCalls(PutParameterCommand).map((c) => c.args[0].input.Value)).toEqual([
      '2026-11-29T12:00:00.000Z',
      '2026-11-29T12:01:00.000Z',
    ]);
  });

  it('still serves the request when the request time cannot be written', async () => {
    const { deps, mocks, logs } = setup(appPort);
    runningTask(mocks);
    mocks.ssm.on(PutParameterCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const res = await handleRequest(request('GET', '/'), deps);
    expect(res.statusCode).toBe(201);
    expect(logs).toEqual([
      { message: 'could not record the request time for the idle stop', detail: { error: 'AccessDeniedException: denied' } },
    ]);
  });
});

describe('front door, AWS throttling', () => {
  it('answers 503 with a page that retries, and starts nothing', async () => {
    const { deps, mocks, logs } = setup();
    mocks.ecs.on(ListTasksCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    const res = await handleRequest(request('GET', '/'), deps);

    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toContain('<h1>Busy</h1>');
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(logs).toEqual([{ message: 'AWS throttled the front door', detail: { error: 'ThrottlingException: Rate exceeded' } }]);
  });

  it('answers the busy page when the start itself is throttled', async () => {
    const { deps, mocks } = setup();
    mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 0 }] });
    mocks.ecs.on(UpdateServiceCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const res = await handleRequest(request('GET', '/'), deps);
    expect(res.body).toContain('<h1>Busy</h1>');
  });
});

describe('front door, a task that fails to start', () => {
  it('says the start failed, with the stop code, logs the reason, and does not start again', async () => {
    const { deps, mocks, logs } = setup();
    mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [] });
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 1 }] });
    mocks.ecs.on(ListTasksCommand, { desiredStatus: 'STOPPED' }).resolves({ taskArns: [TASK_ARN] });
    mocks.ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        task('STOPPED', {
          desiredStatus: 'STOPPED',
          stopCode: 'TaskFailedToStart',
          stoppedAt: new Date(NOW - 60_000),
          stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)',
        }),
      ],
    });

    const res = await handleRequest(request('GET', '/'), deps);

    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.body).toContain('<h1>Could not start</h1>');
    expect(res.body).toContain('(TaskFailedToStart)');
    expect(res.body).not.toContain('CannotPullContainerError');
    expect(logs).toEqual([
      {
        message: 'the last start of the app failed',
        detail: { stopCode: 'TaskFailedToStart', reason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)' },
      },
    ]);
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('treats a failure older than ten minutes as past: the service is starting again', async () => {
    const { deps, mocks } = setup();
    mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [] });
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 1 }] });
    mocks.ecs.on(ListTasksCommand, { desiredStatus: 'STOPPED' }).resolves({ taskArns: [TASK_ARN] });
    mocks.ecs.on(DescribeTasksCommand).resolves({
      tasks: [task('STOPPED', { stopCode: 'TaskFailedToStart', stoppedAt: new Date(NOW - 11 * 60_000) })],
    });
    const res = await handleRequest(request('GET', '/'), deps);
    expect(res.body).toContain('Starting');
  });
});

describe('front door, errors the owner must fix', () => {
  it('answers 502 and logs what to do when the service is gone', async () => {
    const { deps, mocks, logs } = setup();
    mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [], failures: [{ reason: 'MISSING' }] });
    const res = await handleRequest(request('GET', '/'), deps);
    expect(res.statusCode).toBe(502);
    expect(logs).toEqual([
      {
        message: 'front door error',
        detail: { error: 'ServiceMissingError: ECS service portfolio is not active in cluster portfolio: deploy the stack again' },
      },
    ]);
  });
});
