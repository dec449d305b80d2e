/**
 * The front door: a stable HTTPS address that costs nothing while idle, wakes the app on its
 * first request and stops it when requests stop (docs/front-door.md has how it works, its numbers
 * and sources; docs/decisions/0001-front-door.md, why this design).
 *
 * HTTP API (one catch-all route to the function, payload format 2.0) → Lambda function (the bundled
 * src/front-door/handler.ts) → the task's public IP. The same function runs the idle check
 * every five minutes from an EventBridge Scheduler schedule. Optional custom domain: a
 * regional ACM certificate and an API Gateway domain name, with a Route 53 alias when a
 * hosted zone id is given.
 *
 * `PublicAccess` public-ip creates none of it: the app is reached at its task's IP, as before.
 */
import Api from 'cloudform-types/types/apiGatewayV2/api';
import ApiMapping from 'cloudform-types/types/apiGatewayV2/apiMapping';
import DomainName from 'cloudform-types/types/apiGatewayV2/domainName';
import Integration from 'cloudform-types/types/apiGatewayV2/integration';
import Route from 'cloudform-types/types/apiGatewayV2/route';
import Stage from 'cloudform-types/types/apiGatewayV2/stage';
import Certificate from 'cloudform-types/types/certificateManager/certificate';
import Role from 'cloudform-types/types/iam/role';
import LambdaFunction from 'cloudform-types/types/lambda/function';
import Permission from 'cloudform-types/types/lambda/permission';
import LogGroup from 'cloudform-types/types/logs/logGroup';
import RecordSet from 'cloudform-types/types/route53/recordSet';
import Schedule from 'cloudform-types/types/scheduler/schedule';
import ScheduleGroup from 'cloudform-types/types/scheduler/scheduleGroup';
import SsmParameter from 'cloudform-types/types/ssm/parameter';
import { Fn, Refs, arnPrefix, type IntrinsicFunction, type PolicyDocument, type PolicyStatement, type StatementEntry } from './cfn';
import { PUBLIC_GROUP } from './console-groups';
import { grantee, type Grantee } from './grants';
import type { Fragment } from './fragment';
import { booleanParam, numberParam, stringParam } from './parameters';
import { CLUSTER_ID } from './cluster';
import { ENV, ORIGIN_SECRET_VARIABLE } from '../front-door/config';
import { frontDoorVpc } from './front-door-vpc';
import { FRONT_DOOR_RUNTIME } from '../front-door/runtime';

export const PUBLIC_ACCESS_PARAM = 'PublicAccess';
export const IDLE_MINUTES_PARAM = 'IdleMinutes';
export const DOMAIN_NAME_PARAM = 'DomainName';
export const HOSTED_ZONE_PARAM = 'HostedZoneId';
export const WAKE_ON_ANY_REQUEST_PARAM = 'WakeOnAnyRequest';
export const THROTTLE_RATE_PARAM = 'FrontDoorRateLimit';
export const THROTTLE_BURST_PARAM = 'FrontDoorBurstLimit';
export const CONCURRENCY_PARAM = 'FrontDoorReservedConcurrency';
export const DAILY_RUN_HOURS_PARAM = 'DailyRunHours';

export const USE_FRONT_DOOR_CONDITION = 'UseFrontDoor';
export const RESERVE_CONCURRENCY_CONDITION = 'ReserveFrontDoorConcurrency';
export const CUSTOM_DOMAIN_CONDITION = 'UseCustomDomain';
export const ROUTE53_CONDITION = 'CreateDnsRecord';

export const FUNCTION_ID = 'FrontDoorFunction';
export const FUNCTION_ROLE_ID = 'FrontDoorRole';
export const FUNCTION_LOG_GROUP_ID = 'FrontDoorLogGroup';
export const ACTIVITY_PARAMETER_ID = 'FrontDoorLastRequest';
export const START_PARAMETER_ID = 'FrontDoorLastStart';
export const STATE_PARAMETER_ID = 'FrontDoorState';
export const API_ID = 'FrontDoorApi';
export const INTEGRATION_ID = 'FrontDoorIntegration';
export const ROUTE_ID = 'FrontDoorRoute';
export const STAGE_ID = 'FrontDoorStage';
export const API_PERMISSION_ID = 'FrontDoorApiInvokes';
export const SCHEDULE_ID = 'FrontDoorIdleCheck';
export const SCHEDULER_ROLE_ID = 'FrontDoorSchedulerRole';
export const SCHEDULE_GROUP_ID = 'FrontDoorScheduleGroup';
export const CERTIFICATE_ID = 'FrontDoorCertificate';
export const DOMAIN_ID = 'FrontDoorDomain';
export const API_MAPPING_ID = 'FrontDoorApiMapping';
export const DNS_RECORD_ID = 'FrontDoorDnsRecord';

