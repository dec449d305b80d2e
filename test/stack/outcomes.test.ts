/**
 * Faults at the SDK boundary (the real client and commands, answered by the simulated
 * CloudFormation of fake-cloud.ts): answers lost after a mutating call took effect, throttling on
 * every call, the deadline, and an endpoint that reports success with nothing created. Each test
 * names the exit code and the state CloudFormation is left in.
 */
import { CreateChangeSetCommand, DescribeChangeSetCommand, ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { deploy, type DeployOptions, EXIT } from '../../src/stack/deploy';
import { bodySizedTemplate } from './body-sized-template';
import { WaitDeadlineError } from '../../src/errors';
import { fakeCloud, type Scenario, type ScriptedEvent, STACK_ID, throttling } from './fake-cloud';

const template = bodySizedTemplate();
const options = (o: Partial<DeployOptions> = {}): DeployOptions => ({
  stackName: 'web',
  template,
  parameters: { GitHubOrg: 'acme', GitHubRepo: 'web' },
  tags: [],
  yes: true,
  ...o,
});

const CREATE: ScriptedEvent[] = [
  { at: 500, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'CREATE_IN_PROGRESS', reason: 'User Initiated' },
  { at: 1500, id: 'LogGroup', type: 'AWS::Logs::LogGroup', status: 'CREATE_IN_PROGRESS' },
  { at: 4000, id: 'LogGroup', type: 'AWS::Logs::LogGroup', status: 'CREATE_COMPLETE' },
  { at: 9000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'CREATE_COMPLETE' },
];
const scenario = (extra: Partial<Scenario> = {}): Scenario => ({
  changes: [{ Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'LogGroup', ResourceType: 'AWS::Logs::LogGroup' } }],
  execution: CREATE,
  ...extra,
});

