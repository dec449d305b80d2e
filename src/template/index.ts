/**
 * The composer: joins every module's fragment into one template. Modules grant their own
 * permissions (registry.grantPushPull(), service.grantDeploy(), ...); the deploy role only
 * collects them, so adding a resource shows its permissions in the same file.
 */
import type { ConditionExpr, Output, Parameter, Resource, Rule } from './cfn';
import { app } from './app';
import { cluster } from './cluster';
import { deployRole } from './deploy-role';
import { mergeFragments } from './fragment';
import { githubOidc } from './github-oidc';
import { logs } from './logs';
import { network } from './network';
import { checkOptionNames, checkOptionValues, type TemplateOptions } from './options';
import { registry } from './registry';
import { adminPortProblem, FARGATE_SIZES, service } from './service';
import { taskRoles } from './task-roles';
import { InvalidOptionError } from '../errors';

export type { TemplateOptions } from './options';

/** A CloudFormation template as this compiler produces it (cloudform's type lacks `Rules`). */
export interface CloudFormationTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Metadata: {
    'AWS::CloudFormation::Interface': ConsoleInterface;
    /** Our own settings: the Number parameters that take only whole numbers (see src/stack/rules.ts). */
    'fargate-oidc': { whole_numbers: string[] };
  };
  Parameters: Record<string, Parameter>;
  Rules: Record<string, Rule>;
  Conditions: Record<string, ConditionExpr>;
  Resources: Record<string, Resource>;
  Outputs: Record<string, Output>;
}

/** How the console groups and labels the parameters. */
export interface ConsoleInterface {
  ParameterGroups: { Label: { default: string }; Parameters: string[] }[];
  ParameterLabels: Record<string, { default: string }>;
}

/** Parameter groups of the console form, in order. Every parameter is in exactly one. */
export const PARAMETER_GROUPS: readonly { label: string; parameters: readonly string[] }[] = [
  {
    label: 'GitHub repository allowed to deploy (only owner and repository are required)',
    parameters: [
      'GitHubOrg',
      'GitHubRepo',
      'DeployBranch',
      'ReleaseTagPattern',
      'GitHubEnvironment',
      'GitHubOwnerId',
      'GitHubRepoId',
      'ExistingOidcProviderArn',
    ],
  },
  {
    label: 'App',
    parameters: [
      'AppName',
      'ImageTag',
      'ContainerPort',
      'AllowAdminPort',
      'DesiredCount',
      'TaskCpu',
      'TaskMemory',
      'CpuArchitecture',
      'UseFargateSpot',
      'PropagateTags',
    ],
  },
  { label: 'Storage and logs', parameters: ['ImagesToKeep', 'LogRetentionDays'] },
  { label: 'Network', parameters: ['VpcCidr', 'ExistingVpcId', 'ExistingSubnetIds'] },
];

export const DEFAULT_DESCRIPTION =
  'Cost-first production setup of a small web app: ECS Fargate service with no load balancer ' +
  '(nothing billed while stopped), ECR repository, logs, and a least-privilege role that ' +
  'GitHub Actions assumes through OIDC to deploy and start/stop it.';

/** Compiles the template. Pure: the same options give the same object. */
export function buildTemplate(options: TemplateOptions = {}): CloudFormationTemplate {
  checkOptionNames(options);
  checkTaskSize(options);
  const portProblem = adminPortProblem(options.containerPort ?? 8000, options.allowAdminPort ?? false);
  if (portProblem) throw new InvalidOptionError('containerPort', portProblem);

  const appModule = app(options);
  const oidc = githubOidc(options);
  const repo = registry(options);
  const logGroup = logs(options);
  const roles = taskRoles({ repositoryArn: repo.repositoryArn, logGroupArn: logGroup.logGroupArn });
  const net = network(options);
  const ecsCluster = cluster();
  const ecsService = service(options, {
    repositoryUri: repo.repositoryUri,
    logGroupName: logGroup.logGroupName,
    executionRoleArn: roles.executionRoleArn,
    taskRoleArn: roles.taskRoleArn,
    clusterName: ecsCluster.clusterName,
    vpcId: net.vpcId,
    subnetIds: net.subnetIds,
    networkReadyId: net.networkReadyId,
  });
  const role = deployRole(options, {
    providerArn: oidc.providerArn,
    statements: [
      repo.grantLogin(),
      repo.grantPushPull(),
      ...ecsService.grantDeploy(),
      ecsCluster.grantDescribe(),
      ...ecsCluster.grantObserveTasks(),
      roles.grantPassToEcsTasks(),
    ],
  });

  const merged = mergeFragments([
    appModule.fragment,
    oidc.fragment,
    role.fragment,
    roles.fragment,
    repo.fragment,
    logGroup.fragment,
    net.fragment,
    ecsCluster.fragment,
    ecsService.fragment,
  ]);

  const parameters: Record<string, Parameter> = {};
  const labels: Record<string, { default: string }> = {};
  const wholeNumbers: string[] = [];
  for (const group of PARAMETER_GROUPS) {
    for (const name of group.parameters) {
      const entry = merged.parameters[name];
      if (!entry) throw new Error(`parameter group "${group.label}" names ${name}, which no module defines`);
      parameters[name] = entry.spec;
      labels[name] = { default: entry.label };
      if (entry.wholeNumber) wholeNumbers.push(name);
    }
  }
  const ungrouped = Object.keys(merged.parameters).filter((p) => !(p in parameters));
  if (ungrouped.length > 0) throw new Error(`parameters in no console group: ${ungrouped.join(', ')}`);

  checkOptionValues(options, parameters);

  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: options.description ?? DEFAULT_DESCRIPTION,
    Metadata: {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: PARAMETER_GROUPS.map((g) => ({
          Label: { default: g.label },
          Parameters: [...g.parameters],
        })),
        ParameterLabels: labels,
      },
      'fargate-oidc': { whole_numbers: wholeNumbers },
    },
    Parameters: parameters,
    Rules: merged.rules,
    Conditions: merged.conditions,
    Resources: merged.resources,
    Outputs: merged.outputs,
  };
}

/** Fargate accepts only some CPU/memory pairs; refuse a bad pair of defaults early. */
function checkTaskSize(options: TemplateOptions): void {
  const cpu = options.taskCpu ?? '256';
  const memory = options.taskMemory ?? '512';
  const allowed = FARGATE_SIZES[cpu];
  if (allowed && !allowed.includes(Number(memory))) {
    throw new InvalidOptionError(
      'taskMemory',
      `${memory} MiB does not fit ${cpu} CPU units on Fargate. Use one of ${allowed.join(', ')}.`,
    );
  }
}
