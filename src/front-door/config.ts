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
} as const;

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
  };
}