describe('a lost answer is resolved by reading the state, never assumed', () => {
  it('ExecuteChangeSet took effect and its answer was lost: reads ExecutionStatus, follows, CREATE_COMPLETE (exit 0)', async () => {
    const f = fakeCloud(scenario());
    f.loseAnswer('ExecuteChangeSet');
    expect(await deploy(options(), f.deps)).toBe(EXIT.ok);
    expect(f.mock.commandCalls(ExecuteChangeSetCommand)).toHaveLength(1); // never executed twice
    expect(f.lines).toContain('ExecuteChangeSet: ECONNRESET: socket hang up. Reading the change set to see whether it ran ...');
    expect(f.lines).toContain('It ran (ExecutionStatus EXECUTE_IN_PROGRESS).');
    expect(f.lines).toContain('Stack web: CREATE_COMPLETE in 9s.');
  });

  it('a retried ExecuteChangeSet that gets InvalidChangeSetStatus ... EXECUTE_IN_PROGRESS follows the stack (exit 0)', async () => {
    // What the SDK's own retry used to produce: the first call ran, the second is refused.
    const f = fakeCloud(scenario());
    f.loseAnswer('ExecuteChangeSet');
    const send = f.deps.cfn.send.bind(f.deps.cfn);
    let executes = 0;
    // Retry the lost call once at once, as the SDK did, before our code sees the loss.
    f.deps.cfn.send = (async (command: unknown, opts?: unknown) => {
      if (command instanceof ExecuteChangeSetCommand && executes++ === 0) {
        await (send as (c: unknown, o?: unknown) => Promise<unknown>)(command, opts).catch(() => undefined);
      }
      return (send as (c: unknown, o?: unknown) => Promise<unknown>)(command, opts);
    }) as typeof f.deps.cfn.send;
    expect(await deploy(options(), f.deps)).toBe(EXIT.ok);
    expect(f.lines.some((l) => /^ExecuteChangeSet: InvalidChangeSetStatusException: .*EXECUTE_IN_PROGRESS/.test(l))).toBe(true);
    expect(f.lines).toContain('Stack web: CREATE_COMPLETE in 9s.');
  });

  it('ExecuteChangeSet lost before it took effect: the change set is still AVAILABLE, so it is executed again (exit 0)', async () => {
    const f = fakeCloud(scenario());
    f.failNext('ExecuteChangeSet', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(await deploy(options(), f.deps)).toBe(EXIT.ok);
    expect(f.mock.commandCalls(ExecuteChangeSetCommand)).toHaveLength(2);
    const tokens = f.mock.commandCalls(ExecuteChangeSetCommand).map((c) => c.args[0].input.ClientRequestToken);
    expect(tokens[0]).toBe(tokens[1]); // the repeat carries the same idempotency token
    expect(f.lines).toContain('It did not run (ExecutionStatus AVAILABLE): executing it again.');
  });

  it('CreateChangeSet took effect and its answer was lost: finds the change set by name and goes on (exit 0)', async () => {
    const f = fakeCloud(scenario());
    f.loseAnswer('CreateChangeSet');
    expect(await deploy(options(), f.deps)).toBe(EXIT.ok);
    expect(f.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(1);
    expect(f.lines).toContain('CreateChangeSet: ECONNRESET: socket hang up. Looking for change set web-20261127T100000Z ...');
    expect(f.lines).toContain('It was created.');
  });

  it('CreateChangeSet lost before it took effect: not found, so created again with the same ClientToken (exit 0)', async () => {
    const f = fakeCloud(scenario());
    f.failNext('CreateChangeSet', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(await deploy(options(), f.deps)).toBe(EXIT.ok);
    const calls = f.mock.commandCalls(CreateChangeSetCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input.ClientToken).toBe(calls[1]?.args[0].input.ClientToken);
    expect(f.lines).toContain('It was not created: creating it again.');
  });
});

describe('throttling on every call is retried with backoff, one line each', () => {
  it.each([
    'ValidateTemplate',
    'DescribeStacks',
    'CreateChangeSet',
    'DescribeChangeSet',
    'ExecuteChangeSet',
    'DescribeStackEvents',
    'ListStackResources',
  ])('%s throttled 5 times in a row: the deploy still reaches CREATE_COMPLETE (exit 0)', async (command) => {
    const f = fakeCloud(scenario());
    f.failNext(command, throttling(), 5);
    expect(await deploy(options(), f.deps)).toBe(EXIT.ok);
    expect(f.lines.filter((l) => l.startsWith('(') && l.includes(`(${command})`) && l.includes('throttled'))).toHaveLength(5);
    expect(f.lines.at(-1)).toBe('The stack has no outputs.');
  });

  it('ExecuteChangeSet throttled until the deadline (once a change set exists, calls retry until --timeout): exit 5, the stack left in REVIEW_IN_PROGRESS, and the commands that recover', async () => {
    const f = fakeCloud(scenario());
    f.failNext('ExecuteChangeSet', throttling(), 1000);
    expect(await deploy(options({ timeoutMs: 10 * 60_000 }), f.deps)).toBe(EXIT.deadline);
    expect(f.lines.slice(-5)).toEqual([
      'Reached the time limit (--timeout) while executing change set web-20261127T100000Z (ExecuteChangeSet), which kept failing: Throttling: Rate exceeded',
      'Stack web is left in REVIEW_IN_PROGRESS with change set web-20261127T100000Z. To execute it:',
      '  aws cloudformation execute-change-set --stack-name web --change-set-name web-20261127T100000Z --region us-east-1',
      'or re-run deploy (it takes the stack up), or remove both: aws cloudformation delete-stack --stack-name web --region us-east-1',
      'See what happened: aws cloudformation describe-stack-events --stack-name web --region us-east-1',
    ]);
  });
});

describe('every wait has a deadline', () => {
  it('at the deadline while following: exit 5, the status, and the command that goes on waiting', async () => {
    const f = fakeCloud(
      scenario({
        execution: [
          CREATE[0] as ScriptedEvent,
          { at: 3_600_000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'CREATE_COMPLETE' },
        ],
      }),
    );
    expect(await deploy(options({ timeoutMs: 10 * 60_000 }), f.deps)).toBe(EXIT.deadline);
    expect(EXIT.deadline).toBe(5);
    expect(f.lines.slice(-3)).toEqual([
      'Stopped waiting: the time limit (--timeout 10m) has passed. CloudFormation carries on: stack web is CREATE_IN_PROGRESS.',
      `Keep watching: aws cloudformation describe-stack-events --stack-name ${STACK_ID} --region us-east-1`,
      `or wait for it: aws cloudformation wait stack-create-complete --stack-name ${STACK_ID} --region us-east-1`,
    ]);
    expect(f.elapsed()).toBeLessThanOrEqual(10 * 60_000);
  });

  it('a change set that is never ready: exit 5 at the deadline with the waiter command', async () => {
    const f = fakeCloud(scenario({ changeSetMs: 3_600_000 }));
    const e = await deploy(options({ timeoutMs: 60_000 }), f.deps).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WaitDeadlineError);
    expect((e as WaitDeadlineError).exitCode).toBe(5);
    expect((e as Error).message).toBe(
      'The change set web-20261127T100000Z was not ready within the time limit (--timeout 1m). To go on waiting: ' +
        `aws cloudformation wait change-set-create-complete --stack-name ${STACK_ID} ` +
        '--change-set-name arn:aws:cloudformation:us-east-1:123456789012:changeSet/web-20261127T100000Z/x --region us-east-1',
    );
    expect(f.elapsed()).toBeLessThanOrEqual(60_000);
    expect(f.mock.commandCalls(DescribeChangeSetCommand).length).toBeGreaterThan(10);
  });

  it('another operation that never ends: exit 5 at the deadline, nothing deployed', async () => {
    const f = fakeCloud(scenario({ stack: { status: 'UPDATE_IN_PROGRESS', parameters: ['GitHubOrg', 'GitHubRepo'] } }));
    await expect(deploy(options({ timeoutMs: 120_000 }), f.deps)).rejects.toThrow(
      new WaitDeadlineError(
        'Stack web is still UPDATE_IN_PROGRESS at the time limit (--timeout 2m); nothing was deployed. ' +
          `Wait for it with aws cloudformation describe-stacks --stack-name ${STACK_ID} --region us-east-1, then deploy again.`,
      ),
    );
    expect(f.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });
});

describe('a *_COMPLETE stack without the resources the change set adds is not a success', () => {
  it('CREATE_COMPLETE with no resources (moto after its 500): exit 1, naming what is missing', async () => {
    const f = fakeCloud(scenario({ resourcesAfter: [] }));
    expect(await deploy(options(), f.deps)).toBe(EXIT.failed);
    expect(f.lines.slice(-2)).toEqual([
      'Stack web reports CREATE_COMPLETE, but none of the 1 resources the change set adds or modifies exists. This is not a successful deploy.',
      `See what the stack holds: aws cloudformation describe-stack-resources --stack-name ${STACK_ID} --region us-east-1`,
    ]);
  });

  it('some missing (an endpoint that ignores Conditions lists them): reported on one line, still exit 0', async () => {
    const f = fakeCloud(
      scenario({
        changes: [
          { Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'LogGroup', ResourceType: 'AWS::Logs::LogGroup' } },
          { Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'Vpc', ResourceType: 'AWS::EC2::VPC' } },
        ],
        resourcesAfter: [
          {
            LogicalResourceId: 'LogGroup',
            ResourceType: 'AWS::Logs::LogGroup',
            ResourceStatus: 'CREATE_COMPLETE',
            LastUpdatedTimestamp: new Date(),
          },
        ],
      }),
    );
    expect(await deploy(options(), f.deps)).toBe(EXIT.ok);
    expect(f.lines).toContain('Not in the stack although the change set listed them (their Conditions may be false): Vpc.');
  });
});
