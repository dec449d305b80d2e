/**
 * The deployer: one function of the stack that deploys an image, starts, stops and reports the
 * app (src/deployer/). GitHub Actions invoke it; the GitHub deploy role has no ECS write, no
 * task-definition read or write and no iam:PassRole of its own. The request fields that no IAM
 * condition key can see (UpdateService's security groups, load balancers, service registries
 * and desired count; RegisterTaskDefinition's volumes, log routing, image, roles) are then
 * written by this function's code, which the template fixes and the GitHub role cannot change.
 *
 * It exists in every configuration and region: deploys and start/stop need it whatever
 * `PublicAccess` is, so it is not under the front door's `UseFrontDoor` condition. Its runtime
 * is the front door's; it runs on x86_64, which Lambda offers in every region.
 */
import Role from 'cloudform-types/types/iam/role';
import LambdaFunction from 'cloudform-types/types/lambda/function';
import LogGroup from 'cloudform-types/types/logs/logGroup';
import { Fn, statementIf, type IntrinsicFunction, type PolicyStatement, type StatementEntry, type Value } from './cfn';
import type { Fragment } from './fragment';
import { grant, grantee, type Grant, type Grantee } from './grants';
import { DEPLOYER_ENV } from '../deployer/config';
import { FRONT_DOOR_RUNTIME } from '../front-door/runtime';

export const DEPLOYER_FUNCTION_ID = 'DeployerFunction';
export const DEPLOYER_ROLE_ID = 'DeployerRole';
export const DEPLOYER_LOG_GROUP_ID = 'DeployerLogGroup';

/** The deployer function's role, for modules that grant it what the function calls. */
export const DEPLOYER_ROLE: Grantee = grantee(
  DEPLOYER_ROLE_ID,
  "the deployer function (registers the stack's task definition with a new image, rolls it out, starts, stops and reports the app)",
);

/** What the deployer module needs from the others. */
export interface DeployerInputs {
  /** The bundled handler source (src/deployer/code.ts), inlined as `Code.ZipFile`. */
  code: string;
  /** `Ref Cluster`. */
  clusterName: IntrinsicFunction;
  /** `GetAtt Service.Name`. */
  serviceName: IntrinsicFunction;
  /** `Ref TaskDefinition`: the revision every deploy copies. */
  taskDefinitionArn: IntrinsicFunction;
  /** The app's container name in the task definition. */
  containerName: string;
  /** `Ref Repository`. */
  repositoryName: IntrinsicFunction;
  /** `GetAtt Repository.RepositoryUri`. */
  repositoryUri: IntrinsicFunction;
  /**
   * The image address form the task's network needs (src/deployer/config.ts,
   * `ImageAddressForm`): `ipv4` (the repository URI) or `dual-stack` (ECR's dual-stack host,
   * for IPv6-only subnets). A value or an `Fn::If` on the network's condition.
   */
  imageAddress: Value<string>;
  /** `Ref ContainerPort`. */
  containerPort: IntrinsicFunction;
  /** The front door's URL, or '' without a front door (an `Fn::If`). */
  appUrl: Value<string>;
  /** The front door's activity parameter name, or '' without a front door (an `Fn::If`). */
  activityParameter: Value<string>;
  /** `Ref LogRetentionDays`. */
  logRetentionDays: IntrinsicFunction;
  /**
   * What the front door's activity parameter grant is conditioned on, and its ARN: a start or
   * deploy counts as the front door's activity (src/front-door/activity.ts recordOwnerStart).
   */
  activity: { condition: string; parameterArn: IntrinsicFunction };
  /** What other modules granted {@link DEPLOYER_ROLE}. */
  statements: readonly StatementEntry[];
}

/** What other modules use of the deployer. */
export interface Deployer {
  fragment: Fragment;
  /** `GetAtt DeployerFunction.Arn`. */
  functionArn: IntrinsicFunction;
}

