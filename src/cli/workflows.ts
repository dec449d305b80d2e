/**
 * `fargate-oidc workflows`: writes the deploy and start/stop workflows for the app repository:
 * one pair per environment of the app's config, or deploy.yml and start-stop.yml for a stack
 * made from the generic template. Never replaces a file it did not write for the same app and
 * environment, unless --force.
 */
import { join, resolve } from 'node:path';
import { compileApp } from '../config/app';
import { findConfigFile, loadConfig } from '../config/load';
import * as publicApi from '../index';
import { writeWorkflowFiles } from '../workflows/write';
import { EXIT, UserError } from '../errors';
import { checkRegionName } from '../stack/aws-target';
import { valueProblem, wholeNumberParameters } from '../template/parameter-rules';
import { WORKFLOWS } from './commands';
import { checkChoice, parseCommand, usageText } from './spec';
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
  const force = values.force === true;
  const configFile = str('config') ? resolve(str('config') as string) : findConfigFile(process.cwd());
  if (configFile) {
    const config = loadConfig(configFile, publicApi);
    const plan = compileApp(config, configFile);
    const files = Object.assign({}, ...plan.environments.map((env) => renderWorkflows(plan.compiled.template, env.workflow))) as Record<
      string,
      string
    >;
    const dir = str('out') ?? config.workflowsDir ?? join('.github', 'workflows');
    for (const path of writeWorkflowFiles(dir, files, { force, flag: '--out' })) out(`wrote ${path}`);
    for (const env of plan.environments)
      out(`${env.name}: set the repository variable ${env.workflow.roleVariable} to the DeployRoleArn output of ${env.stackName}.`);
    return EXIT.ok;
  }
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
  for (const path of writeWorkflowFiles(dir, files, { force, flag: '--out' })) out(`wrote ${path}`);
  out('Next: set the repository variables AWS_ROLE_ARN (stack output DeployRoleArn) and AWS_REGION.');
  if (overrides.githubEnvironment) {
    out(
      `The jobs run in the GitHub environment "${overrides.githubEnvironment}": limit its deployment branches ` +
        'to the deploy branch and release tags (Settings > Environments), or any branch naming it can deploy.',
    );
  }
  return EXIT.ok;
}
