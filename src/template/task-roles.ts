/**
 * The two roles an ECS task uses: the execution role (ECS itself pulls the image and writes
 * logs with it) and the task role (the app's own AWS identity; no permissions by default).
 * The source design references a task role but never creates one.
 */
import Role from 'cloudform-types/types/iam/role';
import { Fn, type IntrinsicFunction, type PolicyDocument, type StatementEntry } from './cfn';
import type { Fragment } from './fragment';
import { grantee, type Grant, type Grantee } from './grants';

export const EXECUTION_ROLE_ID = 'TaskExecutionRole';
export const TASK_ROLE_ID = 'TaskRole';
const ECS_TASKS = 'ecs-tasks.amazonaws.com';

/** The role ECS uses to start the task: pull the image, write logs, read the container's secrets. */
export const EXECUTION_ROLE: Grantee = grantee(EXECUTION_ROLE_ID, 'ECS starts the task with it (image, logs, secrets)');
/** The role the app's code runs as: grant it what the app calls. */
export const TASK_ROLE: Grantee = grantee(TASK_ROLE_ID, 'the app runs as it');

/** What the task roles are given by the other modules. */
export interface TaskRolesInputs {
  /** Statements granted to the task role (what the app itself may call). */
  taskStatements: readonly StatementEntry[];
  /** Statements granted to the execution role (e.g. reading the container's secrets). */
  executionStatements: readonly StatementEntry[];
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
function inlinePolicies(name: string, statements: readonly StatementEntry[]) {
  return statements.length === 0
    ? {}
    : { Policies: [{ PolicyName: name, PolicyDocument: { Version: '2012-10-17', Statement: [...statements] } }] };
}

export function taskRoles(inputs: TaskRolesInputs = { taskStatements: [], executionStatements: [] }): TaskRoles {
  // The execution role keeps the trust policy AWS documents for it, without source
  // conditions: ECS assumes it to pull the image and write logs before the task exists.
  const executionTrust: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'EcsTasksAssume',
        Effect: 'Allow',
        Principal: { Service: ECS_TASKS },
        Action: 'sts:AssumeRole',
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
    ManagedPolicyArns: [
      Fn.Sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'),
    ],
    ...inlinePolicies('start-task', inputs.executionStatements),
  });
  const taskRole = new Role({
    RoleName: Fn.Sub('${AppName}-task-${AWS::Region}'),
    Description: Fn.Sub(
      'The ${AppName} container runs as this role. No permissions: add what the app needs.',
    ),
    AssumeRolePolicyDocument: taskTrust,
    ...inlinePolicies('app', inputs.taskStatements),
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
          Description: 'Role the app runs as (taskRoleArn). Attach the policies your app needs to it.',
          Value: taskRoleArn,
        },
      },
    },
    executionRoleArn,
    taskRoleArn,
  };
}
