/**
 * What the deployer knows about its stack, read once from the function's environment (set by
 * the template, see src/template/deployer.ts). Nothing in a request can change any of it.
 */

/** Names of the environment variables the template sets. */
export const DEPLOYER_ENV = {
  cluster: 'CLUSTER',
  service: 'SERVICE',
  taskDefinition: 'TASK_DEFINITION',
  container: 'CONTAINER',
  repository: 'REPOSITORY',
  repositoryUri: 'REPOSITORY_URI',
  imageAddress: 'IMAGE_ADDRESS',
  port: 'PORT',
  appUrl: 'APP_URL',
  activityParameter: 'LAST_START_PARAMETER',
} as const;

/**
 * How the task reaches ECR, and so the image address the deployer writes into the task
 * definition: `ipv4` is the repository URI (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>`);
 * `dual-stack` is ECR's dual-stack endpoint (`<account>.dkr-ecr.<region>.on.aws/<repo>`), which
 * IPv6-only subnets need (AWS containers blog, "Amazon ECS announces IPv6-only support", 2025).
 */
export type ImageAddressForm = 'ipv4' | 'dual-stack';
export const IMAGE_ADDRESS_FORMS: readonly ImageAddressForm[] = ['ipv4', 'dual-stack'];

/**
 * The tag keys the stack puts on its task definitions (PropagateTags): a new revision copies
 * these and no other, and the deployer's ecs:TagResource grant allows only these (aws:TagKeys).
 */
export const TASK_DEFINITION_TAG_KEYS: readonly string[] = ['app'];

/** The stack's app, as the deployer controls it. */
export interface DeployerConfig {
  /** ECS cluster name or ARN. */
  cluster: string;
  /** ECS service name or ARN (in `cluster`). */
  service: string;
  /**
   * ARN of the revision the stack's `TaskDefinition` resource names: every deploy copies this
   * one (not whatever the service runs now), changing only the image.
   */
  taskDefinition: string;
  /** Name of the app's container in the task definition. */
  container: string;
  /** The stack's ECR repository name: the only repository a deploy takes images from. */
  repository: string;
  /** The repository's URI, `<account>.dkr.ecr.<region>.amazonaws.com/<repo>`. */
  repositoryUri: string;
  /** The image address form the task's network needs. */
  imageAddress: ImageAddressForm;
  /** Port the app listens on (the URL of a task on its public IP). */
  port: number;
  /** The front door's HTTPS URL; empty without a front door. */
  appUrl: string;
  /** The front door's `last-start` parameter (the owner's start and deploy are recorded there); empty without a front door (then a start records nothing). */
  activityParameter: string;
}

/** A variable the template should have set is missing or malformed. */
export class DeployerConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem} (the stack sets it: update the stack, not the function)`);
    this.name = 'DeployerConfigError';
  }
}

export function readDeployerConfig(env: Readonly<Record<string, string | undefined>>): DeployerConfig {
  const text = (name: string): string => {
    const value = env[name];
    if (!value) throw new DeployerConfigError(name, 'is not set');
    return value;
  };
  const form = env[DEPLOYER_ENV.imageAddress] || 'ipv4';
  if (!(IMAGE_ADDRESS_FORMS as readonly string[]).includes(form)) {
    throw new DeployerConfigError(DEPLOYER_ENV.imageAddress, `must be ${IMAGE_ADDRESS_FORMS.join(' or ')}, not "${form}"`);
  }
  const port = Number(text(DEPLOYER_ENV.port));
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new DeployerConfigError(DEPLOYER_ENV.port, 'must be a port from 1 to 65535');
  return {
    cluster: text(DEPLOYER_ENV.cluster),
    service: text(DEPLOYER_ENV.service),
    taskDefinition: text(DEPLOYER_ENV.taskDefinition),
    container: text(DEPLOYER_ENV.container),
    repository: text(DEPLOYER_ENV.repository),
    repositoryUri: text(DEPLOYER_ENV.repositoryUri),
    imageAddress: form as ImageAddressForm,
    port,
    appUrl: env[DEPLOYER_ENV.appUrl] ?? '',
    activityParameter: env[DEPLOYER_ENV.activityParameter] ?? '',
  };
}
