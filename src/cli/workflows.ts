/** `fargate-oidc workflows`: writes deploy.yml and start-stop.yml for the app repository. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../errors';
import { buildTemplate } from '../template';
import { renderWorkflows, type WorkflowOptions } from '../workflows';

export const WORKFLOWS_USAGE = `Usage: fargate-oidc workflows [--out DIR] [options]

Writes deploy.yml and start-stop.yml (default DIR: .github/workflows) matching the stack.
Give the values your stack was created with where they differ from the template defaults:
  --app-name NAME            AppName (default portfolio)
  --region REGION            write the region in; default: read the AWS_REGION variable
  --deploy-branch BRANCH     DeployBranch (default main)
  --release-tag-pattern P    ReleaseTagPattern (default v*.*.*; "" for none)
  --environment NAME         GitHubEnvironment (default none)
  --architecture ARCH        CpuArchitecture: ARM64 (default) or X86_64
  --port N                   ContainerPort (default 8000)
  --no-tags                  PropagateTags was false
  --nightly-stop CRON        also stop the app every day at CRON (UTC), e.g. "0 22 * * *"`;

export function workflowsCommand(argv: string[], out: (line: string) => void): number {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
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
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    out(`wrote ${join(dir, name)}`);
  }
  out('Next: set the repository variables AWS_ROLE_ARN (stack output DeployRoleArn) and AWS_REGION.');
  if (overrides.githubEnvironment) {
    out(
      `The jobs run in the GitHub environment "${overrides.githubEnvironment}": limit its deployment branches ` +
        'to the deploy branch and release tags (Settings > Environments), or any branch naming it can deploy.',
    );
  }
  return 0;
}
