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
import type { Parameter } from './cfn';
import { InvalidOptionError } from '../errors';
import { checkParameterValue } from './parameters';

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
      throw new InvalidOptionError(
        key,
        `unknown option. Known options: ${[...known].sort().join(', ')}.`,
      );
    }
  }
}

/**
 * Checks each option that was given against the parameter it becomes the default of, and
 * pairs that only make sense together.
 */
export function checkOptionValues(options: TemplateOptions, parameters: Record<string, Parameter>): void {
  for (const [option, paramName] of Object.entries(OPTION_PARAMETERS)) {
    const value = (options as Record<string, unknown>)[option];
    if (value === undefined) continue;
    const spec = parameters[paramName];
    if (!spec) throw new Error(`option ${option} maps to parameter ${paramName}, which no module defines`);
    const problem = checkParameterValue(spec, String(value));
    if (problem) throw new InvalidOptionError(`${option} (parameter ${paramName})`, problem);
  }
  if (Boolean(options.githubOwnerId) !== Boolean(options.githubRepoId)) {
    throw new InvalidOptionError(
      options.githubOwnerId ? 'githubRepoId' : 'githubOwnerId',
      'immutable subject claims need both githubOwnerId and githubRepoId: give both or neither.',
    );
  }
  if (Boolean(options.existingVpcId) !== Boolean(options.existingSubnetIds)) {
    throw new InvalidOptionError(
      options.existingVpcId ? 'existingSubnetIds' : 'existingVpcId',
      'an existing network needs both existingVpcId and existingSubnetIds: give both or neither.',
    );
  }
  if (options.hostedZoneId && !options.domainName) {
    throw new InvalidOptionError('hostedZoneId', 'a hosted zone is used only for a custom domain: give domainName too, or drop hostedZoneId.');
  }
  if (options.domainName && options.publicAccess === 'public-ip') {
    throw new InvalidOptionError('domainName', "a custom domain needs the front door: set publicAccess to 'https', or drop domainName.");
  }
  if (options.description !== undefined && Buffer.byteLength(options.description) > 1024) {
    throw new InvalidOptionError('description', 'must be at most 1,024 bytes (a CloudFormation limit).');
  }
}
