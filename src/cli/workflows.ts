/** `fargate-oidc workflows`: writes deploy.yml and start-stop.yml for the app repository. */
import { join } from 'node:path';
import { EXIT, UserError } from '../errors';
import { checkRegionName } from '../stack/aws-target';
import { valueProblem, wholeNumberParameters } from '../stack/rules';
import { WORKFLOWS } from './commands';
import { checkChoice, parseCommand, usageText } from './spec';
import { writeTextFile } from './write-files';
import { buildTemplate } from '../template';
import { renderWorkflows, type WorkflowOptions } from '../workflows';

/** `fargate-oidc workflows --help`. */
export const WORKFLOWS_USAGE = usageText(WORKFLOWS);

/** Runs `workflows` with command-line arguments; returns the exit code. */
export function workflowsCommand(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): number {
  const { values } = parseCommand(WORKFLOWS, argv);
  if (values.help) {
    out(WORKFLOWS_USAGE);
    return EXIT.ok;
  }
  const str = (k: keyof typeof values): string | undefined => {
    const v = values[k];
    return typeof v === 'string' ? v : undefined;
  };
  const overrides: Partial<WorkflowOptions> = {};
  const set = <K extends keyof WorkflowOptions>(key: K, value: WorkflowOptions[K] | undefined): void => {
    if (value !== undefined) overrides[key] = value;
  };
  set('appName', str('app-name'));
  const region = str('region');
  if (region !== undefined && region !== '') {
    const note = checkRegionName(region);
    if (note) err(note);
  }
  set('region', region);
  set('deployBranch', str('deploy-branch'));
  set('releaseTagPattern', str('release-tag-pattern'));
  set('githubEnvironment', str('environment'));
  const arch = str('architecture');
  if (arch !== undefined) checkChoice('--architecture', arch, ['ARM64', 'X86_64'] as const);
  set('cpuArchitecture', arch);
  const template = buildTemplate();
  const port = str('port');
  if (port !== undefined) {
    const spec = template.Parameters['ContainerPort'];
    const problem = spec && valueProblem(spec, port, wholeNumberParameters(template).has('ContainerPort'));
    if (problem) throw new UserError(`--port ${port}: ${problem}`);
  }
  set('containerPort', port === undefined ? undefined : Number(port));
  if (values['no-tags']) set('propagateTags', false);
  set('nightlyStop', str('nightly-stop'));

  const files = renderWorkflows(template, overrides);
  const dir = str('out') ?? join('.github', 'workflows');
  for (const [name, text] of Object.entries(files)) {
    writeTextFile(join(dir, name), text, '--out', dir);
    out(`wrote ${join(dir, name)}`);
  }
  out('Next: set the repository variables AWS_ROLE_ARN (stack output DeployRoleArn) and AWS_REGION.');
  if (overrides.githubEnvironment) {
    out(
      `The jobs run in the GitHub environment "${overrides.githubEnvironment}": limit its deployment branches ` +
        'to the deploy branch and release tags (Settings > Environments), or any branch naming it can deploy.',
    );
  }
  return EXIT.ok;
}

