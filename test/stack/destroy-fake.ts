/**
 * A simulated CloudFormation for destroy behind aws-sdk-client-mock (real client, real
 * commands) on a virtual clock, and a fake ECR. DescribeStacks by name fails once the stack is
 * deleted; by id it still answers DELETE_COMPLETE, as CloudFormation does.
 */
import {
  CloudFormationClient,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  type Parameter,
  type Stack,
  type StackEvent,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import type { EcrImages, ImageRef } from '../../src/aws/ecr';
import type { DestroyDeps } from '../../src/stack/destroy';
import { makeColors } from '../../src/ui/color';

export const BASE = Date.parse('2026-11-27T10:00:00.000Z');
export const STACK_ID = 'arn:aws:cloudformation:us-west-2:123456789012:stack/web/abcd-1234';

/** An event `at` ms after DeleteStack. */
export interface DeleteEvent {
  at: number;
  id: string;
  type: string;
  status: string;
  reason?: string;
}

export interface DestroyScenario {
  /** undefined: the stack does not exist. */
  status?: string;
  parameters?: Parameter[];
  resources?: StackResourceSummary[];
  templateBody?: string;
  /** GetTemplate fails with this message. */
  templateError?: string;
  /** Events of the delete; the stack's own events set its status. */
  events?: DeleteEvent[];
  /** Images by repository name. */
  images?: { [repo: string]: ImageRef[] };
  /** Images that appear after each BatchDeleteImage, in turn (someone pushing meanwhile). */
  refill?: ImageRef[][];
  /** BatchDeleteImage failures to report. */
  deleteFailures?: string[];
  /** Errors to throw on the next DescribeStackEvents calls (null: answer that call). */
  eventErrors?: unknown[];
}

export function fakeDestroy(s: DestroyScenario, stackName = 'web') {
  const mock = mockClient(CloudFormationClient);
  const cfn = new CloudFormationClient({ region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  let t = BASE;
  let deletedAt: number | undefined = s.status === 'DELETE_IN_PROGRESS' ? BASE : undefined;
  const log: string[] = [];
  const lines: string[] = [];
  const sleeps: number[] = [];
  const eventErrors = [...(s.eventErrors ?? [])];
  const missing = (): Error => Object.assign(new Error(`Stack with id ${stackName} does not exist`), { name: 'ValidationError' });

  const delivered = (): DeleteEvent[] => (deletedAt === undefined ? [] : (s.events ?? []).filter((e) => deletedAt! + e.at <= t));
  const status = (): string | undefined => {
    // As CloudFormation does, DeleteStack puts the stack in DELETE_IN_PROGRESS at once.
    let st = deletedAt === undefined ? s.status : 'DELETE_IN_PROGRESS';
    for (const e of delivered()) if (e.id === stackName && e.type === 'AWS::CloudFormation::Stack') st = e.status;
    return st;
  };
  const event = (e: DeleteEvent): StackEvent => {
    const ev: StackEvent = {
      EventId: `${e.id}-${e.status}-${e.at}`,
      StackId: STACK_ID,
      StackName: stackName,
      LogicalResourceId: e.id,
      ResourceType: e.type,
      ResourceStatus: e.status as StackEvent['ResourceStatus'],
      Timestamp: new Date((deletedAt ?? BASE) + e.at),
    };
    if (e.reason) ev.ResourceStatusReason = e.reason;
    return ev;
  };
  const prior: StackEvent[] = [
    {
      EventId: 'old-1',
      StackId: STACK_ID,
      StackName: stackName,
      LogicalResourceId: stackName,
      ResourceType: 'AWS::CloudFormation::Stack',
      ResourceStatus: 'CREATE_COMPLETE',
      Timestamp: new Date(BASE - 99_000),
    },
  ];

  mock.on(DescribeStacksCommand).callsFake((input: { StackName?: string }) => {
    log.push(`DescribeStacks ${input.StackName}`);
    const st = status();
    if (st === undefined || (st === 'DELETE_COMPLETE' && input.StackName !== STACK_ID)) throw missing();
    const stack: Stack = {
      StackName: stackName,
      StackId: STACK_ID,
      StackStatus: st as Stack['StackStatus'],
      CreationTime: new Date(BASE - 100_000),
      Parameters: s.parameters ?? [],
    };
    return { Stacks: [stack] };
  });
  mock.on(ListStackResourcesCommand).callsFake((input: { StackName?: string; NextToken?: string }) => {
    log.push(`ListStackResources ${input.StackName}${input.NextToken ? ` ${input.NextToken}` : ''}`);
    const all = s.resources ?? [];
    // Two pages, to prove paging.
    const half = Math.ceil(all.length / 2);
    return input.NextToken
      ? { StackResourceSummaries: all.slice(half) }
      : { StackResourceSummaries: all.slice(0, half), NextToken: 'page2' };
  });
  mock.on(GetTemplateCommand).callsFake(() => {
    log.push('GetTemplate');
    if (s.templateError) throw Object.assign(new Error(s.templateError), { name: 'ValidationError' });
    return { TemplateBody: s.templateBody ?? '{"Resources": {}}' };
  });
  mock.on(DescribeStackEventsCommand).callsFake(() => {
    const next = eventErrors.shift();
    if (next !== undefined && next !== null) throw next;
    if (status() === undefined) throw missing();
    return { StackEvents: [...prior, ...delivered().map(event)].reverse() };
  });
  mock.on(DeleteStackCommand).callsFake((input: { StackName?: string }) => {
    log.push(`DeleteStack ${input.StackName}`);
    deletedAt = t;
    return {};
  });

  const refills = [...(s.refill ?? [])];
  const repos = new Map(Object.entries(s.images ?? {}).map(([k, v]) => [k, [...v]]));
  const ecr: EcrImages = {
    listImages: (repo) => {
      log.push(`ListImages ${repo}`);
      return Promise.resolve([...(repos.get(repo) ?? [])]);
    },
    deleteImages: (repo, images) => {
      log.push(`BatchDeleteImage ${repo} ${images.map((i) => i.imageDigest ?? i.imageTag).join(',')}`);
      if (s.deleteFailures?.length) return Promise.resolve({ deleted: 0, failures: s.deleteFailures });
      repos.set(repo, [...(refills.shift() ?? [])]);
      return Promise.resolve({ deleted: images.length, failures: [] });
    },
    close: () => log.push('ECR close'),
  };

  const deps: DestroyDeps = {
    cfn,
    ecr: (region) => {
      log.push(`ECR client ${region}`);
      return Promise.resolve(ecr);
    },
    out: (l) => lines.push(l),
    colors: makeColors(false),
    interactive: false,
    confirm: () => Promise.resolve(false),
    sleep: (ms) => {
      sleeps.push(ms);
      t += ms;
      return Promise.resolve();
    },
    now: () => new Date(t),
  };
  return { mock, deps, log, lines, sleeps };
}
