/**
 * Every AWS call the deployer makes, as data: `verify:iam` evaluates each against the
 * deployer's role, and every action the role is granted must be one of these, so a call added
 * to the code without its grant (or a grant no call needs) fails.
 *
 * Keep this list next to the code that makes the calls (actions.ts).
 */

/** What a call acts on, named by what it is in the stack. */
export type DeployerResource =
  | '*'
  | 'repository'
  | 'newTaskDefinition'
  | 'service'
  | 'task'
  | 'executionRole'
  | 'taskRole'
  | 'lastStartParameter'
  | 'logStream';

/** What a request context value holds. */
export type DeployerContextValue =
  | 'region'
  | 'clusterArn'
  | 'newTaskDefinitionArn'
  | 'taskCpu'
  | 'taskMemory'
  | 'RegisterTaskDefinition'
  | 'ecs-tasks.amazonaws.com'
  | 'FARGATE'
  | 'app';

/** One AWS call of the deployer. */
export interface DeployerCall {
  /** Which action makes it. */
  action: 'deploy' | 'start' | 'stop' | 'status' | 'all';
  /** Where in src/deployer. */
  where: string;
  /** IAM action, `service:Action`. */
  iamAction: string;
  resource: DeployerResource;
  /** Request context keys the call carries, by what they hold (a list for multivalued keys). */
  context?: Record<string, DeployerContextValue | DeployerContextValue[]>;
  /** Only when the stack has this: `tags` (PropagateTags true), `front door` (UseFrontDoor). */
  when?: 'tags' | 'front door';
}

export const DEPLOYER_CALLS: readonly DeployerCall[] = [
  { action: 'all', where: "Lambda runtime (the function's log)", iamAction: 'logs:CreateLogStream', resource: 'logStream' },
  { action: 'all', where: "Lambda runtime (the function's log)", iamAction: 'logs:PutLogEvents', resource: 'logStream' },
  { action: 'deploy', where: 'actions.ts resolveDigest', iamAction: 'ecr:DescribeImages', resource: 'repository' },
  {
    action: 'deploy',
    where: "actions.ts deploy (the stack's revision)",
    iamAction: 'ecs:DescribeTaskDefinition',
    resource: '*',
    context: { 'aws:RequestedRegion': 'region' },
  },
  // The stack's own size, FARGATE, and no privileged container (so no ecs:privileged value).
  {
    action: 'deploy',
    where: 'actions.ts deploy',
    iamAction: 'ecs:RegisterTaskDefinition',
    resource: 'newTaskDefinition',
    context: { 'ecs:task-cpu': 'taskCpu', 'ecs:task-memory': 'taskMemory', 'ecs:compute-compatibility': ['FARGATE'] },
  },
  {
    action: 'deploy',
    where: 'actions.ts deploy (the app tag of the revision)',
    iamAction: 'ecs:TagResource',
    resource: 'newTaskDefinition',
    context: { 'ecs:CreateAction': 'RegisterTaskDefinition', 'aws:TagKeys': ['app'] },
    when: 'tags',
  },
  {
    action: 'deploy',
    where: 'actions.ts deploy (execution role)',
    iamAction: 'iam:PassRole',
    resource: 'executionRole',
    context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
  },
  {
    action: 'deploy',
    where: 'actions.ts deploy (task role)',
    iamAction: 'iam:PassRole',
    resource: 'taskRole',
    context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
  },
  // UpdateService with the new revision: IAM sees it as the ecs:task-definition key.
  {
    action: 'deploy',
    where: 'actions.ts deploy',
    iamAction: 'ecs:UpdateService',
    resource: 'service',
    context: { 'ecs:task-definition': 'newTaskDefinitionArn' },
  },
  { action: 'start', where: 'actions.ts scale', iamAction: 'ecs:UpdateService', resource: 'service' },
  { action: 'stop', where: 'actions.ts scale', iamAction: 'ecs:UpdateService', resource: 'service' },
  {
    action: 'start',
    where: 'front-door/activity.ts recordOwnerStart',
    iamAction: 'ssm:PutParameter',
    resource: 'lastStartParameter',
    when: 'front door',
  },
  { action: 'status', where: 'actions.ts status', iamAction: 'ecs:DescribeServices', resource: 'service' },
  {
    action: 'status',
    where: 'actions.ts serviceTasks',
    iamAction: 'ecs:ListTasks',
    resource: '*',
    context: { 'ecs:cluster': 'clusterArn' },
  },
  { action: 'status', where: 'actions.ts serviceTasks', iamAction: 'ecs:DescribeTasks', resource: 'task' },
  {
    action: 'status',
    where: 'actions.ts publicUrl',
    iamAction: 'ec2:DescribeNetworkInterfaces',
    resource: '*',
    context: { 'aws:RequestedRegion': 'region' },
  },
];
