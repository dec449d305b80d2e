/**
 * The front door in the VPC: the task's address from DescribeTasks (no EC2 call), a request
 * forwarded to an IPv6 literal, and the SDK's dual-stack endpoints.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeNetworkInterfacesCommand } from '@aws-sdk/client-ec2';
import { DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { readAppState } from '../../src/front-door/app-state';
import { sdkEndpointConfig } from '../../src/front-door/endpoints';
import { forward } from '../../src/front-door/proxy';
import { NoTaskAddressError, vpcAddress } from '../../src/front-door/task-address';
import { NOW, TASK_ARN, asAwsClients, clients, config, request, task } from './helpers';

const IPV6 = '2600:1f14:abc:de02:1a2b:3c4d:5e6f:7a8b';

/** A running task in an IPv6-only subnet: ECS reports no private IPv4 there. */
function ipv6Task(where: 'attachment' | 'container') {
  return task('RUNNING', {
    attachments: [
      {
        type: 'ElasticNetworkInterface',
        status: 'ATTACHED',
        details: [
          { name: 'subnetId', value: 'subnet-06666666666666666' },
          { name: 'networkInterfaceId', value: 'eni-0123456789abcdef0' },
          ...(where === 'attachment' ? [{ name: 'ipv6Address', value: IPV6 }] : []),
        ],
      },
    ],
    containers: [{ name: 'app', networkInterfaces: where === 'container' ? [{ attachmentId: 'a1', ipv6Address: IPV6 }] : [] }],
  });
}

describe("the task's address inside the VPC", () => {
  it('is its IPv6 address, from the network interface attachment or else from its container', () => {
    expect(vpcAddress(ipv6Task('attachment'), 'ipv6')).toBe(IPV6);
    expect(vpcAddress(ipv6Task('container'), 'ipv6')).toBe(IPV6);
  });

  it('is its private IPv4 address when the task also has a public IPv4 (TaskPublicIp)', () => {
    expect(vpcAddress(task('RUNNING'), 'private-ipv4')).toBe('10.0.0.12');
  });

  it('is refused with the reason when the task has none (a task outside the IPv6-only subnets)', () => {
    expect(() => vpcAddress(task('RUNNING'), 'ipv6')).toThrow(NoTaskAddressError);
    expect(() => vpcAddress(task('RUNNING'), 'ipv6')).toThrow(
      `Task ${TASK_ARN} has no IPv6 address in DescribeTasks: the service must run in IPv6-only subnets (ExistingTaskSubnetIds, or the stack's own)`,
    );
  });

  it('is read from ECS alone: no EC2 call in the private layout', async () => {
    const c = clients();
    const ecs = mockClient(c.ecs);
    const ec2 = mockClient(c.ec2);
    ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [TASK_ARN] });
    ecs.on(DescribeTasksCommand).resolves({ tasks: [ipv6Task('container')] });
    const state = await readAppState(asAwsClients(c), config(8000, 30, { taskAddress: 'ipv6' }), NOW);
    expect(state).toMatchObject({ kind: 'running', address: IPV6, taskArn: TASK_ARN });
    expect(ec2.commandCalls(DescribeNetworkInterfacesCommand)).toEqual([]);
  });
});

describe('a request forwarded to an IPv6 address', () => {
  // The app listens on the IPv6 loopback (::1), as the task does on its IPv6 address; skipped
  // where this machine has no IPv6 loopback. No traffic leaves the machine.
  let app: Server | undefined;
  let port = 0;
  beforeAll(async () => {
    const server = createServer((req, res) => res.end(`${req.method} ${req.url} host=${req.headers.host}`));
    app = await new Promise<Server | undefined>((resolve) => {
      server.once('error', () => resolve(undefined));
      server.listen(0, '::1', () => resolve(server));
    });
    port = app ? (app.address() as AddressInfo).port : 0;
  });
  afterAll(async () => new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve())));

  it('reaches the app at the bare IPv6 literal DescribeTasks gives (no brackets needed)', async () => {
    if (!app) return;
    const upstream = {
      host: '::1',
      port,
      connectTimeoutMs: 1000,
      deadline: Date.now() + 5000,
      now: () => Date.now(),
      originHeader: 'x-front-door-secret',
      originSecret: 's',
    };
    const { response, fromApp } = await forward(request('GET', '/hello?x=1'), upstream);
    expect([response.statusCode, fromApp]).toEqual([200, true]);
    expect(Buffer.from(response.body ?? '', response.isBase64Encoded ? 'base64' : 'utf8').toString()).toMatch(/^GET \/hello\?x=1 host=/);
  });
});

describe("the SDK clients' endpoints", () => {
  /** The host a client would send this command to, without sending it. */
  async function hostOf(client: ECSClient | SSMClient, command: ListTasksCommand | GetParameterCommand): Promise<string> {
    let host = '';
    const stack = client.middlewareStack as unknown as {
      add(m: () => (args: { request: unknown }) => Promise<never>, o: { step: 'finalizeRequest'; priority: 'low' }): void;
    };
    stack.add(
      () => async (args) => {
        host = (args.request as { hostname: string }).hostname;
        throw new Error('stop here');
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    await (client.send as (c: unknown) => Promise<unknown>)(command).catch(() => undefined);
    return host;
  }
  const offline = { region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };

  it('are the dual-stack ones (ecs/ssm.<region>.api.aws) when the template says so', async () => {
    const sdk = sdkEndpointConfig({ AWS_USE_DUALSTACK_ENDPOINT: 'true' });
    expect(sdk).toEqual({ useDualstackEndpoint: true });
    expect(await hostOf(new ECSClient({ ...offline, ...sdk }), new ListTasksCommand({}))).toBe('ecs.us-west-2.api.aws');
    expect(await hostOf(new SSMClient({ ...offline, ...sdk }), new GetParameterCommand({ Name: '/x' }))).toBe('ssm.us-west-2.api.aws');
  });

  it('are the usual ones outside the VPC, and against a local endpoint (the SDK refuses dual-stack with one)', async () => {
    expect(sdkEndpointConfig({ AWS_USE_DUALSTACK_ENDPOINT: 'false' })).toEqual({ useDualstackEndpoint: false });
    expect(sdkEndpointConfig({})).toEqual({ useDualstackEndpoint: false });
    expect(sdkEndpointConfig({ AWS_USE_DUALSTACK_ENDPOINT: 'true', AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' })).toEqual({
      useDualstackEndpoint: false,
    });
    expect(await hostOf(new ECSClient({ ...offline, useDualstackEndpoint: false }), new ListTasksCommand({}))).toBe(
      'ecs.us-west-2.amazonaws.com',
    );
  });
});
