/**
 * The deployer at the SDK boundary: its real code paths against aws-sdk-client-mock. Every
 * refusal the design lists is here, and every write's exact input: RegisterTaskDefinition is
 * the stack's revision with only the image changed, UpdateService carries only the task
 * definition or only the desired count.
 */
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  type TaskDefinition,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { DescribeNetworkInterfacesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { runAction, type DeployerDeps } from '../../src/deployer/actions';
import { DeployerConfigError, readDeployerConfig, type DeployerConfig } from '../../src/deployer/config';
import { imageAddress, repositoryAddress } from '../../src/deployer/image';
import { parseRequest, RefusedRequestError } from '../../src/deployer/request';

const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
const region = 'us-west-2';
const DIGEST = `sha256:${'b'.repeat(64)}`;
const URI = '123456789012.dkr.ecr.us-west-2.amazonaws.com/portfolio';
const STACK_REVISION = 'arn:aws:ecs:us-west-2:123456789012:task-definition/portfolio:3';

const config: DeployerConfig = {
  cluster: 'portfolio',
  service: 'portfolio',
  taskDefinition: STACK_REVISION,
  container: 'app',
  repository: 'portfolio',
  repositoryUri: URI,
  imageAddress: 'ipv4',
  port: 8000,
  appUrl: '',
  activityParameter: '/portfolio/front-door/last-request',
};

/** The stack's revision as DescribeTaskDefinition returns it (read-only fields included). */
const stackRevision: TaskDefinition = {
  taskDefinitionArn: STACK_REVISION,
  family: 'portfolio',
  revision: 3,
  status: 'ACTIVE',
  taskRoleArn: 'arn:aws:iam::123456789012:role/portfolio-task-us-west-2',
  executionRoleArn: 'arn:aws:iam::123456789012:role/portfolio-task-execution-us-west-2',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  compatibilities: ['EC2', 'FARGATE'],
  cpu: '256',
  memory: '512',
  runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
  volumes: [],
  placementConstraints: [],
  requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }],
  registeredAt: new Date(0),
  registeredBy: 'arn:aws:sts::123456789012:assumed-role/cfn',
  containerDefinitions: [
    {
      name: 'app',
      image: `${URI}:latest`,
      essential: true,
      portMappings: [{ containerPort: 8000, protocol: 'tcp' }],
      environment: [{ name: 'PORT', value: '8000' }],
    },
    { name: 'sidecar', image: 'public.ecr.aws/x/y:1', essential: false },
  ],
};

function setup(c: Partial<DeployerConfig> = {}) {
  const ecs = mockClient(ECSClient);
  const ecr = mockClient(ECRClient);
  const ec2 = mockClient(EC2Client);
  const owner: { parameter: string; now: number }[] = [];
  const order: string[] = [];
  ecs.on(UpdateServiceCommand).callsFake(() => {
    order.push('UpdateService');
    return {};
  });
  const deps: DeployerDeps = {
    clients: {
      ecs: new ECSClient({ region, credentials }),
      ecr: new ECRClient({ region, credentials }),
      ec2: new EC2Client({ region, credentials }),
      ssm: new SSMClient({ region, credentials }),
    },
    config: { ...config, ...c },
    now: () => 1_750_000_000_000,
    recordOwnerStart: async (_ssm, parameter, now) => {
      order.push('recordOwnerStart');
      owner.push({ parameter, now });
    },
  };
  return {
    ecs,
    ecr,
    ec2,
    deps,
    owner,
    order,
    restore: () => {
      ecs.restore();
      ecr.restore();
      ec2.restore();
    },
  };
}

