/**
 * The deployer's Lambda entry point (bundled into the template's `Code.ZipFile` as
 * index.handler). GitHub Actions invoke it with the deploy role, which may do nothing else to
 * ECS: see src/template/deployer.ts for its role and the security model in the docs. The SDK
 * clients honour AWS_ENDPOINT_URL, so tests point them at a local endpoint.
 */
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { recordOwnerStart } from '../front-door/activity';
import { runAction, type DeployerDeps, type DeployerResult } from './actions';
import { readDeployerConfig } from './config';
import { parseRequest } from './request';

function createHandler(env: Readonly<Record<string, string | undefined>>) {
  const deps: DeployerDeps = {
    clients: { ecs: new ECSClient({}), ecr: new ECRClient({}), ec2: new EC2Client({}), ssm: new SSMClient({}) },
    config: readDeployerConfig(env),
    now: () => Date.now(),
    recordOwnerStart,
  };
  return async (event: unknown): Promise<DeployerResult> => {
    const request = parseRequest(event);
    const result = await runAction(request, deps);
    console.log(JSON.stringify({ message: request.action, ...result }));
    return result;
  };
}

let instance: ReturnType<typeof createHandler> | undefined;

/** Lambda's entry (index.handler): one handler per function instance, built on the first event. */
module.exports.handler = (event: unknown): Promise<DeployerResult> => {
  instance ??= createHandler(process.env);
  return instance(event);
};
