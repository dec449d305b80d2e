import { DescribeNetworkInterfacesCommand } from '@aws-sdk/client-ec2';
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type Task,
  type TaskStopCode,
} from '@aws-sdk/client-ecs';
import { GetParametersCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import type { FrontDoorConfig } from '../../src/front-door/config';
import { NOT_LISTENING_REASON } from '../../src/front-door/failed-starts';
import { checkIdle } from '../../src/front-door/idle-stop';
import { CLUSTER, ENI, NOW, PARAMETERS, SERVICE, TASK_ARN, asAwsClients, clients, config, task } from './helpers';

const MINUTE = 60_000;
const ago = (minutes: number): Date => new Date(NOW - minutes * MINUTE);
const iso = (minutes: number): string => ago(minutes).toISOString();

function setup(over: Partial<FrontDoorConfig> = {}, listens = true) {
  const c = clients();
  const mocks = { ecs: mockClient(c.ecs), ec2: mockClient(c.ec2), ssm: mockClient(c.ssm) };
  mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 1 }] });
  mocks.ecs.on(UpdateServiceCommand).resolves({});
  mocks.ecs.on(StopTaskCommand).resolves({});
  mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
  mocks.ssm.on(PutParameterCommand).resolves({ Version: 2 });
  mocks.ssm.on(GetParametersCommand).resolves({ Parameters: [] });
  mocks.ec2
    .on(DescribeNetworkInterfacesCommand)
    .resolves({ NetworkInterfaces: [{ NetworkInterfaceId: ENI, Association: { PublicIp: '198.51.100.9' } }] });
  const probed: string[] = [];
  const run = () =>
    checkIdle({
      clients: asAwsClients(c),
      config: config(8000, 30, over),
      now: () => NOW,
      probe: async (host, port) => {
        probed.push(`${host}:${port}`);
        return listens;
      },
    });
  return { mocks, run, probed };
}
type Mocks = ReturnType<typeof setup>['mocks'];

function records(mocks: Mocks, r: { lastRequest?: string; lastStart?: string; state?: string }): void {
  mocks.ssm.on(GetParametersCommand).resolves({
    Parameters: [
      ...(r.lastRequest ? [{ Name: PARAMETERS.lastRequest, Value: r.lastRequest }] : []),
      ...(r.lastStart ? [{ Name: PARAMETERS.lastStart, Value: r.lastStart }] : []),
      ...(r.state ? [{ Name: PARAMETERS.state, Value: r.state }] : []),
    ],
  });
}

function tasks(mocks: Mocks, running: Task[], stopped: Task[] = []): void {
  mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: running.map((t) => t.taskArn ?? '') });
  mocks.ecs.on(ListTasksCommand, { desiredStatus: 'STOPPED' }).resolves({ taskArns: stopped.map((t) => t.taskArn ?? '') });
  mocks.ecs.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
    tasks: [...running, ...stopped].filter((t) => input.tasks.includes(t.taskArn ?? '')),
  }));
}

const runningFor = (minutes: number): Task => task('RUNNING', { createdAt: ago(minutes + 1), startedAt: ago(minutes) });
const crashed = (n: number, minutesAgo: number, stopCode: TaskStopCode = 'EssentialContainerExited'): Task =>
  task('STOPPED', {
    taskArn: `${TASK_ARN}-${n}`,
    desiredStatus: 'STOPPED',
    stopCode,
    startedAt: ago(minutesAgo + 0.5),
    stoppedAt: ago(minutesAgo),
  });
const desiredCounts = (mocks: Mocks) => mocks.ecs.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input.desiredCount);
const stateWritten = (mocks: Mocks) =>
  JSON.parse(
    mocks.ssm.commandCalls(PutParameterCommand).find((c) => c.args[0].input.Name === PARAMETERS.state)?.args[0].input.Value ?? '{}',
  ) as Record<string, unknown>;

