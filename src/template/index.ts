/**
 * The composer: joins every module's fragment into one template. Modules grant their own
 * permissions to the roles they are handed (registry.grantPushPull(deployRole), a user's
 * bucket.grantRead(taskRole), ...); each role only collects the grants addressed to it, so
 * adding a resource shows its permissions in the same file. Parameters carry their own
 * console group, so no list here names them.
 */
import { Fn, type ConditionExpr, type Json, type Output, type Parameter, type Resource, type Rule } from './cfn';
import { app } from './app';
import { cluster } from './cluster';
import { DEPLOY_ROLE, deployRole } from './deploy-role';
import { BUILT_IN_GROUPS, type ParameterGroup } from './console-groups';
import { mergeFragments, type ParameterEntry } from './fragment';
import { checkRolePolicies, statementsFor } from './grants';
import { moduleContext, type TemplateModule } from './module';
import { githubOidc } from './github-oidc';
import { LOG_RETENTION_PARAM, logs } from './logs';
import { network } from './network';
import { checkOptionNames, checkOptionValues, type TemplateOptions } from './options';
import { REPOSITORY_ID, registry } from './registry';
import { containerSecrets, type SecretSource } from './secrets';
import { CONTAINER_NAME, SECURITY_GROUP_ID, service, TASK_DEFINITION_ID } from './service';
import type { CheckedTemplate } from './parameter-rules';
import { EXECUTION_ROLE, grantPassToEcsTasks, TASK_ROLE, taskRoles } from './task-roles';
import {
  API_ID,
  CUSTOM_DOMAIN_CONDITION,
  DOMAIN_NAME_PARAM,
  FRONT_DOOR_ROLE,
  frontDoor,
  LAST_START_PARAMETER,
  originSecretVariable,
  USE_FRONT_DOOR_CONDITION,
} from './front-door';
import { frontDoorSecurityGroupId } from './front-door-vpc';
import { IPV6_ONLY_TASK_CONDITION } from './network';
import { DEPLOYER_ROLE, deployer, grantInvokeDeployer } from './deployer';
import { deployerCode } from '../deployer/code';
import type { ImageAddressForm } from '../deployer/config';
import { frontDoorCode } from '../front-door/code';
import { InvalidOptionError } from '../errors';

export type { TemplateOptions } from './options';
export type { TemplateModule, ModuleContext } from './module';
export type { SecretSource } from './secrets';

/** What only code can add to the template: the container's variables and secrets, your modules. */
export interface AppExtensions {
  /** The container's environment variables, in plain text (beside `PORT`). */
  environment?: Readonly<Record<string, string>>;
  /** The container's secrets by variable name; the execution role may read exactly these. */
  secrets?: Readonly<Record<string, SecretSource>>;
  /** Modules added after this project's own, in order. */
  modules?: readonly TemplateModule[];
}

