/**
 * The deployed stack `verify:iam` evaluates against: one account, region and GitHub repository,
 * the ARNs and names a stack of the template has there, and the template resolved with them.
 */
import type { Json } from '../template/cfn';
import { DEPLOY_ROLE } from '../template/deploy-role';
import { DEPLOYER_ROLE } from '../template/deployer';
import type { Grantee } from '../template/grants';
import { evaluateTemplate, type EvaluatedStack } from '../template/evaluate';
import { EXECUTION_ROLE, TASK_ROLE } from '../template/task-roles';
import { FRONT_DOOR_VPC, frontDoorArns, frontDoorPhysical } from './front-door-matrix';
import type { PolicyOf } from './types';

export const ACCOUNT = '123456789012';
export const REGION = 'us-west-2';
export const ORG = 'my-org';
export const REPO = 'portfolio-app';
export const HOST = 'token.actions.githubusercontent.com';

/** ARNs and names a stack created from the template with these parameters has. */
export function stackArns(appName: string) {
  const ecs = `arn:aws:ecs:${REGION}:${ACCOUNT}`;
  const iam = `arn:aws:iam::${ACCOUNT}`;
  const deployerLogGroup = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/${appName}-deployer`;
  return {
    provider: `${iam}:oidc-provider/${HOST}`,
    deployRole: `${iam}:role/${appName}-github-deploy-${REGION}`,
    deployerRole: `${iam}:role/${appName}-deployer-${REGION}`,
    deployer: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${appName}-deployer`,
    deployerLogGroup: `${deployerLogGroup}:*`,
    deployerLogStream: `${deployerLogGroup}:log-stream:2026/12/06/[$LATEST]0123456789abcdef`,
    executionRole: `${iam}:role/${appName}-task-execution-${REGION}`,
    taskRole: `${iam}:role/${appName}-task-${REGION}`,
    repository: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${appName}`,
    cluster: `${ecs}:cluster/${appName}`,
    service: `${ecs}:service/${appName}/${appName}`,
    task: `${ecs}:task/${appName}/0123456789abcdef0123456789abcdef`,
    taskDefinition: `${ecs}:task-definition/${appName}:1`,
    newTaskDefinition: `${ecs}:task-definition/${appName}:42`,
    lastStartParameter: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/${appName}/front-door/last-start`,
    logGroup: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/${appName}:*`,
    logStream: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/${appName}:log-stream:app/app/0123456789abcdef`,
    capacityProvider: (name: string) => `${ecs}:capacity-provider/${name}`,
  };
}

export type Arns = ReturnType<typeof stackArns>;

/** Subnets of the VPC the stack creates (PublicSubnetA, PublicSubnetB). */
export const CREATED_SUBNETS = ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'] as const;
/** The IPv6-only task subnets the stack creates in the private layout (TaskSubnetA, TaskSubnetB). */
export const CREATED_TASK_SUBNETS = ['subnet-06666666666666666', 'subnet-07777777777777777'] as const;

/** Values `evaluateTemplate` gives the stack's resources. */
export function physical(appName: string, a: Arns): Record<string, Record<string, string>> {
  return {
    ...frontDoorPhysical(appName, frontDoorArns(appName, REGION, ACCOUNT)),
    FrontDoorScheduleGroup: { Ref: `${appName}-front-door` },
    GitHubOidcProvider: { Ref: a.provider },
    GitHubDeployRole: { Arn: a.deployRole },
    DeployerRole: { Arn: a.deployerRole },
    DeployerFunction: { Ref: `${appName}-deployer`, Arn: a.deployer },
    DeployerLogGroup: { Ref: `/aws/lambda/${appName}-deployer`, Arn: a.deployerLogGroup },
    TaskExecutionRole: { Arn: a.executionRole },
    TaskRole: { Arn: a.taskRole },
    TaskDefinition: { Ref: a.taskDefinition },
    Repository: { Ref: appName, Arn: a.repository, RepositoryUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${appName}` },
    Cluster: { Ref: appName, Arn: a.cluster },
    Service: { Ref: a.service, Name: appName },
    LogGroup: { Ref: `/ecs/${appName}`, Arn: a.logGroup },
    Vpc: { Ref: FRONT_DOOR_VPC.vpc },
    PublicSubnetA: { Ref: CREATED_SUBNETS[0] },
    PublicSubnetB: { Ref: CREATED_SUBNETS[1] },
    TaskSubnetA: { Ref: CREATED_TASK_SUBNETS[0] },
    TaskSubnetB: { Ref: CREATED_TASK_SUBNETS[1] },
  };
}

/** The stack's own values a request may carry. */
export interface StackValues {
  arns: Arns;
  /** The stack's `TaskCpu` and `TaskMemory` parameters. */
  taskCpu: string;
  taskMemory: string;
  /** The subnets the service runs in (as the resolved stack's service has them). */
  subnets: string[];
  /** The service assigns its task a public IP (false: the IPv6-only task). */
  publicIp: boolean;
}

/** A stack of the template under `parameters`: its values, and the template resolved with them. */
export interface DeployedStack {
  params: Record<string, string>;
  appName: string;
  values: StackValues;
  resolved: EvaluatedStack;
}

/** The stack of `plain` with `parameters` (beyond the required GitHubOrg/GitHubRepo, which it sets). */
export function deployedStack(plain: { [key: string]: Json }, parameters: Record<string, string>): DeployedStack {
  const params: Record<string, string> = { GitHubOrg: ORG, GitHubRepo: REPO, ...parameters };
  const defaults = plain['Parameters'] as Record<string, { Default?: string }>;
  const param = (name: string, fallback: string): string => params[name] ?? defaults[name]?.Default ?? fallback;
  const appName = param('AppName', 'app');
  const arns = stackArns(appName);
  const resolved = evaluateTemplate(plain, {
    parameters: params,
    pseudo: { 'AWS::AccountId': ACCOUNT, 'AWS::Region': REGION },
    physical: physical(appName, arns),
  });
  // The service's network as the stack resolves it: its subnets and public IP depend on the layout.
  const network = (
    resolved.resources['Service']?.Properties as
      | { NetworkConfiguration?: { AwsvpcConfiguration?: { Subnets?: string[]; AssignPublicIp?: string } } }
      | undefined
  )?.NetworkConfiguration?.AwsvpcConfiguration;
  return {
    params,
    appName,
    values: {
      arns,
      taskCpu: param('TaskCpu', '256'),
      taskMemory: param('TaskMemory', '512'),
      subnets: network?.Subnets ?? [...CREATED_SUBNETS],
      publicIp: network?.AssignPublicIp !== 'DISABLED',
    },
    resolved,
  };
}

/** The roles whose identity policies the probes evaluate, with what they are for (their grantee's description). */
export const PROBED_ROLES: Readonly<Record<PolicyOf, Grantee>> = {
  'deploy role': DEPLOY_ROLE,
  'deployer role': DEPLOYER_ROLE,
  'execution role': EXECUTION_ROLE,
};

/** The app's own roles whose grants `verify:iam` lists, named for the reader. */
export const LISTED_ROLES: readonly { name: string; grantee: Grantee }[] = [
  { name: 'task role', grantee: TASK_ROLE },
  { name: 'execution role', grantee: EXECUTION_ROLE },
];

/** The first inline policy of a resolved role, if the stack has the role. */
export function inlinePolicy(stack: DeployedStack, logicalId: string): Json | undefined {
  const props = stack.resolved.resources[logicalId]?.Properties as { Policies?: { PolicyDocument: Json }[] } | undefined;
  return props?.Policies?.[0]?.PolicyDocument;
}
