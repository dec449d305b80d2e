/**
 * `npm run verify:iam`: prints the IAM matrix (src/verify/iam-matrix.ts) for the compiled
 * template under several parameter sets, and exits 1 on any surprise. Permission checks run
 * through @cloud-copilot/iam-simulate (AGPL-3.0, a devDependency used only here).
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { resolve } from 'node:path';
import { compileApp } from '../src/config/app';
import { loadConfig } from '../src/config/load';
import * as publicApi from '../src/index';
import { compileTemplate } from '../src/template/compile';
import type { Json } from '../src/template/cfn';
import { formatMatrix, iamMatrix, roleGrantLines, type PolicyRequest, type Simulate } from '../src/verify/iam-matrix';
import { unreadableSecrets } from '../src/verify/secrets';

const ACCOUNT = '123456789012';

/** The deploy role's identity policy against one request, as IAM would decide it. */
export const simulateWithIamSimulate: Simulate = async (policy: Json, request: PolicyRequest) => {
  const result = await runSimulation(
    {
      identityPolicies: [{ name: 'deploy-and-start-stop', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action: request.action,
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`,
        resource: { accountId: ACCOUNT, resource: request.resource },
        contextVariables: request.context,
      },
    },
    {},
  );
  if (result.resultType === 'error') {
    throw new Error(`iam-simulate rejected ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  }
  return result.overallResult === 'Allowed';
};

/** Parameter sets the matrix runs under: the defaults, and the other side of each switch. */
export const VARIANTS: { title: string; parameters: Record<string, string> }[] = [
  { title: 'default parameters', parameters: {} },
  { title: 'PropagateTags=false', parameters: { PropagateTags: 'false' } },
  { title: 'PublicAccess=public-ip (no front door)', parameters: { PublicAccess: 'public-ip' } },
  { title: 'IdleMinutes=0 (front door without the idle stop)', parameters: { IdleMinutes: '0' } },
  { title: 'TaskPublicIp=true (the private task with a public IPv4)', parameters: { TaskPublicIp: 'true' } },
  {
    title: 'existing VPC with IPv6-only task subnets and dual-stack front door subnets',
    parameters: {
      ExistingVpcId: 'vpc-0123456789abcdef0',
      ExistingSubnetIds: 'subnet-01111111111111111,subnet-02222222222222222',
      ExistingTaskSubnetIds: 'subnet-03333333333333333,subnet-04444444444444444',
      ExistingFrontDoorSubnetIds: 'subnet-05555555555555555,subnet-06666666666666666',
    },
  },
  { title: 'immutable subject claims (GitHubOwnerId/GitHubRepoId set)', parameters: { GitHubOwnerId: '1234', GitHubRepoId: '987654' } },
  {
    title: 'a production stack (no deploy branch, GitHubEnvironment=production)',
    parameters: { DeployBranch: '', GitHubEnvironment: 'production' },
  },
  {
    title: 'existing VPC and subnets, on-demand Fargate, 1 vCPU / 4 GB',
    parameters: {
      ExistingVpcId: 'vpc-0123456789abcdef0',
      ExistingSubnetIds: 'subnet-01111111111111111,subnet-02222222222222222',
      UseFargateSpot: 'false',
      TaskCpu: '1024',
      TaskMemory: '4096',
    },
  },
];

/** The template to prove: the generic one, or the app of `--config FILE` (a fargate-oidc.config.ts). */
function templateToProve(argv: string[]): { [key: string]: Json } {
  const at = argv.indexOf('--config');
  if (at < 0) return compileTemplate().plain;
  const file = resolve(argv[at + 1] ?? '');
  return compileApp(loadConfig(file, publicApi), file).compiled.plain;
}

async function main(): Promise<number> {
  const plain = templateToProve(process.argv.slice(2));
  let surprises = 0;
  for (const v of VARIANTS) {
    const rows = await iamMatrix(plain, v.parameters, simulateWithIamSimulate);
    for (const line of formatMatrix(`IAM matrix, ${v.title}:`, rows)) process.stdout.write(`${line}\n`);
    surprises += rows.filter((r) => r.surprise).length;
  }
  for (const line of roleGrantLines(plain)) process.stdout.write(`${line}\n`);
  const unreadable = unreadableSecrets(plain);
  for (const problem of unreadable) process.stdout.write(`  SURPRISE secret not readable: ${problem}\n`);
  surprises += unreadable.length;
  process.stdout.write(
    'Trust rows use src/verify/trust.ts (iam-simulate drops the GitHub token claims for ' +
      'AssumeRoleWithWebIdentity); trust-shape rows appear only for problems.\n',
  );
  if (surprises > 0) {
    process.stderr.write(
      `verify:iam: ${surprises} surprise(s): a role does not allow exactly what the workflows or the front door need.\n`,
    );
    return 1;
  }
  process.stdout.write('verify:iam: no surprises.\n');
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`verify:iam failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
