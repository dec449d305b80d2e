/**
 * The user's app, compiled: one template for every environment, and per environment its
 * stack name, parameter values and workflow options. Pure: config in, plan out. Values are
 * checked through the template's own parameter rules (`template/parameter-rules.ts`).
 */
import { ConfigError, InvalidOptionError } from '../errors';
import { compileTemplate, type CompiledTemplate } from '../template/compile';
import type { TemplateOptions } from '../template/options';
import { fieldProblems, type CheckedTemplate } from '../template/parameter-rules';
import type { WorkflowOptions } from '../workflows/options';
import { configWarnings } from './validate';
import type { FargateOidcConfig } from './types';

/** One environment's stack. */
export interface EnvironmentPlan {
  /** Environment name, e.g. `staging`. */
  name: string;
  /** Stack name and `AppName`: `<appName>-<environment>`. */
  stackName: string;
  /** AWS region written into its workflows; empty: the workflows read `vars.AWS_REGION`. */
  region: string;
  /** Its parameter file: every value that differs between environments. */
  parameters: Record<string, string>;
  /** Its workflows' options. */
  workflow: Partial<WorkflowOptions>;
}

/** The compiled app. */
export interface AppPlan {
  /** The one template all environments deploy. */
  compiled: CompiledTemplate;
  /** The environments, in the config's order. */
  environments: EnvironmentPlan[];
  /** Things that work but should change (e.g. a plain variable named like a secret). */
  warnings: string[];
}

/** Config field of each template option, so a parameter rule's error names what the user wrote. */
const OPTION_FIELDS: Partial<Record<keyof TemplateOptions, string>> = {
  githubOrg: 'github.owner',
  githubRepo: 'github.repo',
  githubOwnerId: 'github.ownerId',
  githubRepoId: 'github.repoId',
  containerPort: 'container.port',
  taskCpu: 'container.cpu',
  taskMemory: 'container.memory',
  cpuArchitecture: 'container.architecture',
  existingOidcProviderArn: 'existingOidcProviderArn',
  appName: 'appName',
};

/** The GitHub Actions variable that holds an environment's deploy role ARN. */
export function roleVariable(environment: string): string {
  return `AWS_ROLE_ARN_${environment.toUpperCase().replace(/-/g, '_')}`;
}

/** Compiles a validated config read from `file`. */
export function compileApp(config: FargateOidcConfig, file: string): AppPlan {
  const names = Object.keys(config.environments);
  const first = names[0] as string;
  const c = config.container ?? {};
  const options: TemplateOptions = {
    appName: `${config.appName}-${first}`,
    githubOrg: config.github.owner,
    githubRepo: config.github.repo,
    ...(config.github.ownerId ? { githubOwnerId: config.github.ownerId, githubRepoId: config.github.repoId ?? '' } : {}),
    ...(c.port === undefined ? {} : { containerPort: c.port }),
    ...(c.cpu === undefined ? {} : { taskCpu: c.cpu }),
    ...(c.memory === undefined ? {} : { taskMemory: c.memory }),
    ...(c.architecture === undefined ? {} : { cpuArchitecture: c.architecture }),
    ...(c.useFargateSpot === undefined ? {} : { useFargateSpot: c.useFargateSpot }),
    ...(config.existingOidcProviderArn === undefined ? {} : { existingOidcProviderArn: config.existingOidcProviderArn }),
  };
  let compiled: CompiledTemplate;
  try {
    compiled = compileTemplate(options, {
      ...(c.environment ? { environment: c.environment } : {}),
      ...(c.secrets ? { secrets: c.secrets } : {}),
      ...(config.modules ? { modules: config.modules } : {}),
    });
  } catch (e) {
    if (e instanceof InvalidOptionError) {
      // `taskCpu, taskMemory` or `containerPort (parameter ContainerPort)`; a rule's problem shows `taskCpu="256"`.
      const configField = (option: string): string => OPTION_FIELDS[option as keyof TemplateOptions] ?? option;
      const fields = e.field.split(', ').map((f) => configField(f.split(' ')[0] as string));
      throw new ConfigError(
        file,
        fields.join(', '),
        e.problem.replace(/\b([A-Za-z]+)="/g, (_, option: string) => `${configField(option)}="`),
      );
    }
    throw e;
  }

  const environments = names.map((name): EnvironmentPlan => {
    const env = config.environments[name] ?? {};
    const stackName = `${config.appName}-${name}`;
    const parameters: Record<string, string> = {
      AppName: stackName,
      DeployBranch: env.deployBranch ?? '',
      ReleaseTagPattern: env.releaseTagPattern ?? '',
      GitHubEnvironment: env.githubEnvironment ?? '',
    };
    const fields: Record<string, string> = {
      AppName: `environments.${name}`,
      DeployBranch: `environments.${name}.deployBranch`,
      ReleaseTagPattern: `environments.${name}.releaseTagPattern`,
      GitHubEnvironment: `environments.${name}.githubEnvironment`,
    };
    const [problem] = fieldProblems(compiled.plain as CheckedTemplate, new Map(Object.entries(parameters)), {
      fieldOf: (parameter) => fields[parameter] ?? parameter,
      ruleField: () => `environments.${name}`,
    });
    if (problem) throw new ConfigError(file, problem.field, problem.problem);
    const region = env.region ?? config.region ?? '';
    return {
      name,
      stackName,
      region,
      parameters,
      workflow: {
        appName: stackName,
        region,
        deployBranch: parameters['DeployBranch'] ?? '',
        releaseTagPattern: parameters['ReleaseTagPattern'] ?? '',
        githubEnvironment: parameters['GitHubEnvironment'] ?? '',
        roleVariable: roleVariable(name),
        environmentName: name,
        ...(env.nightlyStop ? { nightlyStop: env.nightlyStop } : {}),
      },
    };
  });
  return { compiled, environments, warnings: configWarnings(config) };
}