/** A CloudFormation template as this compiler produces it (cloudform's type lacks `Rules`). */
export interface CloudFormationTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Metadata: {
    'AWS::CloudFormation::Interface': ConsoleInterface;
    /** Our own settings: the Number parameters that take only whole numbers (see src/template/parameter-rules.ts). */
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

export const DEFAULT_DESCRIPTION =
  'Small web app on ECS Fargate with no load balancer (nothing billed while stopped), an HTTPS ' +
  'front door that wakes it, and a least-privilege role GitHub Actions deploys with through OIDC.';

/**
 * The image address form the deployer writes into task definitions (src/deployer/config.ts):
 * `ipv4` while tasks run in dual-stack or IPv4 subnets; IPv6-only subnets (condition
 * Ipv6OnlyTask, src/template/network.ts) pull through ECR's dual-stack endpoint.
 */
const DEPLOYER_IMAGE_ADDRESS = Fn.If(IPV6_ONLY_TASK_CONDITION, 'dual-stack' satisfies ImageAddressForm, 'ipv4' satisfies ImageAddressForm);

/** Compiles the template. Pure: the same options give the same object. */
export function buildTemplate(options: TemplateOptions = {}, extensions: AppExtensions = {}): CloudFormationTemplate {
  checkOptionNames(options);

  const context = moduleContext();
  const appModule = app(options);
  const oidc = githubOidc(options);
  const repo = registry(options);
  const logGroup = logs(options);
  const net = network(options, { frontDoorCondition: USE_FRONT_DOOR_CONDITION });
  const ecsCluster = cluster();
  const secrets = containerSecrets(extensions.secrets ?? {}, context.executionRole);
  const ecsService = service(options, {
    repositoryUri: repo.repositoryUri,
    dualStackRepositoryUri: repo.dualStackRepositoryUri,
    frontDoorSecurityGroupId,
    logGroupName: logGroup.logGroupName,
    executionRoleArn: EXECUTION_ROLE.arn,
    taskRoleArn: TASK_ROLE.arn,
    clusterName: ecsCluster.clusterName,
    vpcId: net.vpcId,
    subnetIds: net.subnetIds,
    networkReadyId: net.networkReadyId,
    environment: [...Object.entries(extensions.environment ?? {}).map(([Name, Value]) => ({ Name, Value })), originSecretVariable()],
    secrets: secrets.secrets,
  });
  const userFragments = (extensions.modules ?? []).map((m) => m(context));

  const deploy = context.deployRole;
  // The GitHub role pushes images and invokes the deployer; the deployer alone writes to ECS.
  const grants = [
    ...repo.grantLogin(deploy),
    ...repo.grantPushPull(deploy),
    ...grantInvokeDeployer(deploy),
    ...repo.grantDescribeImages(DEPLOYER_ROLE),
    ...ecsService.grantDeploy(DEPLOYER_ROLE),
    grantPassToEcsTasks(DEPLOYER_ROLE),
    ...ecsCluster.grantObserveTasks(DEPLOYER_ROLE),
    ...ecsService.grantScale(FRONT_DOOR_ROLE),
    ...ecsCluster.grantObserveTasks(FRONT_DOOR_ROLE),
    ...secrets.grants,
    ...userFragments.flatMap((f) => f.grants ?? []),
  ];
  const roles = taskRoles({
    repositoryArn: repo.repositoryArn,
    logGroupArn: logGroup.logGroupArn,
    taskStatements: statementsFor(grants, TASK_ROLE),
    executionStatements: statementsFor(grants, EXECUTION_ROLE),
  });
  const role = deployRole(options, { providerArn: oidc.providerArn, statements: statementsFor(grants, deploy) });
  const control = deployer({
    code: deployerCode(),
    clusterName: ecsCluster.clusterName,
    serviceName: ecsService.serviceName,
    taskDefinitionArn: Fn.Ref(TASK_DEFINITION_ID),
    containerName: CONTAINER_NAME,
    repositoryName: Fn.Ref(REPOSITORY_ID),
    repositoryUri: repo.repositoryUri,
    imageAddress: DEPLOYER_IMAGE_ADDRESS,
    containerPort: Fn.Ref('ContainerPort'),
    // Names and URLs built as the front door builds them, not references to its resources: the
    // deployer exists without them, and moto (the local tests' CloudFormation) cannot resolve a
    // reference to a resource type it does not create.
    appUrl: Fn.If(
      USE_FRONT_DOOR_CONDITION,
      Fn.If(
        CUSTOM_DOMAIN_CONDITION,
        Fn.Sub(`https://\${${DOMAIN_NAME_PARAM}}`),
        Fn.Sub(`https://\${${API_ID}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`),
      ),
      '',
    ),
    // The front door's last-start record, which the owner's start and deploy write (recordOwnerStart).
    activityParameter: Fn.If(USE_FRONT_DOOR_CONDITION, Fn.Sub(LAST_START_PARAMETER), ''),
    logRetentionDays: Fn.Ref(LOG_RETENTION_PARAM),
    activity: {
      condition: USE_FRONT_DOOR_CONDITION,
      parameterArn: Fn.Sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${LAST_START_PARAMETER}`),
    },
    statements: statementsFor(grants, DEPLOYER_ROLE),
  });
  const door = frontDoor(options, {
    code: frontDoorCode(),
    clusterName: ecsCluster.clusterName,
    serviceName: ecsService.serviceName,
    containerPort: Fn.Ref('ContainerPort'),
    logRetentionDays: Fn.Ref(LOG_RETENTION_PARAM),
    statements: statementsFor(grants, FRONT_DOOR_ROLE),
    vpcId: net.vpcId,
    subnetIds: net.frontDoorSubnetIds,
    taskSecurityGroupId: Fn.GetAtt(SECURITY_GROUP_ID, 'GroupId'),
  });
  checkGranteesExist(grants.map((g) => g.grantee.logicalId));

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
    door.fragment,
    control.fragment,
    ...userFragments,
  ]);

  const groups = consoleGroups(merged.parameters);
  const parameters: Record<string, Parameter> = {};
  const labels: Record<string, { default: string }> = {};
  const wholeNumbers: string[] = [];
  for (const group of groups) {
    for (const name of group.parameters) {
      const entry = merged.parameters[name] as ParameterEntry;
      parameters[name] = entry.spec;
      labels[name] = { default: entry.label };
      if (entry.wholeNumber) wholeNumbers.push(name);
    }
  }

  const template: CloudFormationTemplate = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: options.description ?? DEFAULT_DESCRIPTION,
    Metadata: {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: groups.map((g) => ({ Label: { default: g.label }, Parameters: g.parameters })),
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
  // The Rules and policies hold intrinsic-function objects: the checks read them as JSON, as CloudFormation does.
  const plain = JSON.parse(JSON.stringify(template)) as { [key: string]: Json };
  checkOptionValues(options, plain as CheckedTemplate);
  checkRolePolicies(plain);
  return template;
}

/**
 * The console's groups with their parameters: this project's groups first, then the groups
 * modules bring, in the order first seen; inside a group by `order`, then module order.
 */
export function consoleGroups(entries: Readonly<Record<string, ParameterEntry>>): { label: string; parameters: string[] }[] {
  const groups: ParameterGroup[] = [...BUILT_IN_GROUPS];
  for (const entry of Object.values(entries)) {
    if (!groups.some((g) => g.label === entry.group.label)) groups.push(entry.group);
  }
  const named = Object.entries(entries);
  return groups
    .map((group) => ({
      label: group.label,
      parameters: named
        .filter(([, e]) => e.group.label === group.label)
        .map(([name, e], i) => ({ name, order: e.order ?? 0, i }))
        .sort((a, b) => a.order - b.order || a.i - b.i)
        .map((p) => p.name),
    }))
    .filter((g) => g.parameters.length > 0);
}

/** Grants may go only to the roles this template has. */
function checkGranteesExist(ids: readonly string[]): void {
  const known = [TASK_ROLE.logicalId, EXECUTION_ROLE.logicalId, DEPLOY_ROLE.logicalId, FRONT_DOOR_ROLE.logicalId, DEPLOYER_ROLE.logicalId];
  const unknown = [...new Set(ids.filter((id) => !known.includes(id)))];
  if (unknown.length > 0) {
    throw new InvalidOptionError(
      'modules',
      `a module granted permissions to ${unknown.join(', ')}, which is not a role of this template. ` +
        'Grant to the roles the module is handed (taskRole, executionRole, deployRole).',
    );
  }
}
