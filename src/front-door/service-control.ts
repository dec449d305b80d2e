/**
 * Starting and stopping the app: the service's desired count, the same switch the start/stop
 * workflow uses. Nothing else about the service is changed.
 */
import { UpdateServiceCommand, type ECSClient } from '@aws-sdk/client-ecs';
import type { FrontDoorConfig } from './config';

export async function setDesiredCount(ecs: ECSClient, config: FrontDoorConfig, desiredCount: 0 | 1): Promise<void> {
  await ecs.send(new UpdateServiceCommand({ cluster: config.cluster, service: config.service, desiredCount }));
}
