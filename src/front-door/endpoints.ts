/**
 * Which AWS endpoints the function's SDK clients use. In the VPC (the private layout) the
 * function has no IPv4 way out, so the template sets AWS_USE_DUALSTACK_ENDPOINT=true and the
 * clients call the dual-stack endpoints (`ecs.<region>.api.aws`, ...); a region without one
 * fails the call rather than falling back to IPv4. Against a local endpoint (AWS_ENDPOINT_URL:
 * tests, moto) dual-stack is off, since the SDK refuses a custom endpoint with it.
 */
import { ENV } from './config';

/** The settings every client of the function is built with. */
export interface SdkEndpointConfig {
  /** Call the services' dual-stack (IPv4 and IPv6) endpoints. */
  useDualstackEndpoint: boolean;
}

export function sdkEndpointConfig(env: Record<string, string | undefined>): SdkEndpointConfig {
  return { useDualstackEndpoint: env[ENV.dualStack] === 'true' && !env['AWS_ENDPOINT_URL'] };
}