describe('requests the deployer refuses before any AWS call', () => {
  it.each([
    [null, 'Refused: the payload must be a JSON object such as {"action":"status"}, not null.'],
    ['deploy', 'Refused: the payload must be a JSON object such as {"action":"status"}, not "deploy".'],
    [{}, 'Refused: unknown action undefined: give one of deploy, start, stop, status.'],
    [{ action: 'scale', desiredCount: 5 }, 'Refused: unknown action "scale": give one of deploy, start, stop, status.'],
    [{ action: 'start', desiredCount: 3 }, 'Refused: start takes only action; remove desiredCount.'],
    [{ action: 'stop', image: 'v1' }, 'Refused: stop takes only action; remove image.'],
    [{ action: 'status', cluster: 'other' }, 'Refused: status takes only action; remove cluster.'],
    [
      { action: 'deploy', image: 'v1', securityGroups: ['sg-1'], taskRoleArn: 'arn:x' },
      'Refused: deploy takes only action and image; remove securityGroups, taskRoleArn.',
    ],
    [{ action: 'deploy' }, 'Refused: deploy needs "image": a tag or a digest (sha256:...) of an image in this stack\'s repository.'],
    [
      { action: 'deploy', image: 42 },
      'Refused: deploy needs "image": a tag or a digest (sha256:...) of an image in this stack\'s repository.',
    ],
  ])('%j', (event, message) => {
    expect(() => parseRequest(event)).toThrow(new RefusedRequestError(message.replace(/^Refused: /, '')));
  });

  it.each([
    'nginx:latest',
    'public.ecr.aws/docker/library/nginx:1',
    '123456789012.dkr.ecr.us-west-2.amazonaws.com/portfolio:v1',
    `123456789012.dkr.ecr.us-west-2.amazonaws.com/other@${DIGEST}`,
    `portfolio@${DIGEST}`,
    'ghcr.io/evil/app',
  ])('an image given as an address: %s', (image) => {
    expect(() => parseRequest({ action: 'deploy', image })).toThrow(
      `Refused: "${image}" is an image address; deploy takes only a tag or a digest (sha256:...) of an image in this stack's repository, and never an image from another repository or registry.`,
    );
  });

  it('a string that is neither a tag nor a digest', () => {
    expect(() => parseRequest({ action: 'deploy', image: '-v1' })).toThrow('"-v1" is neither an image tag');
    expect(() => parseRequest({ action: 'deploy', image: 'sha256:abc' })).toThrow('is an image address');
  });

  it('takes a tag or a digest', () => {
    expect(parseRequest({ action: 'deploy', image: 'v1.2.3' })).toEqual({ action: 'deploy', image: { tag: 'v1.2.3' } });
    expect(parseRequest({ action: 'deploy', image: DIGEST })).toEqual({ action: 'deploy', image: { digest: DIGEST } });
    expect(parseRequest({ action: 'status' })).toEqual({ action: 'status' });
  });
});

describe('deploy', () => {
  it("resolves the tag in this repository, registers the stack's revision with only the image changed (by digest), and updates the service with only that", async () => {
    const s = setup();
    s.ecr.on(DescribeImagesCommand).resolves({ imageDetails: [{ imageDigest: DIGEST, imageTags: ['v1'] }] });
    s.ecs.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: stackRevision,
      tags: [
        { key: 'app', value: 'portfolio' },
        { key: 'team', value: 'web' },
      ],
    });
    s.ecs
      .on(RegisterTaskDefinitionCommand)
      .resolves({ taskDefinition: { taskDefinitionArn: 'arn:aws:ecs:us-west-2:123456789012:task-definition/portfolio:9', revision: 9 } });
    const result = await runAction({ action: 'deploy', image: { tag: 'v1' } }, s.deps);
    expect(s.ecr.commandCalls(DescribeImagesCommand)[0]?.args[0].input).toEqual({
      repositoryName: 'portfolio',
      imageIds: [{ imageTag: 'v1' }],
    });
    expect(s.ecs.commandCalls(DescribeTaskDefinitionCommand)[0]?.args[0].input).toEqual({
      taskDefinition: STACK_REVISION,
      include: ['TAGS'],
    });
    expect(s.ecs.commandCalls(RegisterTaskDefinitionCommand)[0]?.args[0].input).toEqual({
      family: 'portfolio',
      taskRoleArn: stackRevision.taskRoleArn,
      executionRoleArn: stackRevision.executionRoleArn,
      networkMode: 'awsvpc',
      containerDefinitions: [
        { ...stackRevision.containerDefinitions?.[0], image: `${URI}@${DIGEST}` },
        stackRevision.containerDefinitions?.[1],
      ],
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
      tags: [{ key: 'app', value: 'portfolio' }],
    });
    expect(s.ecs.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: 'portfolio', service: 'portfolio', taskDefinition: 'arn:aws:ecs:us-west-2:123456789012:task-definition/portfolio:9' },
    ]);
    expect(result).toEqual({
      action: 'deploy',
      image: `${URI}@${DIGEST}`,
      digest: DIGEST,
      taskDefinition: 'arn:aws:ecs:us-west-2:123456789012:task-definition/portfolio:9',
      revision: 9,
    });
    expect(s.owner).toEqual([{ parameter: '/portfolio/front-door/last-request', now: 1_750_000_000_000 }]);
    s.restore();
  });

  it("writes ECR's dual-stack address when the network needs it (IPv6-only subnets)", async () => {
    const s = setup({ imageAddress: 'dual-stack', activityParameter: '' });
    s.ecr.on(DescribeImagesCommand).resolves({ imageDetails: [{ imageDigest: DIGEST }] });
    s.ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: stackRevision });
    s.ecs.on(RegisterTaskDefinitionCommand).resolves({ taskDefinition: { taskDefinitionArn: 'arn:td:10', revision: 10 } });
    const result = await runAction({ action: 'deploy', image: { digest: DIGEST } }, s.deps);
    expect(result).toMatchObject({ image: `123456789012.dkr-ecr.us-west-2.on.aws/portfolio@${DIGEST}` });
    expect(s.ecs.commandCalls(RegisterTaskDefinitionCommand)[0]?.args[0].input.containerDefinitions?.[0]?.image).toBe(
      `123456789012.dkr-ecr.us-west-2.on.aws/portfolio@${DIGEST}`,
    );
    expect(s.ecs.commandCalls(RegisterTaskDefinitionCommand)[0]?.args[0].input.tags).toBeUndefined();
    expect(s.owner).toEqual([]); // no front door: nothing to record
    s.restore();
  });

  it.each([
    [{ tag: 'v9' }, 'Refused: repository portfolio has no image with tag v9: push it first.'],
    [{ digest: DIGEST }, `Refused: repository portfolio has no image with digest ${DIGEST}: push it first.`],
  ])('refuses an image this repository does not hold (%j), registering nothing', async (image, message) => {
    const s = setup();
    s.ecr.on(DescribeImagesCommand).rejects(Object.assign(new Error('not found'), { name: 'ImageNotFoundException' }));
    await expect(runAction({ action: 'deploy', image }, s.deps)).rejects.toThrow(message);
    expect(s.ecs.calls()).toHaveLength(0);
    s.restore();
  });

  it("fails clearly when the stack's task definition has no app container", async () => {
    const s = setup();
    s.ecr.on(DescribeImagesCommand).resolves({ imageDetails: [{ imageDigest: DIGEST }] });
    s.ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { ...stackRevision, containerDefinitions: [{ name: 'web' }] } });
    await expect(runAction({ action: 'deploy', image: { tag: 'v1' } }, s.deps)).rejects.toThrow(
      `the stack's task definition ${STACK_REVISION} has no container named app`,
    );
    expect(s.ecs.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(0);
    s.restore();
  });
});

