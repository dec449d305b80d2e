import { DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { checkIdle } from '../../src/front-door/idle-stop';
import { CLUSTER, NOW, PARAMETER, SERVICE, TASK_ARN, clients, config, task } from './helpers';

const MINUTE = 60_000;

function setup(idleMinutes = 30) {
  const c = clients();
  const mocks = { ecs: mockClient(c.ecs), ssm: mockClient(c.ssm) };
  mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 1 }] });
  mocks.ecs.on(UpdateServiceCommand).resolves({});
  const run = () => checkIdle({ clients: c, config: config(8000, idleMinutes), now: () => NOW });
  return { mocks, run };
}

function lastRequest(mocks: ReturnType<typeof setup>['mocks'], minutesAgo: number): void {
  mocks.ssm.on(GetParameterCommand, { Name: PARAMETER }).resolves({ Parameter: { Value: new Date(NOW - minutesAgo * MINUTE).toISOString() } });
}

function taskStarted(mocks: ReturnType<typeof setup>['mocks'], minutesAgo: number): void {
  mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [TASK_ARN] });
  mocks.ecs.on(DescribeTasksCommand).resolves({ tasks: [task('RUNNING', { createdAt: new Date(NOW - minutesAgo * MINUTE) })] });
}

describe('idle check', () => {
  it('stops the service after IdleMinutes without requests', async () => {
    const { mocks, run } = setup();
    lastRequest(mocks, 31);
    taskStarted(mocks, 120);
    expect(await run()).toEqual({ stopped: true, reason: 'no request for 30 minutes' });
    expect(mocks.ecs.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: CLUSTER, service: SERVICE, desiredCount: 0 },
    ]);
  });

  it('keeps the service while the last request is recent', async () => {
    const { mocks, run } = setup();
    lastRequest(mocks, 29);
    taskStarted(mocks, 120);
    expect(await run()).toEqual({ stopped: false, reason: 'last request at 2026-11-29T11:31:00.000Z' });
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('gives a manual start (no requests at all) its full idle window', async () => {
    const { mocks, run } = setup();
    mocks.ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '1970-01-01T00:00:00.000Z' } });
    taskStarted(mocks, 10);
    expect(await run()).toEqual({ stopped: false, reason: 'task started at 2026-11-29T11:50:00.000Z' });
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('stops a manual start once its window has passed without requests', async () => {
    const { mocks, run } = setup();
    mocks.ssm.on(GetParameterCommand).rejects(Object.assign(new Error('not found'), { name: 'ParameterNotFound' }));
    taskStarted(mocks, 45);
    expect(await run()).toEqual({ stopped: true, reason: 'no request for 30 minutes' });
  });

  it('does nothing to a stopped service', async () => {
    const { mocks, run } = setup();
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 0 }] });
    expect(await run()).toEqual({ stopped: false, reason: 'already stopped' });
    expect(mocks.ssm.commandCalls(GetParameterCommand)).toHaveLength(0);
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('never stops anything with IdleMinutes 0, and calls nothing', async () => {
    const { mocks, run } = setup(0);
    expect(await run()).toEqual({ stopped: false, reason: 'IdleMinutes is 0' });
    expect(mocks.ecs.calls()).toHaveLength(0);
  });

  it('lets an AWS error through, so the schedule records a failed run', async () => {
    const { mocks, run } = setup();
    mocks.ecs.on(DescribeServicesCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(run()).rejects.toThrow('Rate exceeded');
  });
});
