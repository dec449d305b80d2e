/**
 * The bundled deployer (the exact text that goes into the template's Code.ZipFile), run as
 * Lambda runs it, loaded as CommonJS in Node, its SDK clients pointed at moto_server through
 * AWS_ENDPOINT_URL (moto runs Lambda functions only through docker, so the function is run here).
 * moto holds the repository with a pushed image, the cluster, the stack's task definition and
 * the service; the test reads back what the deployer changed.
 */
import { CreateRepositoryCommand, DescribeImagesCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { bundleDeployer } from '../../src/deployer/bundle';
import { describeWithMoto, startMoto, type Moto } from '../moto';

type Handler = (event: unknown) => Promise<Record<string, unknown>>;
const REGION = 'us-west-2';
const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 1, digest: `sha256:${'c'.repeat(64)}` },
  layers: [],
});

describeWithMoto('the bundled deployer against moto_server (ECS, ECR, SSM)', () => {
  let moto: Moto;
  let handler: Handler;
  let ecs: ECSClient;
  let ssm: SSMClient;
  let repositoryUri = '';
  let stackRevision = '';
  // The front door's record of the last start, which the owner's start and deploy write.
  const parameter = '/portfolio/front-door/last-start';
  const lastStart = async (): Promise<unknown> =>
    JSON.parse((await ssm.send(new GetParameterCommand({ Name: parameter }))).Parameter?.Value ?? '');
  const saved = { ...process.env };

  beforeAll(async () => {
    moto = await startMoto(REGION);
    const ecr = new ECRClient({});
    ecs = new ECSClient({});
    ssm = new SSMClient({});
    repositoryUri = (await ecr.send(new CreateRepositoryCommand({ repositoryName: 'portfolio' }))).repository?.repositoryUri ?? '';
    await ecr.send(new PutImageCommand({ repositoryName: 'portfolio', imageTag: 'v1', imageManifest: MANIFEST }));
    await ecs.send(new CreateClusterCommand({ clusterName: 'portfolio' }));
    stackRevision =
      (
        await ecs.send(
          new RegisterTaskDefinitionCommand({
            family: 'portfolio',
            networkMode: 'awsvpc',
            requiresCompatibilities: ['FARGATE'],
            cpu: '256',
            memory: '512',
            taskRoleArn: 'arn:aws:iam::123456789012:role/portfolio-task-us-west-2',
            executionRoleArn: 'arn:aws:iam::123456789012:role/portfolio-task-execution-us-west-2',
            containerDefinitions: [
              { name: 'app', image: `${repositoryUri}:latest`, essential: true, portMappings: [{ containerPort: 8000 }] },
            ],
          }),
        )
      ).taskDefinition?.taskDefinitionArn ?? '';
    await ecs.send(
      new CreateServiceCommand({ cluster: 'portfolio', serviceName: 'portfolio', taskDefinition: stackRevision, desiredCount: 0 }),
    );
    await ssm.send(new PutParameterCommand({ Name: parameter, Value: '{}', Type: 'String' })); // as the template creates it
    Object.assign(process.env, {
      CLUSTER: 'portfolio',
      SERVICE: 'portfolio',
      TASK_DEFINITION: stackRevision,
      CONTAINER: 'app',
      REPOSITORY: 'portfolio',
      REPOSITORY_URI: repositoryUri,
      IMAGE_ADDRESS: 'ipv4',
      PORT: '8000',
      APP_URL: 'https://abc.execute-api.us-west-2.amazonaws.com',
      LAST_START_PARAMETER: parameter,
    });
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const mod = { exports: {} as { handler?: Handler } };
    new Function('require', 'module', 'exports', bundleDeployer())(require, mod, mod.exports);
    if (!mod.exports.handler) throw new Error('the bundle exports no handler');
    handler = mod.exports.handler;
  }, 60_000);

  afterAll(() => {
    jest.restoreAllMocks();
    moto?.stop();
    process.env = saved;
  });

  it("deploys a tag: a new revision of the stack's task definition with the image pinned by digest, and the service on it", async () => {
    // The digest ECR gives the tag (moto 5.2 computes it from an empty body, not the manifest).
    const digest =
      (await new ECRClient({}).send(new DescribeImagesCommand({ repositoryName: 'portfolio', imageIds: [{ imageTag: 'v1' }] })))
        .imageDetails?.[0]?.imageDigest ?? '';
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const result = await handler({ action: 'deploy', image: 'v1' });
    expect(result).toMatchObject({ action: 'deploy', digest, image: `${repositoryUri}@${digest}`, revision: 2 });
    const registered = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: String(result['taskDefinition']) })))
      .taskDefinition;
    expect(registered?.containerDefinitions?.[0]?.image).toBe(`${repositoryUri}@${digest}`);
    expect(registered?.taskRoleArn).toBe('arn:aws:iam::123456789012:role/portfolio-task-us-west-2');
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: 'portfolio', services: ['portfolio'] }))).services?.[0];
    expect(service?.taskDefinition).toBe(result['taskDefinition']);
    expect(service?.desiredCount).toBe(0); // a deploy never starts a stopped app
    const recorded = (await lastStart()) as { at: string; by: string };
    expect(recorded).toEqual({ at: expect.any(String), by: 'owner' });
    expect(Date.parse(recorded.at)).toBeGreaterThan(Date.parse('2026-01-01'));
  });

  it("starts, reports and stops: only the desired count changes; the start is recorded as the owner's", async () => {
    await ssm.send(new PutParameterCommand({ Name: parameter, Value: '{}', Type: 'String', Overwrite: true }));
    expect(await handler({ action: 'start' })).toEqual({ action: 'start', desiredCount: 1 });
    expect(await lastStart()).toEqual({ at: expect.any(String), by: 'owner' });
    const status = await handler({ action: 'status' });
    expect(status).toMatchObject({ action: 'status', desiredCount: 1, url: 'https://abc.execute-api.us-west-2.amazonaws.com' });
    expect(await handler({ action: 'stop' })).toEqual({ action: 'stop', desiredCount: 0 });
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: 'portfolio', services: ['portfolio'] }))).services?.[0];
    expect(service?.desiredCount).toBe(0);
  });

  it('refuses an image of another registry, an unknown tag and an unknown action, changing nothing', async () => {
    const before = (await ecs.send(new DescribeServicesCommand({ cluster: 'portfolio', services: ['portfolio'] }))).services?.[0]
      ?.taskDefinition;
    await expect(handler({ action: 'deploy', image: 'public.ecr.aws/docker/library/nginx:latest' })).rejects.toThrow('is an image address');
    await expect(handler({ action: 'deploy', image: 'v404' })).rejects.toThrow(
      'Refused: repository portfolio has no image with tag v404: push it first.',
    );
    await expect(handler({ action: 'scale' })).rejects.toThrow('Refused: unknown action "scale"');
    const after = (await ecs.send(new DescribeServicesCommand({ cluster: 'portfolio', services: ['portfolio'] }))).services?.[0]
      ?.taskDefinition;
    expect(after).toBe(before);
  });
});