/**
 * Console regions where CloudFormation has no AWS::ApiGatewayV2 resources (cfn-lint's region
 * schemas, v1.51.0): `PublicAccess` https creates no front door there.
 */
export const NO_HTTP_API_REGIONS: readonly string[] = ['ap-east-2', 'ap-southeast-6'];

/** How often the idle check runs: an app stops between IdleMinutes and IdleMinutes + 5 after its last request. */
export const IDLE_CHECK_RATE = 'rate(5 minutes)';
/** What the schedule sends the function (see src/front-door/events.ts). */
export const IDLE_CHECK_INPUT = '{"idleCheck":true}';

/** The path of the front door's SSM parameters (src/front-door/activity.ts names the three under it). */
export const PARAMETER_PATH = '/${AppName}/front-door';
/**
 * The `last-start` parameter, as a `Fn::Sub` string: the deployer (the owner's start and deploy)
 * passes it to `recordOwnerStart` (src/front-door/activity.ts).
 */
export const LAST_START_PARAMETER = `${PARAMETER_PATH}/last-start`;

/** How visitors reach the app. */
export type PublicAccess = 'https' | 'public-ip';

/** Options of the front door module (defaults of its parameters). */
export interface FrontDoorOptions {
  /**
   * Default for `PublicAccess`: `https` (a stable HTTPS URL that wakes the app; the default)
   * or `public-ip` (no front door: the task's public IP on the app port, a new one each start).
   */
  publicAccess?: PublicAccess;
  /** Default for `IdleMinutes`: minutes without requests before the app is stopped; 0 = never. Default 30. */
  idleMinutes?: number;
  /** Default for `DomainName`: a custom domain for the HTTPS URL (e.g. `app.example.com`); empty for none. */
  domainName?: string;
  /** Default for `HostedZoneId`: the Route 53 zone of `DomainName`, to validate and point it automatically. */
  hostedZoneId?: string;
  /**
   * Default for `WakeOnAnyRequest`: false, only a browser navigation wakes the app and keeps it
   * awake; true (API-only apps), any request but known monitors and crawlers does.
   */
  wakeOnAnyRequest?: boolean;
  /** Default for `FrontDoorRateLimit`: requests per second the HTTP API stage lets through (steady). Default 10. */
  rateLimit?: number;
  /** Default for `FrontDoorBurstLimit`: requests the stage lets through at once. Default 20. */
  burstLimit?: number;
  /** Default for `FrontDoorReservedConcurrency`: concurrent executions reserved for (and capping) the function; 0 = unreserved. Default 0. */
  reservedConcurrency?: number;
  /** Default for `DailyRunHours`: hours per UTC day visitors may keep the app running; 0 = no budget. Default 12. */
  dailyRunHours?: number;
}

/** The front door function's role, for modules that grant it what the function calls. */
export const FRONT_DOOR_ROLE: Grantee = grantee(FUNCTION_ROLE_ID, 'the front door function (wakes, proxies to and stops the app)');

/** What the front door module needs from the others. */
export interface FrontDoorInputs {
  /** The bundled handler source (src/front-door/code.ts), inlined as `Code.ZipFile`. */
  code: string;
  /** `Ref Cluster`. */
  clusterName: IntrinsicFunction;
  /** `GetAtt Service.Name`. */
  serviceName: IntrinsicFunction;
  /** `Ref ContainerPort`: where the app listens in its task. */
  containerPort: IntrinsicFunction;
  /** `Ref LogRetentionDays`: retention of the function's log group. */
  logRetentionDays: IntrinsicFunction;
  /**
   * What other modules granted {@link FRONT_DOOR_ROLE}: the service's desired count
   * (`grantScale`) and finding its tasks (`grantObserveTasks`).
   */
  statements: StatementEntry[];
  /** The VPC the function runs in (private layout; see front-door-vpc.ts). */
  vpcId: IntrinsicFunction;
  /** The dual-stack subnets the function runs in (private layout). */
  subnetIds: IntrinsicFunction;
  /** `GetAtt <task security group>.GroupId`: the function connects to it on the app port. */
  taskSecurityGroupId: IntrinsicFunction;
}

