/**
 * What the generated workflows need to know about the stack. Defaults come from the template's
 * own parameter defaults, so workflows and template agree unless told otherwise; values are
 * checked through the template's parameter rules (`template/parameter-rules.ts`).
 */
import { REGION_NAME } from '../console/regions';
import { InvalidOptionError } from '../errors';
import type { CloudFormationTemplate } from '../template';
import { fieldProblems, type CheckedTemplate } from '../template/parameter-rules';
import { cronProblem } from './cron';

/** Options of the workflow generator. */
export interface WorkflowOptions {
  /** The stack's `AppName`: names the repository, cluster, service and task family. */
  appName: string;
  /** AWS region of the stack, written into the workflows; empty: read `vars.AWS_REGION`. */
  region: string;
  /** The stack's `DeployBranch`: pushes to it deploy. */
  deployBranch: string;
  /** The stack's `ReleaseTagPattern`: tags matching it deploy; empty: tags do not. */
  releaseTagPattern: string;
  /** The stack's `GitHubEnvironment`: the deploy job runs in it when set. */
  githubEnvironment: string;
  /** The stack's `CpuArchitecture`: the image is built for it. */
  cpuArchitecture: 'ARM64' | 'X86_64';
  /** The stack's `PropagateTags`: new task definitions carry the `app` tag. */
  propagateTags: boolean;
  /** The stack's `ContainerPort`: the URL the start workflow prints. */
  containerPort: number;
  /**
   * The stack's `ImageTag`: deploys push it beside the commit-sha tag, so a stack update that
   * registers the template's own task definition runs the last deployed image.
   */
  imageTag: string;
  /** Cron (UTC) at which start-stop.yml stops the app every day; empty: no schedule (the default). */
  nightlyStop: string;
  /** The repository variable holding the deploy role's ARN. Default `AWS_ROLE_ARN`. */
  roleVariable: string;
  /** The config's environment these workflows deploy (names the files and workflows); empty: none. */
  environmentName: string;
}

/** The workflow options the template's defaults imply, with `overrides` applied and checked. */
export function workflowOptions(template: CloudFormationTemplate, overrides: Partial<WorkflowOptions> = {}): WorkflowOptions {
  const def = (name: string): string => String(template.Parameters[name]?.Default ?? '');
  const options: WorkflowOptions = {
    appName: def('AppName'),
    region: '',
    deployBranch: def('DeployBranch'),
    releaseTagPattern: def('ReleaseTagPattern'),
    githubEnvironment: def('GitHubEnvironment'),
    cpuArchitecture: def('CpuArchitecture') === 'X86_64' ? 'X86_64' : 'ARM64',
    propagateTags: def('PropagateTags') !== 'false',
    containerPort: Number(def('ContainerPort')),
    imageTag: def('ImageTag'),
    nightlyStop: '',
    roleVariable: 'AWS_ROLE_ARN',
    environmentName: '',
    ...overrides,
  };
  const checks: [keyof WorkflowOptions, string][] = [
    ['appName', 'AppName'],
    ['deployBranch', 'DeployBranch'],
    ['releaseTagPattern', 'ReleaseTagPattern'],
    ['githubEnvironment', 'GitHubEnvironment'],
    ['cpuArchitecture', 'CpuArchitecture'],
    ['containerPort', 'ContainerPort'],
    ['imageTag', 'ImageTag'],
  ];
  const optionOf = new Map(checks.map(([option, param]) => [param, option]));
  const values = new Map(
    checks.filter(([, param]) => Object.hasOwn(template.Parameters, param)).map(([option, param]) => [param, String(options[option])]),
  );
  const [problem] = fieldProblems(JSON.parse(JSON.stringify(template)) as CheckedTemplate, values, {
    fieldOf: (param) => (optionOf.has(param) ? `${optionOf.get(param)} (parameter ${param})` : param),
  });
  if (problem) throw new InvalidOptionError(problem.field, problem.problem);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.roleVariable)) {
    throw new InvalidOptionError('roleVariable', `"${options.roleVariable}" is not a GitHub variable name (letters, digits, underscores).`);
  }
  if (options.region !== '' && !REGION_NAME.test(options.region)) {
    throw new InvalidOptionError('region', `"${options.region}" is not an AWS region name such as us-west-2.`);
  }
  const cron = options.nightlyStop === '' ? undefined : cronProblem(options.nightlyStop);
  if (cron) throw new InvalidOptionError('nightlyStop', `"${options.nightlyStop}" ${cron}`);
  return options;
}

/**
 * A GitHub `on.push` filter for an IAM StringLike pattern. IAM's `?` is one character but
 * GitHub's means "zero or one of the previous character", so it becomes `*` (the trigger may
 * fire more widely; the trust policy still decides); GitHub's `+` must be escaped.
 */
export function githubFilter(iamPattern: string): string {
  return iamPattern.replace(/\?/g, '*').replace(/\+/g, '\\+');
}
