/**
 * The deployer's four actions. Each calls only what it needs, on this stack's resources only
 * (the names come from the function's environment, never from the request):
 * - deploy: resolve the image in this stack's repository to its digest, register a copy of the
 *   stack's own task definition revision with only the image changed (pinned by digest), and
 *   point the service at it (UpdateService with `taskDefinition` and nothing else);
 * - start / stop: UpdateService with `desiredCount` 1 or 0 and nothing else;
 * - status: counts, the newest deployment's rollout state, why a task stopped, the URL.
 * A deploy and a start are the owner's acts: they count as the front door's activity.
 */
import { DescribeImagesCommand, type ECRClient } from '@aws-sdk/client-ecr';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type Task,
  type TaskDefinition,
  UpdateServiceCommand,
  type Tag,
} from '@aws-sdk/client-ecs';
import { DescribeNetworkInterfacesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { TASK_DEFINITION_TAG_KEYS, type DeployerConfig } from './config';
import { imageAddress } from './image';
import { RefusedRequestError, type DeployerRequest, type ImageRef } from './request';

/** The AWS clients the deployer calls. */
export interface DeployerClients {
  ecs: ECSClient;
  ecr: ECRClient;
  ec2: EC2Client;
  ssm: SSMClient;
}

/** What the actions are handed. */
export interface DeployerDeps {
  clients: DeployerClients;
  config: DeployerConfig;
  now: () => number;
  /** The front door's `recordOwnerStart` (src/front-door/activity.ts). */
  recordOwnerStart: (ssm: SSMClient, parameter: string, now: number) => Promise<void>;
}

/** What `deploy` did. */
export interface DeployResult {
  action: 'deploy';
  /** The image address the new revision runs. */
  image: string;
  digest: string;
  /** ARN of the registered revision. */
  taskDefinition: string;
  revision: number;
}

/** What `start` and `stop` did. */
export interface ScaleResult {
  action: 'start' | 'stop';
  desiredCount: 0 | 1;
}

/** What `status` found. */
export interface StatusResult {
  action: 'status';
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  /** The newest (primary) deployment. */
  rollout: { state: string; reason: string; taskDefinition: string; revision: number };
  /** Why the service's newest stopped task stopped (`revision N: reason`), when the rollout failed or fewer tasks run than desired; else empty. */
  stoppedReason: string;
  /** The app's URL: the front door's, or the running task's public IP; empty when there is none yet. */
  url: string;
  /** The service's latest events, newest first (at most 5). */
  events: string[];
}

export type DeployerResult = DeployResult | ScaleResult | StatusResult;

/** Runs one checked request. */
export async function runAction(request: DeployerRequest, d: DeployerDeps): Promise<DeployerResult> {
  switch (request.action) {
    case 'deploy':
      return deploy(request.image, d);
    case 'start':
      return scale(1, d);
    case 'stop':
      return scale(0, d);
    case 'status':
      return status(d);
  }
}

/** The image's digest in this stack's repository; a tag or digest it does not hold is refused. */
export async function resolveDigest(image: ImageRef, d: DeployerDeps): Promise<string> {
  const imageId = 'tag' in image ? { imageTag: image.tag } : { imageDigest: image.digest };
  try {
    const out = await d.clients.ecr.send(new DescribeImagesCommand({ repositoryName: d.config.repository, imageIds: [imageId] }));
    const digest = out.imageDetails?.[0]?.imageDigest;
    if (digest) return digest;
  } catch (e) {
    if ((e as { name?: string }).name !== 'ImageNotFoundException') throw e;
  }
  const what = 'tag' in image ? `tag ${image.tag}` : `digest ${image.digest}`;
  throw new RefusedRequestError(`repository ${d.config.repository} has no image with ${what}: push it first.`);
}

/** The fields of a described revision that RegisterTaskDefinition takes back, unchanged. */
const COPIED = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
] as const satisfies readonly (keyof TaskDefinition & keyof RegisterTaskDefinitionCommandInput)[];

/**
 * The registration of `base` with the app container's image set to `image`: every other field
 * as the stack's revision has it (roles, size, network mode, other containers), and of its
 * tags only {@link TASK_DEFINITION_TAG_KEYS} (a stack's own tags, which CloudFormation also
 * puts on it, are not the deployer's to copy, and its tag grant allows only these keys).
 */
export function revisionWithImage(
  base: TaskDefinition,
  tags: readonly Tag[],
  container: string,
  image: string,
): RegisterTaskDefinitionCommandInput {
  const input: Record<string, unknown> = {};
  for (const key of COPIED) {
    const value = base[key];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) input[key] = value;
  }
  const containers = base.containerDefinitions ?? [];
  if (!containers.some((c) => c.name === container)) {
    throw new Error(`the stack's task definition ${base.taskDefinitionArn ?? ''} has no container named ${container}`);
  }
  input['containerDefinitions'] = containers.map((c) => (c.name === container ? { ...c, image } : c));
  const kept = tags.filter((t) => TASK_DEFINITION_TAG_KEYS.includes(t.key ?? ''));
  if (kept.length > 0) input['tags'] = kept;
  return input as unknown as RegisterTaskDefinitionCommandInput;
}

