/**
 * Starting and stopping the app: the service's desired count, the same switch the start/stop
 * workflow uses, and stopping one task that never served. Nothing else about the service is changed.
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { FrontDoorConfig } from './config';
import { ecsSdk } from './sdk';

export async function setDesiredCount(ecs: ECSClient, config: FrontDoorConfig, desiredCount: 0 | 1): Promise<void> {
  const { UpdateServiceCommand } = ecsSdk();
  await ecs.send(new UpdateServiceCommand({ cluster: config.cluster, service: config.service, desiredCount }));
}

/** Stops one task of the service (ECS then starts a replacement), giving ECS the reason it records. */
export async function stopTask(ecs: ECSClient, config: FrontDoorConfig, taskArn: string, reason: string): Promise<void> {
  const { StopTaskCommand } = ecsSdk();
  await ecs.send(new StopTaskCommand({ cluster: config.cluster, task: taskArn, reason }));
}