describe('start and stop', () => {
  it("start sets only desiredCount 1, after recording the owner's start", async () => {
    const s = setup();
    expect(await runAction({ action: 'start' }, s.deps)).toEqual({ action: 'start', desiredCount: 1 });
    expect(s.ecs.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: 'portfolio', service: 'portfolio', desiredCount: 1 },
    ]);
    expect(s.order).toEqual(['recordOwnerStart', 'UpdateService']);
    s.restore();
  });

  it('stop sets only desiredCount 0 and records nothing', async () => {
    const s = setup();
    expect(await runAction({ action: 'stop' }, s.deps)).toEqual({ action: 'stop', desiredCount: 0 });
    expect(s.ecs.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: 'portfolio', service: 'portfolio', desiredCount: 0 },
    ]);
    expect(s.owner).toEqual([]);
    s.restore();
  });
});

describe('status', () => {
  const service = (rolloutState: string, running: number) => ({
    services: [
      {
        desiredCount: 1,
        runningCount: running,
        pendingCount: 0,
        taskDefinition: 'arn:td:8',
        deployments: [
          {
            status: 'PRIMARY',
            taskDefinition: 'arn:aws:ecs:us-west-2:123456789012:task-definition/portfolio:9',
            rolloutState,
            rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
          },
          { status: 'ACTIVE', taskDefinition: 'arn:td:8' },
        ],
        events: Array.from({ length: 7 }, (_, i) => ({ message: `event ${i}` })),
      },
    ],
  });

  it("reports a failed rollout with the newest stopped task's reason and revision", async () => {
    const s = setup({ appUrl: 'https://app.example.com' });
    s.ecs.on(DescribeServicesCommand).resolves(service('FAILED', 0) as never);
    s.ecs.on(ListTasksCommand).resolves({ taskArns: ['t1', 't2', 't3'] });
    s.ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: 't1',
          taskDefinitionArn: 'arn:aws:ecs:us-west-2:123456789012:task-definition/portfolio:9',
          stoppedAt: new Date(1000),
          stoppedReason: 'older',
        },
        {
          taskArn: 't2',
          taskDefinitionArn: 'arn:aws:ecs:us-west-2:123456789012:task-definition/portfolio:9',
          stoppedAt: new Date(2000),
          stoppedReason: 'Essential container in task exited',
          containers: [{ name: 'app', reason: 'exit code 1' }],
        },
        { taskArn: 't3', taskDefinitionArn: 'arn:td:8', stoppedAt: new Date(500), stoppedReason: 'Scaling activity' },
      ],
    });
    expect(await runAction({ action: 'status' }, s.deps)).toEqual({
      action: 'status',
      desiredCount: 1,
      runningCount: 0,
      pendingCount: 0,
      rollout: {
        state: 'FAILED',
        reason: 'ECS deployment circuit breaker: tasks failed to start.',
        taskDefinition: 'arn:aws:ecs:us-west-2:123456789012:task-definition/portfolio:9',
        revision: 9,
      },
      stoppedReason: 'revision 9: Essential container in task exited; app: exit code 1',
      url: 'https://app.example.com',
      events: ['event 0', 'event 1', 'event 2', 'event 3', 'event 4'],
    });
    expect(s.ecs.commandCalls(ListTasksCommand)[0]?.args[0].input).toEqual({
      cluster: 'portfolio',
      serviceName: 'portfolio',
      desiredStatus: 'STOPPED',
      maxResults: 10,
    });
    expect(s.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    s.restore();
  });

  it("finds the running task's public IP when there is no front door", async () => {
    const s = setup({ appUrl: '' });
    s.ecs.on(DescribeServicesCommand).resolves(service('COMPLETED', 1) as never);
    s.ecs.on(ListTasksCommand).resolves({ taskArns: ['t1'] });
    s.ecs
      .on(DescribeTasksCommand)
      .resolves({ tasks: [{ taskArn: 't1', attachments: [{ details: [{ name: 'networkInterfaceId', value: 'eni-1' }] }] }] });
    s.ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [{ Association: { PublicIp: '203.0.113.7' } }] });
    const result = await runAction({ action: 'status' }, s.deps);
    expect(result).toMatchObject({ url: 'http://203.0.113.7:8000', stoppedReason: '', rollout: { state: 'COMPLETED' } });
    expect(s.ec2.commandCalls(DescribeNetworkInterfacesCommand)[0]?.args[0].input).toEqual({ NetworkInterfaceIds: ['eni-1'] });
    s.restore();
  });
});