describe('idle check: idle stop', () => {
  it('stops the service after IdleMinutes without a counted request or a start', async () => {
    const { mocks, run } = setup();
    records(mocks, { lastRequest: iso(31), lastStart: `{"at":"${iso(120)}","by":"visitor"}` });
    tasks(mocks, [runningFor(120)]);
    expect(await run()).toEqual({ stopped: true, reason: 'no request or start for 30 minutes' });
    expect(mocks.ecs.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: CLUSTER, service: SERVICE, desiredCount: 0 },
    ]);
  });

  it('keeps the service while the last counted request is recent', async () => {
    const { mocks, run } = setup();
    records(mocks, { lastRequest: iso(29) });
    tasks(mocks, [runningFor(120)]);
    expect(await run()).toEqual({ stopped: false, reason: 'last request or start at 2026-11-29T11:31:00.000Z' });
    expect(desiredCounts(mocks)).toEqual([]);
  });

  it("gives the owner's start (or deploy) its full window without any request", async () => {
    const { mocks, run } = setup();
    records(mocks, { lastStart: `{"at":"${iso(10)}","by":"owner"}` });
    tasks(mocks, [runningFor(9)]);
    expect(await run()).toEqual({ stopped: false, reason: 'last request or start at 2026-11-29T11:50:00.000Z' });
  });

  it('counts from the last request or start, never from the age of the newest task (a crash-replaced task does not keep it up)', async () => {
    const { mocks, run } = setup();
    records(mocks, { lastRequest: iso(45), lastStart: `{"at":"${iso(50)}","by":"visitor"}` });
    tasks(mocks, [runningFor(6)]);
    expect(await run()).toMatchObject({ stopped: true });
  });

  it('does nothing to a stopped service', async () => {
    const { mocks, run } = setup();
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 0 }] });
    expect(await run()).toEqual({ stopped: false, reason: 'already stopped' });
    expect(mocks.ssm.calls()).toHaveLength(0);
    expect(desiredCounts(mocks)).toEqual([]);
  });

  it('never stops an idle app with IdleMinutes 0', async () => {
    const { mocks, run } = setup({ idleMinutes: 0 });
    tasks(mocks, [runningFor(600)]);
    records(mocks, { lastRequest: iso(500) });
    expect(await run()).toEqual({ stopped: false, reason: 'IdleMinutes is 0' });
  });

  it('lets an AWS error through, so the schedule records a failed run', async () => {
    const { mocks, run } = setup();
    mocks.ecs.on(DescribeServicesCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(run()).rejects.toThrow('Rate exceeded');
  });
});

