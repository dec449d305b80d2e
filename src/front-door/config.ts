/**
 * What the front door knows about its stack, read once from the function's environment
 * (set by the template, see src/template/front-door.ts).
 */

/** Names of the environment variables the template sets. */
export const ENV = {
  cluster: 'CLUSTER',
  service: 'SERVICE',
  port: 'PORT',
  idleMinutes: 'IDLE_MINUTES',
  activityParameter: 'LAST_REQUEST_PARAMETER',
  /** Where the task's address comes from (see {@link TaskAddressSource}); unset means `public-ip`. */
  taskAddress: 'TASK_ADDRESS',
  /** The SDK's own switch to dual-stack endpoints: `true` when the function runs in the VPC. */
  dualStack: 'AWS_USE_DUALSTACK_ENDPOINT',
} as const;

/**
 * How the front door reaches the task: its IPv6 address (IPv6-only subnets), its private IPv4
 * address (the front door in the VPC, the task with a public IPv4 too), or its public IP (the
 * front door outside the VPC). The template sets it with the layout (src/template/network.ts).
 */
export type TaskAddressSource = 'ipv6' | 'private-ipv4' | 'public-ip';
const TASK_ADDRESS_SOURCES: readonly TaskAddressSource[] = ['ipv6', 'private-ipv4', 'public-ip'];

/** The stack's app, as the front door reaches and controls it. */
export interface FrontDoorConfig {
  /** ECS cluster name or ARN. */
  cluster: string;
  /** ECS service name or ARN (in `cluster`). */
  service: string;
  /** Port the app listens on in its task (the template's ContainerPort). */
  port: number;
  /** Minutes without requests before the idle check stops the service; 0 = never. */
  idleMinutes: number;
  /** SSM parameter that holds the time of the last request (ISO 8601). */
  activityParameter: string;
  /** Where the task's address comes from. */
  taskAddress: TaskAddressSource;
}

/** A variable the template should have set is missing or malformed. */
export class FrontDoorConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem} (the stack sets it: update the stack, not the function)`);
    this.name = 'FrontDoorConfigError';
  }
}

export function readConfig(env: Record<string, string | undefined>): FrontDoorConfig {
  const text = (name: string): string => {
    const value = env[name];
    if (!value) throw new FrontDoorConfigError(name, 'is not set');
    return value;
  };
  const whole = (name: string, min: number, max: number): number => {
    const value = Number(text(name));
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new FrontDoorConfigError(name, `must be a whole number from ${min} to ${max}`);
    }
    return value;
  };
  return {
    cluster: text(ENV.cluster),
    service: text(ENV.service),
    port: whole(ENV.port, 1, 65535),
    idleMinutes: whole(ENV.idleMinutes, 0, 10080),
    activityParameter: text(ENV.activityParameter),
    taskAddress: addressSource(env[ENV.taskAddress]),
  };
}

function addressSource(value: string | undefined): TaskAddressSource {
  if (value === undefined || value === '') return 'public-ip';
  const known = TASK_ADDRESS_SOURCES.find((s) => s === value);
  if (!known) throw new FrontDoorConfigError(ENV.taskAddress, `must be one of ${TASK_ADDRESS_SOURCES.join(', ')}`);
  return known;
}