/** What other modules use of the front door. */
export interface FrontDoor {
  fragment: Fragment;
}

/** The stack id's random UUID (`arn:...:stack/NAME/UUID`): known to the account, not to the internet. */
const STACK_UUID = Fn.Select(2, Fn.Split('/', Refs.StackId));

/**
 * The container's variable with the per-stack secret the front door sends in every request
 * (src/front-door/config.ts ORIGIN_HEADER), so the app can refuse requests that bypass it.
 * Empty without the front door: the app then checks nothing (Fargate leaves an empty variable unset).
 */
export function originSecretVariable(): { Name: string; Value: IntrinsicFunction } {
  return { Name: ORIGIN_SECRET_VARIABLE, Value: Fn.If(USE_FRONT_DOOR_CONDITION, STACK_UUID, '') };
}

export function frontDoor(o: FrontDoorOptions, inputs: FrontDoorInputs): FrontDoor {
  const when = <T extends { condition(name: string): T }>(resource: T, condition = USE_FRONT_DOOR_CONDITION): T =>
    resource.condition(condition);
  const parameter = (name: string, value: string): SsmParameter =>
    when(new SsmParameter({ Name: Fn.Sub(`${PARAMETER_PATH}/${name}`), Type: 'String', Value: value }));
  const functionArn = Fn.GetAtt(FUNCTION_ID, 'Arn');
  const [logsStatement, recordsStatement, stopTaskStatement] = ownStatements();
  const vpc = frontDoorVpc({
    vpcId: inputs.vpcId,
    subnetIds: inputs.subnetIds,
    taskSecurityGroupId: inputs.taskSecurityGroupId,
    containerPort: inputs.containerPort,
  });
  const functionStatements = [logsStatement, ...inputs.statements, stopTaskStatement, recordsStatement, ...vpc.statements];

  const resources = {
    // Deleted with the stack and on replacement, stated explicitly (cfn-lint I3011), as the app's log group.
    [FUNCTION_LOG_GROUP_ID]: when(
      Object.assign(new LogGroup({ LogGroupName: Fn.Sub('/aws/lambda/${AppName}-front-door'), RetentionInDays: inputs.logRetentionDays }), {
        DeletionPolicy: 'Delete',
        UpdateReplacePolicy: 'Delete',
      }),
    ),
    // The front door's records (src/front-door/activity.ts), made here so the stack deletes them.
    [ACTIVITY_PARAMETER_ID]: parameter('last-request', '1970-01-01T00:00:00.000Z'),
    [START_PARAMETER_ID]: parameter('last-start', '{}'),
    [STATE_PARAMETER_ID]: parameter('state', '{}'),
    [FUNCTION_ROLE_ID]: when(
      new Role({
        RoleName: Fn.Sub('${AppName}-front-door-${AWS::Region}'),
        AssumeRolePolicyDocument: trust('lambda.amazonaws.com'),
        Policies: [{ PolicyName: 'front-door', PolicyDocument: { Version: '2012-10-17', Statement: functionStatements } }],
      }),
    ),
    [FUNCTION_ID]: when(
      new LambdaFunction({
        FunctionName: Fn.Sub('${AppName}-front-door'),
        Runtime: FRONT_DOOR_RUNTIME,
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 256,
        // Under the HTTP API's 30 s integration timeout, so a slow app gets our 504, not API Gateway's 503.
        Timeout: 29,
        Role: Fn.GetAtt(FUNCTION_ROLE_ID, 'Arn'),
        Code: { ZipFile: inputs.code },
        // A cap on concurrent executions when reserved (0: unreserved, see the parameter).
        ReservedConcurrentExecutions: Fn.If(RESERVE_CONCURRENCY_CONDITION, Fn.Ref(CONCURRENCY_PARAM), Refs.NoValue),
        Environment: {
          Variables: {
            [ENV.cluster]: inputs.clusterName,
            [ENV.service]: inputs.serviceName,
            [ENV.port]: inputs.containerPort,
            [ENV.idleMinutes]: Fn.Ref(IDLE_MINUTES_PARAM),
            [ENV.parameterPath]: Fn.Sub(PARAMETER_PATH),
            [ENV.wakeOnAnyRequest]: Fn.Ref(WAKE_ON_ANY_REQUEST_PARAM),
            [ENV.dailyRunHours]: Fn.Ref(DAILY_RUN_HOURS_PARAM),
            [ENV.originSecret]: STACK_UUID,
            ...vpc.environment,
          },
        },
        VpcConfig: vpc.vpcConfig,
      }).dependsOn(FUNCTION_LOG_GROUP_ID),
    ),
    ...vpc.resources,
    // Not quick create (Api.Target): its payload format is not documented, and the handler
    // reads format 2.0, which a CloudFormation integration must state.
    [API_ID]: when(new Api({ Name: Fn.Ref('AppName'), ProtocolType: 'HTTP' })),
    [INTEGRATION_ID]: when(
      new Integration({
        ApiId: Fn.Ref(API_ID),
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: functionArn,
        PayloadFormatVersion: '2.0',
      }),
    ),
    [ROUTE_ID]: when(new Route({ ApiId: Fn.Ref(API_ID), RouteKey: '$default', Target: Fn.Sub(`integrations/\${${INTEGRATION_ID}}`) })),
    [STAGE_ID]: when(
      new Stage({
        ApiId: Fn.Ref(API_ID),
        StageName: '$default',
        AutoDeploy: true,
        // Requests over these get 429 from API Gateway, before the function runs or bills.
        DefaultRouteSettings: { ThrottlingRateLimit: Fn.Ref(THROTTLE_RATE_PARAM), ThrottlingBurstLimit: Fn.Ref(THROTTLE_BURST_PARAM) },
      }),
    ),
    [API_PERMISSION_ID]: when(
      new Permission({
        Action: 'lambda:InvokeFunction',
        FunctionName: Fn.Ref(FUNCTION_ID),
        Principal: 'apigateway.amazonaws.com',
        SourceArn: Fn.Sub(`${arnPrefix('execute-api')}\${${API_ID}}/*`),
      }),
    ),
    [SCHEDULER_ROLE_ID]: when(
      new Role({
        // Scheduler's confused-deputy guidance: aws:SourceArn is the schedule *group*'s ARN, never
        // a schedule's (https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html,
        // read 2026-12-06), so the idle check has a group of its own.
        AssumeRolePolicyDocument: trust('scheduler.amazonaws.com', {
          StringEquals: {
            'aws:SourceAccount': Refs.AccountId,
            'aws:SourceArn': Fn.Sub(`${arnPrefix('scheduler')}schedule-group/\${${SCHEDULE_GROUP_ID}}`),
          },
        }),
        Policies: [
          {
            PolicyName: 'invoke-front-door',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Sid: 'InvokeFrontDoor', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: functionArn }],
            },
          },
        ],
      }),
    ),
    [SCHEDULE_GROUP_ID]: when(new ScheduleGroup({ Name: Fn.Sub('${AppName}-front-door') })),
    [SCHEDULE_ID]: when(
      new Schedule({
        GroupName: Fn.Ref(SCHEDULE_GROUP_ID),
        ScheduleExpression: IDLE_CHECK_RATE,
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: {
          Arn: functionArn,
          RoleArn: Fn.GetAtt(SCHEDULER_ROLE_ID, 'Arn'),
          Input: IDLE_CHECK_INPUT,
          // The next check comes five minutes later anyway.
          RetryPolicy: { MaximumRetryAttempts: 0 },
        },
      }),
    ),
    [CERTIFICATE_ID]: when(
      new Certificate({
        DomainName: Fn.Ref(DOMAIN_NAME_PARAM),
        ValidationMethod: 'DNS',
        DomainValidationOptions: Fn.If(
          ROUTE53_CONDITION,
          [{ DomainName: Fn.Ref(DOMAIN_NAME_PARAM), HostedZoneId: Fn.Ref(HOSTED_ZONE_PARAM) }],
          Refs.NoValue,
        ),
      }),
      CUSTOM_DOMAIN_CONDITION,
    ),
    [DOMAIN_ID]: when(
      new DomainName({
        DomainName: Fn.Ref(DOMAIN_NAME_PARAM),
        DomainNameConfigurations: [{ CertificateArn: Fn.Ref(CERTIFICATE_ID), EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
      }),
      CUSTOM_DOMAIN_CONDITION,
    ),
    [API_MAPPING_ID]: when(
      new ApiMapping({ ApiId: Fn.Ref(API_ID), DomainName: Fn.Ref(DOMAIN_ID), Stage: Fn.Ref(STAGE_ID) }),
      CUSTOM_DOMAIN_CONDITION,
    ),
    [DNS_RECORD_ID]: when(
      new RecordSet({
        HostedZoneId: Fn.Ref(HOSTED_ZONE_PARAM),
        Name: Fn.Ref(DOMAIN_NAME_PARAM),
        Type: 'A',
        AliasTarget: {
          DNSName: Fn.GetAtt(DOMAIN_ID, 'RegionalDomainName'),
          HostedZoneId: Fn.GetAtt(DOMAIN_ID, 'RegionalHostedZoneId'),
        },
      }),
      ROUTE53_CONDITION,
    ),
  };

  return {
    fragment: {
      parameters: parameters(o),
      conditions: {
        [USE_FRONT_DOOR_CONDITION]: Fn.And([
          Fn.Equals(Fn.Ref(PUBLIC_ACCESS_PARAM), 'https'),
          // Regions without HTTP APIs in CloudFormation (cfn-lint E3006): there the app stays on its public IP.
          Fn.Not(Fn.Or(NO_HTTP_API_REGIONS.map((r) => Fn.Equals(Refs.Region, r)))),
        ]),
        // A string: Ref of a Number parameter is its text, and Fn::Equals compares strings.
        [RESERVE_CONCURRENCY_CONDITION]: Fn.Not(Fn.Equals(Fn.Ref(CONCURRENCY_PARAM), '0')),
        [CUSTOM_DOMAIN_CONDITION]: Fn.And([Fn.Condition(USE_FRONT_DOOR_CONDITION), Fn.Not(Fn.Equals(Fn.Ref(DOMAIN_NAME_PARAM), ''))]),
        [ROUTE53_CONDITION]: Fn.And([Fn.Condition(CUSTOM_DOMAIN_CONDITION), Fn.Not(Fn.Equals(Fn.Ref(HOSTED_ZONE_PARAM), ''))]),
      },
      resources,
      outputs: {
        AppUrl: {
          Condition: USE_FRONT_DOOR_CONDITION,
          Description: 'Stable HTTPS URL; a browser visit wakes the app.',
          Value: Fn.If(CUSTOM_DOMAIN_CONDITION, Fn.Sub(`https://\${${DOMAIN_NAME_PARAM}}`), Fn.GetAtt(API_ID, 'ApiEndpoint')),
        },
        CustomDomainDnsRecord: {
          Condition: CUSTOM_DOMAIN_CONDITION,
          Description: 'DNS record for DomainName (made for you with HostedZoneId).',
          Value: Fn.Sub(`\${${DOMAIN_NAME_PARAM}} CNAME \${${DOMAIN_ID}.RegionalDomainName}`),
        },
      },
    },
  };
}

