/**
 * `fargate-oidc workflows`: writes the deploy and start/stop workflows for the app repository:
 * one pair per environment of the app's config, or deploy.yml and start-stop.yml for a stack
 * made from the generic template. Never replaces a file it did not write for the same app and
 * environment, unless --force.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compileApp } from '../config/app';
import { findConfigFile, loadConfig } from '../config/load';
import { UserError } from '../errors';
import * as publicApi from '../index';
import { buildTemplate } from '../template';
import { renderWorkflows, type WorkflowOptions } from '../workflows';
import { writeWorkflowFiles } from '../workflows/write';

export const WORKFLOWS_USAGE = `Usage: fargate-oidc workflows [--out DIR] [--force] [options]

With fargate-oidc.config.ts in the current directory (or --config FILE): writes
deploy-<environment>.yml and start-stop-<environment>.yml for each environment.
Without one: writes deploy.yml and start-stop.yml (default DIR: .github/workflows) matching a
stack made from the generic template.
A file that exists and was not written by fargate-oidc for the same app and environment is
left alone and the command fails, unless --force.
Without a config, give the values your stack was created with where they differ from the
template defaults:
  --app-name NAME            AppName (default portfolio)
  --region REGION            write the region in; default: read the AWS_REGION variable
  --deploy-branch BRANCH     DeployBranch (default main)
  --release-tag-pattern P    ReleaseTagPattern (default v*.*.*; "" for none)
  --environment NAME         GitHubEnvironment (default none)
  --architecture ARCH        CpuArchitecture: ARM64 (default) or X86_64
  --port N                   ContainerPort (default 8000)
  --no-tags                  PropagateTags was false
  --nightly-stop CRON        also stop the app every day at CRON (UTC), e.g. "0 22 * * *"
  --force                    overwrite files fargate-oidc did not write for this app and environment`;

export function workflowsCommand(argv: string[], out: (line: string) => void): number {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        config: { type: 'string' },
        force: { type: 'boolean' },
        'app-name': { type: 'string' },
        region: { type: 'string' },
        'deploy-branch': { type: 'string' },
        'release-tag-pattern': { type: 'string' },
        environment: { type: 'string' },
        architecture: { type: 'string' },
        port: { type: 'string' },
        'no-tags': { type: 'boolean' },
        'nightly-stop': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n\n${WORKFLOWS_USAGE}`);
  }
  if (values['help']) {
    out(WORKFLOWS_USAGE);
    return 0;
  }
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const force = values['force'] === true;
  const configFile = str('config') ? resolve(str('config') as string) : findConfigFile(process.cwd());
  if (configFile) {
    const config = loadConfig(configFile, publicApi);
    const plan = compileApp(config, configFile);
    const files = Object.assign({}, ...plan.environments.map((env) => renderWorkflows(plan.compiled.template, env.workflow))) as Record<string, string>;
    const dir = str('out') ?? config.workflowsDir ?? join('.github', 'workflows');
    for (const path of writeWorkflowFiles(dir, files, force)) out(`wrote ${path}`);
    for (const env of plan.environments) out(`${env.name}: set the repository variable ${env.workflow.roleVariable} to the DeployRoleArn output of ${env.stackName}.`);
    return 0;
  }
  const overrides: Partial<WorkflowOptions> = {};
  const set = <K extends keyof WorkflowOptions>(key: K, value: WorkflowOptions[K] | undefined): void => {
    if (value !== undefined) overrides[key] = value;
  };
  set('appName', str('app-name'));
  set('region', str('region'));
  set('deployBranch', str('deploy-branch'));
  set('releaseTagPattern', str('release-tag-pattern'));
  set('githubEnvironment', str('environment'));
  const arch = str('architecture');
  if (arch !== undefined && arch !== 'ARM64' && arch !== 'X86_64') {
    throw new UserError(`--architecture: "${arch}" must be ARM64 or X86_64.`);
  }
  set('cpuArchitecture', arch);
  const port = str('port');
  set('containerPort', port === undefined ? undefined : Number(port));
  if (values['no-tags']) set('propagateTags', false);
  set('nightlyStop', str('nightly-stop'));

  const files = renderWorkflows(buildTemplate(), overrides);
  const dir = str('out') ?? join('.github', 'workflows');
  for (const path of writeWorkflowFiles(dir, files, force)) out(`wrote ${path}`);
  out('Next: set the repository variables AWS_ROLE_ARN (stack output DeployRoleArn) and AWS_REGION.');
  if (overrides.githubEnvironment) {
    out(
      `The jobs run in the GitHub environment "${overrides.githubEnvironment}": limit its deployment branches ` +
        'to the deploy branch and release tags (Settings > Environments), or any branch naming it can deploy.',
    );
  }
  return 0;
}
