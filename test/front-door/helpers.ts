import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient, type Task } from '@aws-sdk/client-ecs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { parameterNames } from '../../src/front-door/activity';
import type { FrontDoorConfig } from '../../src/front-door/config';
import type { HttpRequestEvent } from '../../src/front-door/events';
import type { AwsClients } from '../../src/front-door/sdk';

export const NOW = Date.parse('2026-11-29T12:00:00.000Z');
export const CLUSTER = 'portfolio';
export const SERVICE = 'portfolio';
export const PARAMETERS = parameterNames('/portfolio/front-door');
export const SECRET = '5e2f8a10-3c4b-11f1-9d2e-0a1b2c3d4e5f';
export const TASK_ARN = 'arn:aws:ecs:us-west-2:123456789012:task/portfolio/0123456789abcdef0';
export const ENI = 'eni-0123456789abcdef0';
export const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const offline = { region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
/** Real SDK clients (mocked per test with aws-sdk-client-mock). */
export const clients = (): { ecs: ECSClient; ec2: EC2Client; ssm: SSMClient } => ({
  ecs: new ECSClient(offline),
  ec2: new EC2Client(offline),
  ssm: new SSMClient(offline),
});
/** The same clients as the front door asks for them. */
export const asAwsClients = (c: ReturnType<typeof clients>): AwsClients => ({ ecs: () => c.ecs, ec2: () => c.ec2, ssm: () => c.ssm });

export function config(port = 8000, idleMinutes = 30, over: Partial<FrontDoorConfig> = {}): FrontDoorConfig {
  return {
    cluster: CLUSTER,
    service: SERVICE,
    port,
    idleMinutes,
    parameters: PARAMETERS,
    wakeOn: 'navigation',
    dailyRunHours: 12,
    originSecret: SECRET,
    ...over,
  };
}

/** A task as DescribeTasks returns it. */
export function task(lastStatus: string, extra: Partial<Task> = {}): Task {
  return {
    taskArn: TASK_ARN,
    lastStatus,
    desiredStatus: 'RUNNING',
    attachments: [
      {
        type: 'ElasticNetworkInterface',
        status: 'ATTACHED',
        details: [
          { name: 'subnetId', value: 'subnet-0aaaaaaaaaaaaaaaa' },
          { name: 'networkInterfaceId', value: ENI },
          { name: 'privateIPv4Address', value: '10.0.0.12' },
        ],
      },
    ],
    ...extra,
  };
}

/** An HTTP API request (payload format 2.0) as API Gateway sends it; by default not a browser's. */
export function request(method: string, path: string, extra: Partial<HttpRequestEvent> = {}): HttpRequestEvent {
  const [rawPath = '/', rawQueryString = ''] = path.split('?');
  return {
    rawPath,
    rawQueryString,
    headers: { host: 'abc123.execute-api.us-west-2.amazonaws.com', 'user-agent': 'test' },
    requestContext: { http: { method, sourceIp: '203.0.113.7' } },
    ...extra,
  };
}

/** A browser's navigation to `path` (what wakes the app by default). */
export function navigation(path = '/', headers: Record<string, string> = {}): HttpRequestEvent {
  return request('GET', path, {
    headers: {
      host: 'abc123.execute-api.us-west-2.amazonaws.com',
      'user-agent': BROWSER,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
      ...headers,
    },
  });
}
