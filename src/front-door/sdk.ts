/**
 * The front door's AWS SDK clients, each package loaded on its first use: Lambda bills the
 * init of every cold start, and a request that needs only ECS (a proxied request confirming
 * its task) should not pay for loading EC2 or SSM. The clients keep the SDK's own endpoint
 * resolution: `AWS_ENDPOINT_URL` (and `AWS_ENDPOINT_URL_<SERVICE>`), `AWS_USE_DUALSTACK_ENDPOINT`,
 * the region from `AWS_REGION`.
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SSMClient } from '@aws-sdk/client-ssm';

/** The ECS package (commands and client), loaded on the first call. */
export type EcsSdk = typeof import('@aws-sdk/client-ecs');
/** The EC2 package, loaded on the first call (only the public-IP address source needs it). */
export type Ec2Sdk = typeof import('@aws-sdk/client-ec2');
/** The SSM package, loaded on the first call. */
export type SsmSdk = typeof import('@aws-sdk/client-ssm');

// `require` here, not `import`: esbuild keeps each call where it is, so the package loads when
// the function first runs, not when the bundle does.
export const ecsSdk = (): EcsSdk => require('@aws-sdk/client-ecs') as EcsSdk;
export const ec2Sdk = (): Ec2Sdk => require('@aws-sdk/client-ec2') as Ec2Sdk;
export const ssmSdk = (): SsmSdk => require('@aws-sdk/client-ssm') as SsmSdk;

/** The clients, each made on its first use and kept for the function instance. */
export interface AwsClients {
  ecs(): ECSClient;
  ec2(): EC2Client;
  ssm(): SSMClient;
}

/** Clients made from the environment on first use (the function's own). */
export function lazyClients(): AwsClients {
  let ecs: ECSClient | undefined;
  let ec2: EC2Client | undefined;
  let ssm: SSMClient | undefined;
  return {
    ecs: () => (ecs ??= new (ecsSdk().ECSClient)({})),
    ec2: () => (ec2 ??= new (ec2Sdk().EC2Client)({})),
    ssm: () => (ssm ??= new (ssmSdk().SSMClient)({})),
  };
}
