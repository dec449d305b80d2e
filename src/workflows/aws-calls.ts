/**
 * Every AWS API call the generated workflows make, step by step: the actions' documented
 * permissions and the CLI calls in the scripts. `npm run verify:iam` evaluates each against
 * the compiled deploy role, so a step added here without its permission in the template (or
 * a permission dropped from the template) fails CI.
 *
 * Keep this list next to deploy.ts and start-stop.ts: a new step gets its calls here.
 */
import type { WorkflowOptions } from './options';

/** The resources a call may act on, named by what they are in the stack. */
export type StackResource =
  | '*'
  | 'repository'
  | 'newTaskDefinition'
  | 'service'
  | 'cluster'
  | 'task'
  | 'executionRole'
  | 'taskRole';

/** What a request context value holds: a stack value (`region`, `taskCpu`, ...) or a literal. */
export type StackContextValue =
  | 'region'
  | 'clusterArn'
  | 'newTaskDefinitionArn'
  | 'taskCpu'
  | 'taskMemory'
  | 'RegisterTaskDefinition'
  | 'ecs-tasks.amazonaws.com'
  | 'FARGATE';

/** Request context keys a call carries, by what they hold (a list for multivalued keys). */
export type StackContext = Record<string, StackContextValue | StackContextValue[]>;

/** One AWS API call of a workflow step. */
export interface AwsCall {
  workflow: 'deploy.yml' | 'start-stop.yml';
  /** The step that makes the call. */
  step: string;
  /** IAM action, `service:Action`. */
  action: string;
  resource: StackResource;
  context?: StackContext;
}

const REGION: StackContext = { 'aws:RequestedRegion': 'region' };

/** The calls of both workflows for these options. */
export function workflowAwsCalls(o: Pick<WorkflowOptions, 'propagateTags'>): AwsCall[] {
  const deploy = (step: string, action: string, resource: StackResource, context?: StackContext): AwsCall => ({
    workflow: 'deploy.yml',
    step,
    action,
    resource,
    ...(context ? { context } : {}),
  });
  const startStop = (step: string, action: string, resource: StackResource, context?: StackContext): AwsCall => ({
    workflow: 'start-stop.yml',
    step,
    action,
    resource,
    ...(context ? { context } : {}),
  });
  const push = 'docker/build-push-action (docker push)';
  const register = 'amazon-ecs-deploy-task-definition';
  return [
    deploy('amazon-ecr-login', 'ecr:GetAuthorizationToken', '*', REGION),
    deploy(push, 'ecr:BatchCheckLayerAvailability', 'repository'),
    deploy(push, 'ecr:InitiateLayerUpload', 'repository'),
    deploy(push, 'ecr:UploadLayerPart', 'repository'),
    deploy(push, 'ecr:CompleteLayerUpload', 'repository'),
    deploy(push, 'ecr:PutImage', 'repository'),
    deploy('docker/build-push-action (base layers from the same repository)', 'ecr:BatchGetImage', 'repository'),
    deploy('docker/build-push-action (base layers from the same repository)', 'ecr:GetDownloadUrlForLayer', 'repository'),
    deploy('aws ecs describe-task-definition', 'ecs:DescribeTaskDefinition', '*', REGION),
    deploy('aws ecs describe-services', 'ecs:DescribeServices', 'service'),
    // The rendered definition is the current one with a new image: the stack's task size,
    // FARGATE, and no privileged container (so no ecs:privileged value).
    deploy(register, 'ecs:RegisterTaskDefinition', 'newTaskDefinition', {
      'ecs:task-cpu': 'taskCpu',
      'ecs:task-memory': 'taskMemory',
      'ecs:compute-compatibility': ['FARGATE'],
    }),
    ...(o.propagateTags
      ? [deploy(`${register} (tagged revision)`, 'ecs:TagResource', 'newTaskDefinition', { 'ecs:CreateAction': 'RegisterTaskDefinition' })]
      : []),
    deploy(`${register} (execution role)`, 'iam:PassRole', 'executionRole', { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }),
    deploy(`${register} (task role)`, 'iam:PassRole', 'taskRole', { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }),
    deploy(register, 'ecs:DescribeServices', 'service'),
    // UpdateService with the new revision: IAM sees it as the ecs:task-definition key.
    deploy(register, 'ecs:UpdateService', 'service', { 'ecs:task-definition': 'newTaskDefinitionArn' }),
    startStop('aws ecs update-service --desired-count', 'ecs:UpdateService', 'service'),
    startStop('aws ecs wait services-stable', 'ecs:DescribeServices', 'service'),
    startStop('aws ecs describe-services (no task started: its events)', 'ecs:DescribeServices', 'service'),
    startStop('aws ecs list-tasks', 'ecs:ListTasks', '*', { 'ecs:cluster': 'clusterArn' }),
    startStop('aws ecs describe-tasks', 'ecs:DescribeTasks', 'task'),
    startStop('aws ec2 describe-network-interfaces', 'ec2:DescribeNetworkInterfaces', '*', REGION),
    startStop('aws ecs describe-clusters', 'ecs:DescribeClusters', 'cluster'),
  ];
}
