/**
 * Options of `buildTemplate`: every field is the default of one template parameter, so a
 * team can bake its own defaults into its template. Each is checked against the parameter's
 * own AllowedPattern/AllowedValues before anything is written.
 */
import type { AppOptions } from './app';
import type { DeployRoleOptions } from './deploy-role';
import type { FrontDoorOptions } from './front-door';
import type { GitHubOidcOptions } from './github-oidc';
import type { LogsOptions } from './logs';
import type { NetworkOptions } from './network';
import type { RegistryOptions } from './registry';
import type { ServiceOptions } from './service';
import { InvalidOptionError } from '../errors';
import { fieldProblems, type CheckedTemplate } from './parameter-rules';

/** Options of the whole template. */
export interface TemplateOptions
  extends AppOptions,
    GitHubOidcOptions,
    DeployRoleOptions,
    RegistryOptions,
    LogsOptions,
    NetworkOptions,
    ServiceOptions,
    FrontDoorOptions {
  /** The template's Description (at most 1,024 bytes). */
  description?: string;
}

/** Which parameter each option sets the default of. */
export const OPTION_PARAMETERS: Readonly<Record<Exclude<keyof TemplateOptions, 'description'>, string>> = {
  appName: 'AppName',
  existingOidcProviderArn: 'ExistingOidcProviderArn',
  githubOrg: 'GitHubOrg',
  githubRepo: 'GitHubRepo',
  deployBranch: 'DeployBranch',
  releaseTagPattern: 'ReleaseTagPattern',
  githubEnvironment: 'GitHubEnvironment',
  githubOwnerId: 'GitHubOwnerId',
  githubRepoId: 'GitHubRepoId',
  imagesToKeep: 'ImagesToKeep',
  logRetentionDays: 'LogRetentionDays',
  vpcCidr: 'VpcCidr',
  existingVpcId: 'ExistingVpcId',
  existingSubnetIds: 'ExistingSubnetIds',
  existingTaskSubnetIds: 'ExistingTaskSubnetIds',
  existingFrontDoorSubnetIds: 'ExistingFrontDoorSubnetIds',
  taskPublicIp: 'TaskPublicIp',
  imageTag: 'ImageTag',
  containerPort: 'ContainerPort',
  allowAdminPort: 'AllowAdminPort',
  desiredCount: 'DesiredCount',
  taskCpu: 'TaskCpu',
  taskMemory: 'TaskMemory',
  cpuArchitecture: 'CpuArchitecture',
  useFargateSpot: 'UseFargateSpot',
  propagateTags: 'PropagateTags',
  publicAccess: 'PublicAccess',
  idleMinutes: 'IdleMinutes',
  domainName: 'DomainName',
  hostedZoneId: 'HostedZoneId',
  wakeOnAnyRequest: 'WakeOnAnyRequest',
  rateLimit: 'FrontDoorRateLimit',
  burstLimit: 'FrontDoorBurstLimit',
  reservedConcurrency: 'FrontDoorReservedConcurrency',
  dailyRunHours: 'DailyRunHours',
};

/** Refuses option names that do not exist (a typo would otherwise be ignored silently). */
export function checkOptionNames(options: object): void {
  const known = new Set<string>([...Object.keys(OPTION_PARAMETERS), 'description']);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) {
      throw new InvalidOptionError(key, `unknown option. Known options: ${[...known].sort().join(', ')}.`);
    }
  }
}

/**
 * Checks the options that were given through the template's own parameter rules (each
 * parameter's constraints, whole numbers, the template's Rules such as
 * TaskSizeIsValidOnFargate or GitHubIdsComeTogether: `parameter-rules.ts`), naming options,
 * then the pairs no template rule covers.
 */
export function checkOptionValues(options: TemplateOptions, template: CheckedTemplate): void {
  const values = new Map<string, string>();
  const optionOf = new Map<string, string>();
  for (const [option, parameter] of Object.entries(OPTION_PARAMETERS)) {
    optionOf.set(parameter, option);
    const value = (options as Record<string, unknown>)[option];
    if (value === undefined) continue;
    if (!template.Parameters || !Object.hasOwn(template.Parameters, parameter))
      throw new Error(`option ${option} maps to parameter ${parameter}, which no module defines`);
    values.set(parameter, String(value));
  }
  const [first] = fieldProblems(template, values, {
    fieldOf: (parameter) => optionOf.get(parameter) ?? parameter,
    ruleField: (parameters) =>
      parameters
        .filter((p) => values.has(p))
        .map((p) => optionOf.get(p) ?? p)
        .join(', '),
  });
  if (first) {
    const [only] = first.parameters;
    throw new InvalidOptionError(first.rule === undefined && only ? `${first.field} (parameter ${only})` : first.field, first.problem);
  }
  if ((options.existingTaskSubnetIds || options.existingFrontDoorSubnetIds) && !options.existingVpcId) {
    throw new InvalidOptionError(
      options.existingTaskSubnetIds ? 'existingTaskSubnetIds' : 'existingFrontDoorSubnetIds',
      'subnets for the private task and the front door belong to an existing VPC: give existingVpcId and existingSubnetIds too.',
    );
  }
  if (options.existingTaskSubnetIds && !options.existingFrontDoorSubnetIds) {
    throw new InvalidOptionError(
      'existingFrontDoorSubnetIds',
      'the private task is reached by the front door from inside the VPC: give dual-stack subnets for it too.',
    );
  }
  if (options.existingFrontDoorSubnetIds && !options.existingTaskSubnetIds && !options.taskPublicIp) {
    throw new InvalidOptionError(
      'existingTaskSubnetIds',
      'with existingFrontDoorSubnetIds the task runs in IPv6-only subnets: list them, or set taskPublicIp to true.',
    );
  }
  if (options.hostedZoneId && !options.domainName) {
    throw new InvalidOptionError(
      'hostedZoneId',
      'a hosted zone is used only for a custom domain: give domainName too, or drop hostedZoneId.',
    );
  }
  if (options.domainName && options.publicAccess === 'public-ip') {
    throw new InvalidOptionError('domainName', "a custom domain needs the front door: set publicAccess to 'https', or drop domainName.");
  }
  if (options.description !== undefined && Buffer.byteLength(options.description) > 1024) {
    throw new InvalidOptionError('description', 'must be at most 1,024 bytes (a CloudFormation limit).');
  }
}