describe("the deployer's configuration and image addresses", () => {
  const env = {
    CLUSTER: 'c',
    SERVICE: 's',
    TASK_DEFINITION: 'arn:td:1',
    CONTAINER: 'app',
    REPOSITORY: 'r',
    REPOSITORY_URI: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/r',
    PORT: '8000',
    APP_URL: '',
    LAST_START_PARAMETER: '',
  };

  it("reads the stack's environment, ipv4 addresses by default", () => {
    expect(readDeployerConfig(env)).toMatchObject({ cluster: 'c', imageAddress: 'ipv4', port: 8000, activityParameter: '' });
    expect(readDeployerConfig({ ...env, IMAGE_ADDRESS: 'dual-stack' }).imageAddress).toBe('dual-stack');
  });

  it.each([
    [{ ...env, CLUSTER: '' }, 'CLUSTER is not set (the stack sets it: update the stack, not the function)'],
    [
      { ...env, IMAGE_ADDRESS: 'ipv6' },
      'IMAGE_ADDRESS must be ipv4 or dual-stack, not "ipv6" (the stack sets it: update the stack, not the function)',
    ],
    [{ ...env, PORT: '0' }, 'PORT must be a port from 1 to 65535 (the stack sets it: update the stack, not the function)'],
  ])('refuses a broken environment %#', (e, message) => {
    expect(() => readDeployerConfig(e)).toThrow(new DeployerConfigError('', '').constructor as typeof Error);
    expect(() => readDeployerConfig(e)).toThrow(message);
  });

  it("writes ECR's two address forms", () => {
    expect(imageAddress({ repositoryUri: URI }, DIGEST, 'ipv4')).toBe(`${URI}@${DIGEST}`);
    expect(repositoryAddress(URI, 'dual-stack')).toBe('123456789012.dkr-ecr.us-west-2.on.aws/portfolio');
    expect(repositoryAddress('123456789012.dkr.ecr.eu-west-1.amazonaws.com/a/b', 'dual-stack')).toBe(
      '123456789012.dkr-ecr.eu-west-1.on.aws/a/b',
    );
    expect(() => repositoryAddress('123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/a', 'dual-stack')).toThrow(
      'no dual-stack form is known for it',
    );
    expect(() => repositoryAddress('ghcr.io/x', 'dual-stack')).toThrow('is not an ECR repository URI');
  });
});
