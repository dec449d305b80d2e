/**
 * The two roles an ECS task uses: the execution role (ECS itself pulls the image and writes
 * logs with it) and the task role (the app's own AWS identity; no permissions by default).
 * The source design references a task role but never creates one.
 *
 * The execution role has its own policy instead of the AWS managed
 * `AmazonECSTaskExecutionRolePolicy`, which pulls from every repository in the account and
 * writes to every log group. Its trust cannot carry source conditions (ECS assumes it before
 * the task exists), and no IAM condition key says which role a task definition names as its
 * task role, so anyone who may register a task definition can run the app as this role.
 * With this policy that gains nothing beyond what the task already does: pull this image,
 * write these logs.
 */
import Role from 'cloudform-types/types/iam/role';
import { Fn, type IntrinsicFunction, type PolicyDocument, type StatementEntry } from './cfn';
import type { Fragment } from './fragment';
import { grantee, type Grant, type Grantee } from './grants';

export const EXECUTION_ROLE_ID = 'TaskExecutionRole';
export const TASK_ROLE_ID = 'TaskRole';
const ECS_TASKS = 'ecs-tasks.amazonaws.com';

/** The role ECS uses to start the task: pull the image, write logs, read the container's secrets. */
export const EXECUTION_ROLE: Grantee = grantee(EXECUTION_ROLE_ID, 'ECS starts the task with it: image, logs, secrets');
/** The role the app's code runs as: grant it what the app calls. */
export const TASK_ROLE: Grantee = grantee(TASK_ROLE_ID, 'the app runs as it');

/** What the task roles need from the other modules. */
export interface TaskRolesInputs {
  /** ARN of the ECR repository the task's image comes from (the only one it may pull). */
  repositoryArn: IntrinsicFunction;
  /** `Fn::GetAtt LogGroup.Arn` (`...:log-group:NAME:*`): the only log group it may write. */
  logGroupArn: IntrinsicFunction;
  /** Statements granted to the task role by modules (what the app itself may call). */
  taskStatements?: readonly StatementEntry[];
  /** Statements granted to the execution role beyond pull and logs (reading the container's secrets). */
  executionStatements?: readonly StatementEntry[];
}

/** What other modules use of the task roles. */
export interface TaskRoles {
  fragment: Fragment;
  executionRoleArn: IntrinsicFunction;
  taskRoleArn: IntrinsicFunction;
}

/** Lets `to` hand these two roles, and only these, to ECS tasks. */
export function grantPassToEcsTasks(to: Grantee): Grant {
  return {
    grantee: to,
    statement: {
      Sid: 'PassTaskRolesToEcsTasks',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: [EXECUTION_ROLE.arn, TASK_ROLE.arn],
      Condition: { StringEquals: { 'iam:PassedToService': ECS_TASKS } },
    },
  };
}

/** An inline policy named `name` with `statements`, or none when there are none. */
function inlinePolicies(name: string, statements: readonly StatementEntry[] = []) {
  return statements.length === 0 ? [] : [{ PolicyName: name, PolicyDocument: { Version: '2012-10-17', Statement: [...statements] } }];
}

/**
 * The execution role's own policy: what ECS does with it before and while the task runs
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html),
 * scoped to this stack's repository and log group.
 */
export function executionRolePolicy(inputs: TaskRolesInputs): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        // GetAuthorizationToken has no resource type: "*" is the only form IAM accepts.
        Sid: 'EcrLogin',
        Effect: 'Allow',
        Action: 'ecr:GetAuthorizationToken',
        Resource: '*',
      },
      {
        // A pull reads the manifest (BatchGetImage) and the layers (GetDownloadUrlForLayer).
        Sid: 'EcrPullThisRepository',
        Effect: 'Allow',
        Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: inputs.repositoryArn,
      },
      {
        // The awslogs driver creates the task's stream, then writes to it.
        Sid: 'LogsWriteThisLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: inputs.logGroupArn,
      },
    ],
  };
}

export function taskRoles(inputs: TaskRolesInputs): TaskRoles {
  // The execution role's trust: ECS tasks of this account only. No aws:SourceArn: ECS assumes
  // it to pull the image and write logs before the task exists, and the ECS documentation
  // shows no value it sends for task execution (a wrong one would stop every task starting).
  const executionTrust: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'EcsTasksOfThisAccountAssume',
        Effect: 'Allow',
        Principal: { Service: ECS_TASKS },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': Fn.Ref('AWS::AccountId') } },
      },
    ],
  };
  // The task role is what the app's code runs as: only ECS tasks of this account and region
  // may assume it (confused-deputy protection, as the ECS developer guide recommends).
  const taskTrust: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'EcsTasksOfThisAccountAssume',
        Effect: 'Allow',
        Principal: { Service: ECS_TASKS },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': Fn.Ref('AWS::AccountId') },
          ArnLike: {
            'aws:SourceArn': Fn.Sub('arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*'),
          },
        },
      },
    ],
  };

  const executionRole = new Role({
    RoleName: Fn.Sub('${AppName}-task-execution-${AWS::Region}'),
    Description: Fn.Sub('ECS pulls the image of ${AppName} and writes its logs with this role.'),
    AssumeRolePolicyDocument: executionTrust,
    Policies: [
      { PolicyName: 'pull-image-and-write-logs', PolicyDocument: executionRolePolicy(inputs) },
      ...inlinePolicies('read-container-secrets', inputs.executionStatements),
    ],
  });
  const taskRole = new Role({
    RoleName: Fn.Sub('${AppName}-task-${AWS::Region}'),
    Description: Fn.Sub('The ${AppName} container runs as this role. No permissions: add what the app needs.'),
    AssumeRolePolicyDocument: taskTrust,
    ...(inputs.taskStatements && inputs.taskStatements.length > 0 ? { Policies: inlinePolicies('app', inputs.taskStatements) } : {}),
  });

  const executionRoleArn = EXECUTION_ROLE.arn;
  const taskRoleArn = TASK_ROLE.arn;

  return {
    fragment: {
      resources: { [EXECUTION_ROLE_ID]: executionRole, [TASK_ROLE_ID]: taskRole },
      outputs: {
        TaskExecutionRoleArn: {
          Description: 'Execution role of the task definition (executionRoleArn).',
          Value: executionRoleArn,
        },
        TaskRoleArn: {
          Description: 'Role the app runs as (taskRoleArn): grant it what the app needs.',
          Value: taskRoleArn,
        },
      },
    },
    executionRoleArn,
    taskRoleArn,
  };
}