/** Invoke the deployer, and nothing else on it (the GitHub deploy role). */
export function grantInvokeDeployer(to: Grantee): Grant[] {
  return grant(to, {
    // The deploy role's only way to change the service: the deployer checks the image and
    // writes every other field of the task definition and the service itself.
    Sid: 'InvokeTheDeployer',
    Effect: 'Allow',
    Action: 'lambda:InvokeFunction',
    Resource: Fn.GetAtt(DEPLOYER_FUNCTION_ID, 'Arn'),
  });
}

export function deployer(inputs: DeployerInputs): Deployer {
  const functionArn = Fn.GetAtt(DEPLOYER_FUNCTION_ID, 'Arn');
  const ownLogs: PolicyStatement = {
    Sid: 'WriteOwnLogs',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    // The ARN written out, not GetAtt: moto (the local tests' CloudFormation) loses the log group
    // on a stack update and then fails the GetAtt. It is the log group's ARN with its `:*`.
    Resource: Fn.Sub(`arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${${DEPLOYER_LOG_GROUP_ID}}:*`),
  };
  const ownerStart = statementIf(inputs.activity.condition, {
    Sid: 'SsmRecordOwnerStart',
    Effect: 'Allow',
    Action: 'ssm:PutParameter',
    Resource: inputs.activity.parameterArn,
  });
  const resources = {
    // Deleted with the stack and on replacement, stated explicitly (cfn-lint I3011).
    [DEPLOYER_LOG_GROUP_ID]: Object.assign(
      new LogGroup({ LogGroupName: Fn.Sub('/aws/lambda/${AppName}-deployer'), RetentionInDays: inputs.logRetentionDays }),
      { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' },
    ),
    [DEPLOYER_ROLE_ID]: new Role({
      RoleName: Fn.Sub('${AppName}-deployer-${AWS::Region}'),
      Description: Fn.Sub('The ${AppName} deployer function deploys images, starts and stops the app with this role.'),
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'LambdaAssumes',
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      },
      Policies: [
        { PolicyName: 'deployer', PolicyDocument: { Version: '2012-10-17', Statement: [ownLogs, ...inputs.statements, ownerStart] } },
      ],
    }),
    [DEPLOYER_FUNCTION_ID]: new LambdaFunction({
      FunctionName: Fn.Sub('${AppName}-deployer'),
      Description: Fn.Sub("Deploys an image of ${AppName}'s repository, starts, stops and reports the app (GitHub Actions invoke it)."),
      Runtime: FRONT_DOOR_RUNTIME,
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 30,
      Role: Fn.GetAtt(DEPLOYER_ROLE_ID, 'Arn'),
      Code: { ZipFile: inputs.code },
      Environment: {
        Variables: {
          [DEPLOYER_ENV.cluster]: inputs.clusterName,
          [DEPLOYER_ENV.service]: inputs.serviceName,
          [DEPLOYER_ENV.taskDefinition]: inputs.taskDefinitionArn,
          [DEPLOYER_ENV.container]: inputs.containerName,
          [DEPLOYER_ENV.repository]: inputs.repositoryName,
          [DEPLOYER_ENV.repositoryUri]: inputs.repositoryUri,
          [DEPLOYER_ENV.imageAddress]: inputs.imageAddress,
          [DEPLOYER_ENV.port]: inputs.containerPort,
          [DEPLOYER_ENV.appUrl]: inputs.appUrl,
          [DEPLOYER_ENV.activityParameter]: inputs.activityParameter,
        },
      },
    }).dependsOn(DEPLOYER_LOG_GROUP_ID),
  };
  return {
    fragment: {
      resources,
      outputs: {
        DeployerFunctionName: {
          Description: 'The deployer function the workflows invoke (DEPLOYER_FUNCTION).',
          Value: Fn.Ref(DEPLOYER_FUNCTION_ID),
        },
      },
    },
    functionArn,
  };
}
