import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient, type Task } from '@aws-sdk/client-ecs';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { FrontDoorConfig, TaskAddressSource } from '../../src/front-door/config';
import type { HttpRequestEvent } from '../../src/front-door/events';

export const NOW = Date.parse('2026-11-29T12:00:00.000Z');
export const CLUSTER = 'portfolio';
export const SERVICE = 'portfolio';
export const PARAMETER = '/portfolio/front-door/last-request';
export const TASK_ARN = 'arn:aws:ecs:us-west-2:123456789012:task/portfolio/0123456789abcdef0';
export const ENI = 'eni-0123456789abcdef0';

const offline = { region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
export const clients = (): { ecs: ECSClient; ec2: EC2Client; ssm: SSMClient } => ({
  ecs: new ECSClient(offline),
  ec2: new EC2Client(offline),
  ssm: new SSMClient(offline),
});

export function config(port = 8000, idleMinutes = 30, taskAddress: TaskAddressSource = 'public-ip'): FrontDoorConfig {
  return { cluster: CLUSTER, service: SERVICE, port, idleMinutes, activityParameter: PARAMETER, taskAddress };
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

/** An HTTP API request (payload format 2.0) as API Gateway sends it. */
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
