/**
 * A simulated CloudFormation behind aws-sdk-client-mock: the real client and the real
 * commands, answered from a scripted scenario on a virtual clock. The injected `sleep`
 * advances the clock, so polling runs instantly and tests see exactly which delays were used.
 */
import {
  type Change,
  CloudFormationClient,
  CreateChangeSetCommand,
  type CreateChangeSetCommandInput,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  CancelUpdateStackCommand,
  ListStackResourcesCommand,
  type StackResourceSummary,
  type Output,
  type Parameter,
  type Stack,
  type StackEvent,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { makeColors } from '../../src/ui/color';
import type { DeployDeps } from '../../src/stack/deploy';
import { connectionResetError } from '../faults';

export const BASE = Date.parse('2026-11-27T10:00:00.000Z');
export const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/web/11111111-2222';

/** An event the scenario emits `at` ms after ExecuteChangeSet. */
export interface ScriptedEvent {
  at: number;
  id: string;
  type: string;
  status: string;
  reason?: string;
}

export interface Scenario {
  /** The stack before the deploy; undefined: it does not exist. */
  stack?: { status: string; parameters?: string[]; reason?: string };
  /** Events from earlier operations (newest first is not required; they get timestamps before BASE). */
  priorEvents?: ScriptedEvent[];
  capabilities?: string[];
  /** How long the change set takes to create (ms). */
  changeSetMs?: number;
  changeSetStatus?: 'CREATE_COMPLETE' | 'FAILED';
  changeSetReason?: string;
  changes?: Change[];
  /** Events of the execution, and the stack's status after each stack-level event. */
  execution?: ScriptedEvent[];
  outputs?: Output[];
  /** Events per DescribeStackEvents page. */
  pageSize?: number;
  /** ms after DeleteStack that the stack is gone. */
  deleteMs?: number;
  /** Statuses the stack goes through before the deploy can start: [status, until ms]. */
  busyUntil?: { status: string; until: number; then: string };
  /**
   * Resources the stack holds after a successful execution (default: every resource the change
   * set adds or modifies, CREATE_COMPLETE). [] simulates an endpoint that reports success with
   * nothing created.
   */
  resourcesAfter?: StackResourceSummary[];
}

export function stackEvent(e: ScriptedEvent, t: number, stackName: string): StackEvent {
  const ev: StackEvent = {
    EventId: `${e.id}-${e.status}-${t}`,
    StackId: STACK_ID,
    StackName: stackName,
    LogicalResourceId: e.id,
    ResourceType: e.type,
    ResourceStatus: e.status as StackEvent['ResourceStatus'],
    Timestamp: new Date(t),
  };
  if (e.reason) ev.ResourceStatusReason = e.reason;
  return ev;
}

/** Builds the fake; returns the mock (for call assertions), the deps, and what was printed. */
export function fakeCloud(s: Scenario, stackName = 'web') {
  const mock = mockClient(CloudFormationClient);
  const cfn = new CloudFormationClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  let t = BASE;
  const sleeps: number[] = [];
  const lines: string[] = [];
  const errLines: string[] = [];
  const stdout: string[] = [];
  let status: string | undefined = s.stack?.status;
  let stackParams: Parameter[] = (s.stack?.parameters ?? []).map((k) => ({ ParameterKey: k, ParameterValue: 'old' }));
  let changeSetAt: number | undefined;
  let changeSetName: string | undefined;
  let executedAt: number | undefined;
  let deletedAt: number | undefined;
  const prior = (s.priorEvents ?? []).map((e, i) => stackEvent(e, BASE - 100_000 + i * 1000, stackName));
  /** Errors to throw on the next calls of a command, by command name. */
  const failures = new Map<string, unknown[]>();
  /** Calls whose answer is lost after they took effect, by command name: how many. */
  const lostAnswers = new Map<string, number>();

  const take = (command: string): void => {
    const queue = failures.get(command);
    const next = queue?.shift();
    if (next !== undefined) throw next;
  };
  /** After the effect: drop the answer if told to. */
  const answer = <T>(command: string, value: T): T => {
    const n = lostAnswers.get(command) ?? 0;
    if (n > 0) {
      lostAnswers.set(command, n - 1);
      throw connectionResetError();
    }
    return value;
  };
  /** The stack by name, or by id (which still answers after the delete, as CloudFormation does). */
  const byId = (name: string | undefined): boolean => name === STACK_ID;
  const missing = (): Error => Object.assign(new Error(`Stack with id ${stackName} does not exist`), { name: 'ValidationError' });

  const currentStatus = (): string | undefined => {
    if (deletedAt !== undefined && t >= deletedAt) return undefined;
    if (s.busyUntil && executedAt === undefined && status === s.busyUntil.status && t >= s.busyUntil.until) {
      status = s.busyUntil.then;
    }
    if (executedAt === undefined) return status;
    let st = status;
    for (const e of s.execution ?? []) {
      if (executedAt + e.at <= t && e.id === stackName) st = e.status;
    }
    return st;
  };
  const allEvents = (): StackEvent[] => {
    const events = [...prior];
    if (executedAt !== undefined) {
      for (const e of s.execution ?? []) if (executedAt + e.at <= t) events.push(stackEvent(e, executedAt + e.at, stackName));
    }
    return events.reverse(); // newest first, as CloudFormation returns them
  };

  mock.on(ValidateTemplateCommand).callsFake(() => {
    take('ValidateTemplate');
    return {
      Capabilities: s.capabilities ?? ['CAPABILITY_NAMED_IAM'],
      CapabilitiesReason: 'The following resource(s) require capabilities: [AWS::IAM::Role]',
      Parameters: [],
    };
  });
  mock.on(DescribeStacksCommand).callsFake((input: { StackName?: string }) => {
    take('DescribeStacks');
    const st = currentStatus() ?? (byId(input.StackName) && deletedAt !== undefined ? 'DELETE_COMPLETE' : undefined);
    if (st === undefined) throw missing();
    const stack: Stack = {
      StackName: stackName,
      StackId: STACK_ID,
      StackStatus: st as Stack['StackStatus'],
      CreationTime: new Date(BASE - 200_000),
      Parameters: stackParams,
    };
    if (s.stack?.reason) stack.StackStatusReason = s.stack.reason;
    if (executedAt !== undefined && s.outputs && /COMPLETE$/.test(st)) stack.Outputs = s.outputs;
    return { Stacks: [stack] };
  });
  const changeSetArn = (name: string | undefined): string => `arn:aws:cloudformation:us-east-1:123456789012:changeSet/${name}/x`;
  mock.on(CreateChangeSetCommand).callsFake((input: CreateChangeSetCommandInput) => {
    take('CreateChangeSet');
    if (changeSetAt !== undefined && changeSetName === input.ChangeSetName) {
      throw Object.assign(new Error(`ChangeSet ${input.ChangeSetName} already exists`), { name: 'AlreadyExistsException' });
    }
    changeSetAt = t;
    changeSetName = input.ChangeSetName;
    if (currentStatus() === undefined) {
      status = 'REVIEW_IN_PROGRESS';
      deletedAt = undefined;
      stackParams = [];
    }
    return answer('CreateChangeSet', { Id: changeSetArn(input.ChangeSetName), StackId: STACK_ID });
  });
  const executionStatus = (): string => {
    if (executedAt === undefined) return 'AVAILABLE';
    const st = currentStatus() ?? 'DELETE_COMPLETE';
    if (st.endsWith('_IN_PROGRESS')) return 'EXECUTE_IN_PROGRESS';
    return /ROLLBACK|FAILED/.test(st) ? 'EXECUTE_FAILED' : 'EXECUTE_COMPLETE';
  };
  mock.on(DescribeChangeSetCommand).callsFake((input: { ChangeSetName?: string }) => {
    take('DescribeChangeSet');
    if (changeSetAt === undefined || (input.ChangeSetName !== changeSetName && input.ChangeSetName !== changeSetArn(changeSetName))) {
      throw Object.assign(new Error(`ChangeSet [${input.ChangeSetName}] does not exist`), { name: 'ChangeSetNotFoundException' });
    }
    const ready = t >= changeSetAt + (s.changeSetMs ?? 3000);
    const out = {
      ChangeSetName: changeSetName,
      ChangeSetId: changeSetArn(changeSetName),
      StackName: stackName,
      StackId: STACK_ID,
      Status: ready ? (s.changeSetStatus ?? 'CREATE_COMPLETE') : 'CREATE_IN_PROGRESS',
      ExecutionStatus: ready ? executionStatus() : 'UNAVAILABLE',
      Changes: ready ? (s.changes ?? []) : [],
    };
    return ready && s.changeSetReason ? { ...out, StatusReason: s.changeSetReason } : out;
  });
  mock.on(ExecuteChangeSetCommand).callsFake(() => {
    take('ExecuteChangeSet');
    if (executedAt !== undefined) {
      throw Object.assign(
        new Error(
          `ChangeSet [${changeSetArn(changeSetName)}] cannot be executed in its current execution status of [${executionStatus()}]`,
        ),
        {
          name: 'InvalidChangeSetStatusException',
        },
      );
    }
    executedAt = t;
    return answer('ExecuteChangeSet', {});
  });
  mock.on(ListStackResourcesCommand).callsFake(() => {
    take('ListStackResources');
    const resources: StackResourceSummary[] =
      s.resourcesAfter ??
      (s.changes ?? [])
        .filter((c) => c.ResourceChange?.Action === 'Add' || c.ResourceChange?.Action === 'Modify')
        .map((c) => ({
          LogicalResourceId: c.ResourceChange?.LogicalResourceId,
          PhysicalResourceId: `${c.ResourceChange?.LogicalResourceId}-physical`,
          ResourceType: c.ResourceChange?.ResourceType,
          ResourceStatus: 'CREATE_COMPLETE',
          LastUpdatedTimestamp: new Date(t),
        }));
    return { StackResourceSummaries: resources };
  });
  mock.on(DescribeStackEventsCommand).callsFake((input: { NextToken?: string }) => {
    take('DescribeStackEvents');
    if (currentStatus() === undefined && prior.length === 0 && executedAt === undefined) throw missing();
    const all = allEvents();
    const size = s.pageSize ?? 100;
    const start = input.NextToken ? Number(input.NextToken) : 0;
    const page = all.slice(start, start + size);
    return start + size < all.length ? { StackEvents: page, NextToken: String(start + size) } : { StackEvents: page };
  });
  mock.on(DeleteChangeSetCommand).resolves({});
  mock.on(DeleteStackCommand).callsFake(() => {
    take('DeleteStack');
    deletedAt = t + (s.deleteMs ?? 4000);
    status = 'DELETE_IN_PROGRESS';
    executedAt = undefined;
    return answer('DeleteStack', {});
  });
  mock.on(CancelUpdateStackCommand).callsFake(() => {
    take('CancelUpdateStack');
    return {};
  });

  const deps: DeployDeps = {
    cfn,
    s3: () => Promise.reject(new Error('S3 is not used in this test')),
    out: (l) => stdout.push(l),
    err: (l) => errLines.push(l),
    colors: makeColors(false),
    interactive: false,
    confirm: () => Promise.resolve(false),
    sleep: (ms, signal) => {
      sleeps.push(ms);
      t += ms;
      void signal;
      return Promise.resolve();
    },
    now: () => new Date(t),
    random: () => 0.5,
  };
  // Human lines go to stdout (or stderr with --json); collect both in order.
  deps.out = (l) => {
    stdout.push(l);
    lines.push(l);
  };
  deps.err = (l) => {
    errLines.push(l);
    lines.push(l);
  };
  return {
    mock,
    deps,
    lines,
    stdout,
    errLines,
    sleeps,
    /** Throw `error` on the next `times` calls of `command` (e.g. "DescribeStackEvents"). */
    failNext(command: string, error: unknown, times = 1) {
      failures.set(command, [...(failures.get(command) ?? []), ...Array.from({ length: times }, () => error)]);
    },
    /** The next `times` calls of `command` take effect, and then their answer is lost (connection reset). */
    loseAnswer(command: string, times = 1) {
      lostAnswers.set(command, (lostAnswers.get(command) ?? 0) + times);
    },
    /** The virtual time, ms since BASE. */
    elapsed: () => t - BASE,
    /** When (ms since BASE) CreateChangeSet and ExecuteChangeSet were called, if they were. */
    marks: () => ({
      changeSetAt: changeSetAt === undefined ? undefined : changeSetAt - BASE,
      executedAt: executedAt === undefined ? undefined : executedAt - BASE,
    }),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

export function throttling(): Error {
  return Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });
}

export const connectionReset = connectionResetError;
