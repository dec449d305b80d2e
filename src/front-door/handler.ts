/**
 * The Lambda entry point (bundled into the template's `Code.ZipFile` as index.handler). One
 * function serves both jobs: HTTP API requests (the front door) and the scheduled idle check.
 * Clients, the cache and the activity recorder live as long as the function instance. Loading
 * this file loads no AWS SDK package: each is loaded on first use (sdk.ts), so the init Lambda
 * bills on every cold start stays small.
 */
import { ActivityRecorder } from './activity';
import { readConfig } from './config';
import { isHttpRequest, isIdleCheck, type HttpResponse, type IdleCheckEvent, type HttpRequestEvent } from './events';
import { handleRequest, type FrontDoorDeps } from './front-door';
import { checkIdle, type IdleDecision } from './idle-stop';
import { lazyClients } from './sdk';
import { StateCache } from './state-cache';

/** Builds the handler for one function instance from its environment. */
function createHandler(env: Record<string, string | undefined>) {
  const config = readConfig(env);
  const clients = lazyClients();
  const deps: FrontDoorDeps = {
    clients,
    config,
    activity: new ActivityRecorder(clients.ssm, config.parameters.lastRequest),
    cache: new StateCache(),
    now: () => Date.now(),
    log: (message, detail) => console.log(JSON.stringify({ message, ...detail })),
  };
  return async (event: HttpRequestEvent | IdleCheckEvent): Promise<HttpResponse | IdleDecision> => {
    if (isHttpRequest(event)) return handleRequest(event, deps);
    if (isIdleCheck(event)) {
      const decision = await checkIdle({ clients, config, now: deps.now });
      deps.log('idle check', { ...decision });
      return decision;
    }
    throw new Error('Not an HTTP API request (payload 2.0) nor {"idleCheck":true}');
  };
}

let instance: ReturnType<typeof createHandler> | undefined;

/**
 * Lambda's entry (index.handler): one handler per function instance, built on the first event.
 * Assigned to `module.exports` rather than `export`ed, so the bundle is plain CommonJS without
 * esbuild's ESM interop helpers.
 */
module.exports.handler = (event: HttpRequestEvent | IdleCheckEvent): Promise<HttpResponse | IdleDecision> => {
  instance ??= createHandler(process.env);
  return instance(event);
};
