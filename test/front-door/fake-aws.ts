/**
 * A fake of the three AWS APIs the front door calls, on loopback: ECS and SSM (JSON 1.1,
 * routed by X-Amz-Target) and EC2 (query protocol, XML). The SDK reaches it through
 * AWS_ENDPOINT_URL, so the real clients, serializers and parsers run.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeTask {
  arn: string;
  lastStatus: string;
  desiredStatus: 'RUNNING' | 'STOPPED';
  createdAt: number;
  publicIp: string;
  eni: string;
}

export interface FakeAws {
  url: string;
  desiredCount: number;
  tasks: FakeTask[];
  parameters: Map<string, string>;
  /** Each call as `Service.Operation` with its input. */
  calls: { op: string; input: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startFakeAws(): Promise<FakeAws> {
  const fake: Omit<FakeAws, 'url' | 'close'> = { desiredCount: 0, tasks: [], parameters: new Map(), calls: [] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const target = String(req.headers['x-amz-target'] ?? '');
      const json = (status: number, out: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(out));
      };
      if (target.startsWith('AmazonEC2ContainerServiceV20141113.')) {
        const op = target.split('.')[1] ?? '';
        const input = JSON.parse(body) as Record<string, unknown>;
        fake.calls.push({ op: `ECS.${op}`, input });
        json(200, ecs(fake, op, input));
      } else if (target.startsWith('AmazonSSM.')) {
        const op = target.split('.')[1] ?? '';
        const input = JSON.parse(body) as { Name: string; Value?: string; Names?: string[] };
        fake.calls.push({ op: `SSM.${op}`, input });
        if (op === 'PutParameter') {
          fake.parameters.set(input.Name, input.Value ?? '');
          json(200, { Version: 1 });
        } else if (op === 'GetParameters') {
          const names = input.Names ?? [];
          json(200, {
            Parameters: names
              .filter((n) => fake.parameters.has(n))
              .map((n) => ({ Name: n, Type: 'String', Value: fake.parameters.get(n) })),
            InvalidParameters: names.filter((n) => !fake.parameters.has(n)),
          });
        } else {
          const value = fake.parameters.get(input.Name);
          if (value === undefined) json(400, { __type: 'ParameterNotFound', message: '' });
          else json(200, { Parameter: { Name: input.Name, Type: 'String', Value: value } });
        }
      } else {
        const form = new URLSearchParams(body);
        const eni = form.get('NetworkInterfaceId.1') ?? '';
        fake.calls.push({ op: `EC2.${form.get('Action')}`, input: { NetworkInterfaceId: eni } });
        const task = fake.tasks.find((t) => t.eni === eni);
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          '<DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>' +
            `<networkInterfaceSet><item><networkInterfaceId>${eni}</networkInterfaceId>` +
            (task ? `<association><publicIp>${task.publicIp}</publicIp></association>` : '') +
            '</item></networkInterfaceSet></DescribeNetworkInterfacesResponse>',
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

function ecs(fake: Omit<FakeAws, 'url' | 'close'>, op: string, input: Record<string, unknown>): unknown {
  switch (op) {
    case 'ListTasks':
      return { taskArns: fake.tasks.filter((t) => t.desiredStatus === input['desiredStatus']).map((t) => t.arn) };
    case 'DescribeTasks':
      return {
        tasks: fake.tasks
          .filter((t) => (input['tasks'] as string[]).includes(t.arn))
          .map((t) => ({
            taskArn: t.arn,
            lastStatus: t.lastStatus,
            desiredStatus: t.desiredStatus,
            createdAt: t.createdAt / 1000,
            startedAt: t.createdAt / 1000,
            attachments: [{ type: 'ElasticNetworkInterface', details: [{ name: 'networkInterfaceId', value: t.eni }] }],
          })),
        failures: [],
      };
    case 'DescribeServices':
      return { services: [{ serviceName: 'portfolio', status: 'ACTIVE', desiredCount: fake.desiredCount }], failures: [] };
    case 'StopTask':
      return { task: { taskArn: input['task'] } };
    case 'UpdateService':
      fake.desiredCount = input['desiredCount'] as number;
      return { service: { serviceName: 'portfolio', desiredCount: fake.desiredCount } };
    default:
      throw new Error(`fake ECS has no ${op}`);
  }
}