function parameters(o: FrontDoorOptions): Fragment['parameters'] {
  return {
    [PUBLIC_ACCESS_PARAM]: stringParam({
      label: 'Public access',
      group: PUBLIC_GROUP,
      description: "https: stable HTTPS URL, wakes on request, stops when idle. public-ip: HTTP on the task's IP, new each start.",
      default: o.publicAccess ?? 'https',
      allowedValues: ['https', 'public-ip'],
      constraint: 'https or public-ip.',
    }),
    [IDLE_MINUTES_PARAM]: numberParam({
      label: 'Stop after idle minutes',
      group: PUBLIC_GROUP,
      description: 'https: stop after this many minutes without an answered visit or a start. 0: never.',
      default: o.idleMinutes ?? 30,
      minValue: 0,
      maxValue: 10080,
      constraint: '0 (never) to 10080 (a week).',
    }),
    [DOMAIN_NAME_PARAM]: stringParam({
      label: 'Custom domain (optional)',
      group: PUBLIC_GROUP,
      description: 'https: e.g. app.example.com.',
      default: o.domainName ?? '',
      pattern: '|([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}',
      constraint: 'A lower-case domain name, or nothing.',
    }),
    [HOSTED_ZONE_PARAM]: stringParam({
      label: 'Route 53 hosted zone id (optional)',
      group: PUBLIC_GROUP,
      description: 'Zone of DomainName: the stack adds its DNS records. Empty: add them yourself.',
      default: o.hostedZoneId ?? '',
      pattern: '|Z[A-Z0-9]{1,31}',
      constraint: 'A zone id (Z...), or nothing.',
    }),
    [WAKE_ON_ANY_REQUEST_PARAM]: booleanParam({
      label: 'Wake on any request (API-only apps)',
      group: PUBLIC_GROUP,
      description: 'false: only browser visits wake the app and keep it up. true: any request but monitors and crawlers.',
      default: o.wakeOnAnyRequest ?? false,
    }),
    [THROTTLE_RATE_PARAM]: numberParam({
      label: 'Front door requests per second',
      group: PUBLIC_GROUP,
      description: 'https: steady request rate the HTTP API lets through; more get 429.',
      default: o.rateLimit ?? 10,
      minValue: 1,
      maxValue: 10000,
      constraint: '1 to 10000.',
    }),
    [THROTTLE_BURST_PARAM]: numberParam({
      label: 'Front door burst',
      group: PUBLIC_GROUP,
      description: 'https: requests the HTTP API lets through at once.',
      default: o.burstLimit ?? 20,
      minValue: 1,
      maxValue: 5000,
      constraint: '1 to 5000.',
    }),
    [CONCURRENCY_PARAM]: numberParam({
      label: 'Front door reserved concurrency',
      group: PUBLIC_GROUP,
      description: 'https: concurrent runs reserved for and capping the front door. 0: unreserved (new accounts cannot reserve).',
      default: o.reservedConcurrency ?? 0,
      minValue: 0,
      maxValue: 1000,
      constraint: '0 (unreserved) to 1000.',
    }),
    [DAILY_RUN_HOURS_PARAM]: numberParam({
      label: 'Daily run hours (budget)',
      group: PUBLIC_GROUP,
      description: 'https: hours per UTC day visitors may keep the app up; then it stops until midnight UTC. 0: no limit.',
      default: o.dailyRunHours ?? 12,
      minValue: 0,
      maxValue: 24,
      constraint: '0 (no limit) to 24.',
    }),
  };
}