async function deploy(image: ImageRef, d: DeployerDeps): Promise<DeployResult> {
  const { ecs } = d.clients;
  const c = d.config;
  const digest = await resolveDigest(image, d);
  const address = imageAddress(c, digest, c.imageAddress);
  const described = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: c.taskDefinition, include: ['TAGS'] }));
  if (!described.taskDefinition) throw new Error(`DescribeTaskDefinition returned nothing for ${c.taskDefinition}`);
  const registered = await ecs.send(
    new RegisterTaskDefinitionCommand(revisionWithImage(described.taskDefinition, described.tags ?? [], c.container, address)),
  );
  const arn = registered.taskDefinition?.taskDefinitionArn;
  if (!arn) throw new Error('RegisterTaskDefinition returned no ARN');
  await ecs.send(new UpdateServiceCommand({ cluster: c.cluster, service: c.service, taskDefinition: arn }));
  if (c.activityParameter) await d.recordOwnerStart(d.clients.ssm, c.activityParameter, d.now());
  return { action: 'deploy', image: address, digest, taskDefinition: arn, revision: registered.taskDefinition?.revision ?? 0 };
}

async function scale(desiredCount: 0 | 1, d: DeployerDeps): Promise<ScaleResult> {
  const c = d.config;
  // The owner's start counts before the service changes, so the idle check never stops it early.
  if (desiredCount === 1 && c.activityParameter) await d.recordOwnerStart(d.clients.ssm, c.activityParameter, d.now());
  await d.clients.ecs.send(new UpdateServiceCommand({ cluster: c.cluster, service: c.service, desiredCount }));
  return { action: desiredCount === 1 ? 'start' : 'stop', desiredCount };
}

async function status(d: DeployerDeps): Promise<StatusResult> {
  const { ecs } = d.clients;
  const c = d.config;
  const out = await ecs.send(new DescribeServicesCommand({ cluster: c.cluster, services: [c.service] }));
  const service = out.services?.[0];
  if (!service) throw new Error(`service ${c.service} not found in cluster ${c.cluster}`);
  const primary = service.deployments?.find((x) => x.status === 'PRIMARY') ?? service.deployments?.[0];
  const taskDefinition = primary?.taskDefinition ?? service.taskDefinition ?? '';
  const desired = service.desiredCount ?? 0;
  const running = service.runningCount ?? 0;
  const state = primary?.rolloutState ?? '';
  const stoppedReason = state === 'FAILED' || running < desired ? await lastStopReason(d) : '';
  return {
    action: 'status',
    desiredCount: desired,
    runningCount: running,
    pendingCount: service.pendingCount ?? 0,
    rollout: { state, reason: primary?.rolloutStateReason ?? '', taskDefinition, revision: revisionOf(taskDefinition) },
    stoppedReason,
    url: c.appUrl || (running > 0 ? await publicUrl(d) : ''),
    events: (service.events ?? []).slice(0, 5).map((e) => e.message ?? ''),
  };
}

function revisionOf(taskDefinitionArn: string): number {
  return Number(/:(\d+)$/.exec(taskDefinitionArn)?.[1] ?? 0);
}

/** Tasks of the service with `desiredStatus`, described (at most 10, newest first as ECS lists them). */
async function serviceTasks(desiredStatus: 'RUNNING' | 'STOPPED', d: DeployerDeps): Promise<Task[]> {
  const c = d.config;
  const list = await d.clients.ecs.send(
    new ListTasksCommand({ cluster: c.cluster, serviceName: c.service, desiredStatus, maxResults: 10 }),
  );
  const arns = list.taskArns ?? [];
  if (arns.length === 0) return [];
  return (await d.clients.ecs.send(new DescribeTasksCommand({ cluster: c.cluster, tasks: arns }))).tasks ?? [];
}

/**
 * Why the service's newest stopped task stopped, with its revision: the task's reason and its
 * containers'. Any revision's: after a failed rollout ECS rolls back, and the newest deployment
 * is then the previous revision, while the tasks that failed are the new one's.
 */
async function lastStopReason(d: DeployerDeps): Promise<string> {
  const stopped = (await serviceTasks('STOPPED', d)).sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0));
  const task = stopped[0];
  if (!task) return '';
  const containers = (task.containers ?? []).filter((x) => x.reason).map((x) => `${x.name}: ${x.reason}`);
  const reasons = [task.stoppedReason, ...containers].filter(Boolean).join('; ');
  return `revision ${revisionOf(task.taskDefinitionArn ?? '')}: ${reasons || '(no reason given)'}`;
}

/** `http://<public IP>:<port>` of the running task (PublicAccess public-ip), or empty. */
async function publicUrl(d: DeployerDeps): Promise<string> {
  const task = (await serviceTasks('RUNNING', d))[0];
  const eni = task?.attachments?.flatMap((a) => a.details ?? []).find((x) => x.name === 'networkInterfaceId')?.value;
  if (!eni) return '';
  const out = await d.clients.ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni] }));
  const ip = out.NetworkInterfaces?.[0]?.Association?.PublicIp;
  return ip ? `http://${ip}:${d.config.port}` : '';
}