describe('idle check: crash loops', () => {
  it('stops the service after 3 failed starts in a row since the last start, and records the reason for the page', async () => {
    const { mocks, run } = setup({}, false);
    records(mocks, { lastRequest: iso(1), lastStart: `{"at":"${iso(20)}","by":"visitor"}` });
    tasks(mocks, [], [crashed(1, 2), crashed(2, 6), crashed(3, 12)]);
    expect(await run()).toEqual({ stopped: true, reason: '3 failed starts in a row (EssentialContainerExited)' });
    expect(desiredCounts(mocks)).toEqual([0]);
    expect(stateWritten(mocks)).toMatchObject({ stoppedAt: NOW_ISO, stopReason: '3 failed starts in a row (EssentialContainerExited)' });
  });

  it('does not count failures before the last start (the owner start resets the count)', async () => {
    const { mocks, run } = setup({}, false);
    records(mocks, { lastRequest: iso(1), lastStart: `{"at":"${iso(5)}","by":"owner"}` });
    tasks(mocks, [], [crashed(1, 2), crashed(2, 6), crashed(3, 12)]);
    expect(await run()).toMatchObject({ stopped: false });
  });

  it('does not count a task that ran well before it stopped, nor stop while a task accepts connections', async () => {
    const { mocks, run } = setup({}, true);
    records(mocks, { lastRequest: iso(1) });
    const served = task('STOPPED', {
      taskArn: `${TASK_ARN}-9`,
      stopCode: 'EssentialContainerExited',
      startedAt: ago(300),
      stoppedAt: ago(3),
    });
    tasks(mocks, [], [crashed(1, 1), crashed(2, 2), served]);
    expect(await run()).toMatchObject({ stopped: false });
    tasks(mocks, [runningFor(1)], [crashed(1, 2), crashed(2, 3), crashed(3, 4)]);
    expect(await run()).toMatchObject({ stopped: false });
  });

  it('stops a task whose app never accepted a connection within 5 minutes, as a failed start, and counts it', async () => {
    const { mocks, run, probed } = setup({}, false);
    records(mocks, { lastRequest: iso(60), lastStart: `{"at":"${iso(7)}","by":"visitor"}` });
    tasks(mocks, [runningFor(6)]);
    expect(await run()).toEqual({ stopped: false, reason: `stopped task ${TASK_ARN}: ${NOT_LISTENING_REASON}` });
    expect(probed).toEqual(['198.51.100.9:8000']);
    expect(mocks.ecs.commandCalls(StopTaskCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: CLUSTER, task: TASK_ARN, reason: NOT_LISTENING_REASON },
    ]);

    const notListening = (n: number, minutesAgo: number): Task => ({
      ...crashed(n, minutesAgo, 'UserInitiated'),
      stoppedReason: NOT_LISTENING_REASON,
    });
    records(mocks, { lastRequest: iso(60), lastStart: `{"at":"${iso(25)}","by":"visitor"}` });
    tasks(mocks, [runningFor(1)], [notListening(1, 1), notListening(2, 7), notListening(3, 13)]);
    expect(await run()).toEqual({ stopped: true, reason: '3 failed starts in a row (NotListening)' });
  });

  it('leaves alone a task that listens, or that the app answered from', async () => {
    const { mocks, run } = setup({}, true);
    records(mocks, { lastRequest: iso(1) });
    tasks(mocks, [runningFor(6)]);
    await run();
    expect(mocks.ecs.commandCalls(StopTaskCommand)).toHaveLength(0);
  });
});

describe('idle check: daily run-hours budget', () => {
  const spent = (hours: number) => `{"day":"2026-11-29","runMs":${hours * 3_600_000},"checkedAt":"${iso(5)}"}`;

  it('stops a run visitors started once it has used the budget today', async () => {
    const { mocks, run } = setup({ dailyRunHours: 2 });
    records(mocks, { lastRequest: iso(1), lastStart: `{"at":"${iso(200)}","by":"visitor"}`, state: spent(1.95) });
    tasks(mocks, [runningFor(200)]);
    expect(await run()).toEqual({ stopped: true, reason: 'ran 2 hours today (DailyRunHours)' });
    expect(stateWritten(mocks)).toMatchObject({ day: '2026-11-29', runMs: 1.95 * 3_600_000 + 5 * MINUTE });
  });

  it("does not stop a run the owner started (the owner's start is allowed past the budget)", async () => {
    const { mocks, run } = setup({ dailyRunHours: 2 });
    records(mocks, { lastRequest: iso(1), lastStart: `{"at":"${iso(200)}","by":"owner"}`, state: spent(3) });
    tasks(mocks, [runningFor(200)]);
    expect(await run()).toMatchObject({ stopped: false });
  });

  it('measures run time between checks, at most 6 minutes per gap', async () => {
    const { mocks, run } = setup();
    records(mocks, { lastRequest: iso(1), state: `{"day":"2026-11-29","runMs":60000,"checkedAt":"${iso(60)}"}` });
    tasks(mocks, [runningFor(60)]);
    await run();
    expect(stateWritten(mocks)).toEqual({ day: '2026-11-29', runMs: 60_000 + 6 * MINUTE, checkedAt: NOW_ISO });
  });
});

const NOW_ISO = new Date(NOW).toISOString();