function trust(service: string, condition?: PolicyStatement['Condition']): PolicyDocument {
  const statement: PolicyStatement = { Sid: 'ServiceAssumes', Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' };
  if (condition) statement.Condition = condition;
  return { Version: '2012-10-17', Statement: [statement] };
}

/** The function's own resources (its log group and its parameters), and stopping a task that never served. */
function ownStatements(): [PolicyStatement, PolicyStatement, PolicyStatement] {
  return [
    {
      Sid: 'WriteOwnLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: Fn.GetAtt(FUNCTION_LOG_GROUP_ID, 'Arn'),
    },
    {
      Sid: 'SsmFrontDoorRecords',
      Effect: 'Allow',
      Action: ['ssm:GetParameters', 'ssm:PutParameter'],
      Resource: ['last-request', 'last-start', 'state'].map((name) => Fn.Sub(`${arnPrefix('ssm')}parameter${PARAMETER_PATH}/${name}`)),
    },
    {
      // The idle check stops a task whose app never accepted connections (ECS replaces it).
      Sid: 'EcsStopTaskOfThisCluster',
      Effect: 'Allow',
      Action: 'ecs:StopTask',
      Resource: Fn.Sub(`${arnPrefix('ecs')}task/\${${CLUSTER_ID}}/*`),
    },
  ];
}
