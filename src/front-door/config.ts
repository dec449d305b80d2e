/**
 * What the front door knows about its stack, read once from the function's environment
 * (set by the template, see src/template/front-door.ts).
 */
import { parameterNames, type ParameterNames } from './activity';
import type { WakeOn } from './wake-policy';

/** Names of the environment variables the template sets. */
export const ENV = {
  cluster: 'CLUSTER',
  service: 'SERVICE',
  port: 'PORT',
  idleMinutes: 'IDLE_MINUTES',
  parameterPath: 'PARAMETER_PATH',
  wakeOnAnyRequest: 'WAKE_ON_ANY_REQUEST',
  dailyRunHours: 'DAILY_RUN_HOURS',
  originSecret: 'ORIGIN_SECRET',
} as const;

/**
 * The header every proxied request carries, with the stack's origin secret. The app refuses
 * requests without it (docs: the front door page has the middleware); client copies are dropped.
 */
export const ORIGIN_HEADER = 'x-front-door-secret';
/** The container's environment variable holding the same secret. */
export const ORIGIN_SECRET_VARIABLE = 'FRONT_DOOR_SECRET';

/** The stack's app, as the front door reaches and controls it. */
export interface FrontDoorConfig {
  /** ECS cluster name or ARN. */
  cluster: string;
  /** ECS service name or ARN (in `cluster`). */
  service: string;
  /** Port the app listens on in its task (the template's ContainerPort). */
  port: number;
  /** Minutes without counted requests (or starts) before the idle check stops the service; 0 = never. */
  idleMinutes: number;
  /** The SSM parameters of the front door's records (see activity.ts). */
  parameters: ParameterNames;
  /** Which requests wake the app and count as activity. */
  wakeOn: WakeOn;
  /** Hours the app may run per UTC day after visitors woke it; 0 = no budget. */
  dailyRunHours: number;
  /** The per-stack secret sent to the app in {@link ORIGIN_HEADER}. */
  originSecret: string;
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
  const anyRequest = text(ENV.wakeOnAnyRequest);
  if (anyRequest !== 'true' && anyRequest !== 'false') throw new FrontDoorConfigError(ENV.wakeOnAnyRequest, 'must be true or false');
  return {
    cluster: text(ENV.cluster),
    service: text(ENV.service),
    port: whole(ENV.port, 1, 65535),
    idleMinutes: whole(ENV.idleMinutes, 0, 10080),
    parameters: parameterNames(text(ENV.parameterPath)),
    wakeOn: anyRequest === 'true' ? 'any-request' : 'navigation',
    dailyRunHours: whole(ENV.dailyRunHours, 0, 24),
    originSecret: text(ENV.originSecret),
  };
}
