/**
 * The app itself: a Fargate task definition (one container from the repository, logs to the
 * log group), a security group open on the app port only (to the front door's security group
 * in the private layout, to anyone in the public-IP one), and a service with no load balancer
 * whose desired count defaults to 0, so a new stack runs (and bills) nothing until the start
 * workflow sets it to 1. See network.ts for the two layouts.
 */
import TaskDefinition from 'cloudform-types/types/ecs/taskDefinition';
import Service from 'cloudform-types/types/ecs/service';
import SecurityGroup from 'cloudform-types/types/ec2/securityGroup';
import { cfnLintIgnore, Fn, Refs, RuleFn, statementIf, type IntrinsicFunction, type PolicyCondition, type Rule, type Value } from './cfn';
import { APP_GROUP } from './console-groups';
import type { Fragment } from './fragment';
import { grant, type Grant, type Grantee } from './grants';
import { IPV6_ONLY_TASK_CONDITION, PRIVATE_NETWORK_CONDITION } from './network';
import { booleanParam, numberParam, stringParam } from './parameters';
import { TASK_DEFINITION_TAG_KEYS } from '../deployer/config';

export const TASK_DEFINITION_ID = 'TaskDefinition';
export const SERVICE_ID = 'Service';
export const SECURITY_GROUP_ID = 'ServiceSecurityGroup';
/** Name of the app's container in the task definition (the workflows render this one). */
export const CONTAINER_NAME = 'app';
export const USE_SPOT_CONDITION = 'UseFargateSpot';
export const PROPAGATE_TAGS_CONDITION = 'PropagateTags';

/** Fargate's CPU units and, for each, the memory sizes (MiB) it accepts (Linux tasks). */
export const FARGATE_SIZES: Readonly<Record<string, readonly number[]>> = {
  '256': [512, 1024, 2048],
  '512': range(1024, 4096, 1024),
  '1024': range(2048, 8192, 1024),
  '2048': range(4096, 16384, 1024),
  '4096': range(8192, 30720, 1024),
};

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n += step) out.push(n);
  return out;
}

/**
 * Well-known remote-administration ports, which the security group would open to 0.0.0.0/0:
 * SSH, Telnet, MS RPC, SMB, the Docker Engine API, RDP, VNC and WinRM. Internet scanners try
 * these first (AWS Security Hub's EC2.13/EC2.14 controls flag 22 and 3389 open to the world).
 * A web app has no reason to listen on one, so a stack refuses them unless AllowAdminPort is
 * true: a typo or a copied example then fails before anything is created, and whoever really
 * wants it says so in the stack's parameters, where a reviewer sees it.
 */
export const ADMIN_PORTS: readonly number[] = [22, 23, 135, 445, 2375, 2376, 3389, 5900, 5985, 5986];
export const ALLOW_ADMIN_PORT_PARAM = 'AllowAdminPort';

/** CPU architectures of Fargate tasks. */
export type CpuArchitecture = 'ARM64' | 'X86_64';

/** Options of the service module (defaults of its parameters). */
export interface ServiceOptions {
  /** Default for `ImageTag`: the image tag the stack's task definition starts with. Default `latest`. */
  imageTag?: string;
  /** Default for `ContainerPort`: the port the app listens on (also sent as `PORT`). Default 8000. */
  containerPort?: number;
  /**
   * Default for `AllowAdminPort`: let `ContainerPort` be a remote-administration port (22, 3389,
   * ...; see {@link ADMIN_PORTS}), which the security group then opens to the internet. Default false.
   */
  allowAdminPort?: boolean;
  /** Default for `DesiredCount`: 0 (stopped, costs nothing) or 1 (running). Default 0. */
  desiredCount?: 0 | 1;
  /** Default for `TaskCpu`: Fargate CPU units (256 = 0.25 vCPU). Default `256`. */
  taskCpu?: '256' | '512' | '1024' | '2048' | '4096';
  /** Default for `TaskMemory` in MiB; must suit the CPU (256 CPU: 512, 1024 or 2048). Default `512`. */
  taskMemory?: string;
  /** Default for `CpuArchitecture`: build your image for it. Default `ARM64` (20% cheaper). */
  cpuArchitecture?: CpuArchitecture;
  /** Default for `UseFargateSpot`: run on Fargate Spot (up to 70% cheaper, can be interrupted). Default true. */
  useFargateSpot?: boolean;
  /** Default for `PropagateTags`: tag task definitions and tasks with the app name. Default true. */
  propagateTags?: boolean;
}

/** What the service module needs from the others. */
export interface ServiceInputs {
  repositoryUri: IntrinsicFunction;
  /** The repository's dual-stack address (`<account>.dkr-ecr.<region>.on.aws/<name>`), which an IPv6-only task pulls from. */
  dualStackRepositoryUri: IntrinsicFunction;
  /** `GetAtt <front door security group>.GroupId`: the only source the private task admits. */
  frontDoorSecurityGroupId: IntrinsicFunction;
  logGroupName: IntrinsicFunction;
  executionRoleArn: IntrinsicFunction;
  taskRoleArn: IntrinsicFunction;
  clusterName: IntrinsicFunction;
  vpcId: IntrinsicFunction;
  subnetIds: IntrinsicFunction;
  /** A resource that exists once the subnets route to the internet (see network.ts). */
  networkReadyId: string;
  /** The container's variables beyond `PORT`, in order. */
  environment?: readonly ContainerVariable[];
  /** The container's secrets: names and the full ARNs of their parameters or secrets. */
  secrets?: readonly ContainerSecret[];
}

/** One environment variable of the container. */
export interface ContainerVariable {
  /** Variable name. */
  Name: string;
  /** Its value, in plain text in the task definition. */
  Value: Value<string>;
}

/** One secret of the container: ECS reads it with the execution role when the task starts. */
export interface ContainerSecret {
  /** Variable name the app reads. */
  Name: string;
  /** Full ARN of the SSM parameter or Secrets Manager secret. */
  ValueFrom: Value<string>;
}

/** What other modules use of the service. */
export interface EcsService {
  fragment: Fragment;
  /**
   * Register new revisions of this task family and roll them out to this service; the same
   * UpdateService grant sets its desired count (start/stop).
   */
  grantDeploy(to: Grantee): Grant[];
  /** `GetAtt Service.Name`. */
  serviceName: IntrinsicFunction;
  /** `Ref Service`: the service ARN. */
  serviceArn: IntrinsicFunction;
  /** ARN pattern of the app's task definition family (`...:task-definition/<AppName>:*`). */
  taskFamilyArn: IntrinsicFunction;
  /**
   * Read and set this service's desired count (the front door's wake and idle stop):
   * UpdateService with the deploy role's conditions, so nothing else about the service changes.
   */
  grantScale(to: Grantee): Grant[];
}

export function service(o: ServiceOptions, inputs: ServiceInputs): EcsService {
  const familyArn = Fn.Sub('arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/${AppName}:*');
  const serviceArn = Fn.Ref(SERVICE_ID);
  return {
    fragment: {
      parameters: serviceParameters(o),
      rules: { TaskSizeIsValidOnFargate: taskSizeRule(), ContainerPortIsNotAnAdminPort: adminPortRule() },
      conditions: {
        [USE_SPOT_CONDITION]: Fn.Equals(Fn.Ref('UseFargateSpot'), 'true'),
        [PROPAGATE_TAGS_CONDITION]: Fn.Equals(Fn.Ref('PropagateTags'), 'true'),
      },
      resources: {
        [TASK_DEFINITION_ID]: taskDefinition(inputs),
        [SECURITY_GROUP_ID]: securityGroup(inputs),
        [SERVICE_ID]: ecsService(inputs),
      },
      outputs: {
        ServiceName: {
          Description: 'ECS service of the app (the deployer deploys, starts and stops it).',
          Value: Fn.GetAtt(SERVICE_ID, 'Name'),
        },
        TaskFamily: { Description: 'Task definition family the deployer registers revisions of.', Value: Fn.Ref('AppName') },
        ContainerName: { Description: 'Container name (CONTAINER_NAME in the deploy workflow).', Value: CONTAINER_NAME },
        SecurityGroupId: { Description: 'Security group of the task.', Value: Fn.GetAtt(SECURITY_GROUP_ID, 'GroupId') },
      },
    },
    serviceName: Fn.GetAtt(SERVICE_ID, 'Name'),
    serviceArn,
    taskFamilyArn: familyArn,
    grantScale: (to) => grantScale(to, serviceArn, familyArn, inputs.subnetIds),
    grantDeploy: (to) => grantDeploy(to, serviceArn, familyArn, inputs.subnetIds),
  };
}

/** The service's parameters: image, port, count, task size, architecture, Spot, tags. */
function serviceParameters(o: ServiceOptions): Fragment['parameters'] {
  const cpuValues = Object.keys(FARGATE_SIZES);
  const memoryValues = [...new Set(Object.values(FARGATE_SIZES).flat())].sort((a, b) => a - b);
  return {
    ImageTag: stringParam({
      label: 'Image tag',
      group: APP_GROUP,
      description: "Image tag of the stack's task definition (deploys register newer revisions).",
      default: o.imageTag ?? 'latest',
      pattern: '[A-Za-z0-9_][A-Za-z0-9._-]{0,127}',
      constraint: 'Up to 128 letters, digits, . - _, not starting with . or -.',
    }),
    ContainerPort: numberParam({
      label: 'Container port',
      group: APP_GROUP,
      description: 'Port the app listens on inside the container (also passed as the PORT variable).',
      default: o.containerPort ?? 8000,
      minValue: 1,
      maxValue: 65535,
      constraint: 'Must be a port number from 1 to 65535.',
    }),
    [ALLOW_ADMIN_PORT_PARAM]: booleanParam({
      label: 'Allow an admin port as the container port',
      group: APP_GROUP,
      description: 'true lets ContainerPort be a remote-administration port (22, 3389, ...), open to the internet.',
      default: o.allowAdminPort ?? false,
    }),
    DesiredCount: numberParam({
      label: 'Running tasks',
      group: APP_GROUP,
      description: '0: stopped (nothing billed); 1: running. The start/stop workflow changes it without a stack update.',
      default: o.desiredCount ?? 0,
      minValue: 0,
      maxValue: 1,
      constraint: 'Must be 0 (stopped) or 1 (running).',
    }),
    TaskCpu: stringParam({
      label: 'Task CPU units',
      group: APP_GROUP,
      description: 'Fargate CPU units: 256 = 0.25 vCPU, 1024 = 1 vCPU.',
      default: o.taskCpu ?? '256',
      allowedValues: cpuValues,
      constraint: `Must be one of ${cpuValues.join(', ')}.`,
    }),
    TaskMemory: stringParam({
      label: 'Task memory (MiB)',
      group: APP_GROUP,
      description: 'Memory of the task in MiB. With 256 CPU units: 512, 1024 or 2048.',
      default: o.taskMemory ?? '512',
      allowedValues: memoryValues.map(String),
      constraint: 'Must be a Fargate memory size in MiB that suits the CPU units.',
    }),
    CpuArchitecture: stringParam({
      label: 'CPU architecture',
      group: APP_GROUP,
      description: 'ARM64 (Graviton) is about 20% cheaper; build the image for it.',
      default: o.cpuArchitecture ?? 'ARM64',
      allowedValues: ['ARM64', 'X86_64'],
      constraint: 'Must be ARM64 or X86_64.',
    }),
    UseFargateSpot: booleanParam({
      label: 'Use Fargate Spot',
      group: APP_GROUP,
      description: 'true: Fargate Spot, up to 70% cheaper; AWS may stop it with two minutes notice.',
      default: o.useFargateSpot ?? true,
    }),
    PropagateTags: booleanParam({
      label: 'Tag task definitions and tasks',
      group: APP_GROUP,
      description: 'true tags task definitions and tasks with app=<AppName>, so costs show per app.',
      default: o.propagateTags ?? true,
    }),
  };
}

/** The task definition: one container from the repository, logs to the log group. */
function taskDefinition(inputs: ServiceInputs): TaskDefinition {
  const appTag = [{ Key: 'app', Value: Fn.Ref('AppName') }];
  return new TaskDefinition({
    Family: Fn.Ref('AppName'),
    RequiresCompatibilities: ['FARGATE'],
    NetworkMode: 'awsvpc',
    Cpu: Fn.Ref('TaskCpu'),
    Memory: Fn.Ref('TaskMemory'),
    RuntimePlatform: { CpuArchitecture: Fn.Ref('CpuArchitecture'), OperatingSystemFamily: 'LINUX' },
    ExecutionRoleArn: inputs.executionRoleArn,
    TaskRoleArn: inputs.taskRoleArn,
    ContainerDefinitions: [
      {
        Name: CONTAINER_NAME,
        Image: Fn.Join(':', [taskImageRepository(inputs), Fn.Ref('ImageTag')]),
        Essential: true,
        PortMappings: [{ ContainerPort: Fn.Ref('ContainerPort'), Protocol: 'tcp' }],
        Environment: [{ Name: 'PORT', Value: Fn.Ref('ContainerPort') }, ...(inputs.environment ?? [])],
        ...(inputs.secrets && inputs.secrets.length > 0 ? { Secrets: [...inputs.secrets] } : {}),
        LogConfiguration: {
          LogDriver: 'awslogs',
          Options: {
            'awslogs-group': inputs.logGroupName,
            'awslogs-region': Refs.Region,
            'awslogs-stream-prefix': CONTAINER_NAME,
          },
        },
      },
    ],
    Tags: Fn.If(PROPAGATE_TAGS_CONDITION, appTag, Refs.NoValue),
  });
}

/**
 * Where the task pulls its image from: the dual-stack address in IPv6-only subnets (Fargate
 * pulls the IPv4-only `dkr.ecr` address over IPv4, which such a subnet cannot reach), the
 * repository's usual address otherwise. The deployer builds image addresses the same way.
 */
export function taskImageRepository(inputs: Pick<ServiceInputs, 'repositoryUri' | 'dualStackRepositoryUri'>): IntrinsicFunction {
  return Fn.If(IPV6_ONLY_TASK_CONDITION, inputs.dualStackRepositoryUri, inputs.repositoryUri);
}

/**
 * The task's security group: the app port from the front door's security group and nothing
 * else in the private layout; from anywhere in the public-IP layout (no front door, or the
 * front door outside the VPC). Its description stays as it was in the public-IP layout, since
 * changing it replaces the group.
 */
function securityGroup(inputs: ServiceInputs): SecurityGroup {
  const port = { IpProtocol: 'tcp', FromPort: Fn.Ref('ContainerPort'), ToPort: Fn.Ref('ContainerPort') };
  return new SecurityGroup({
    GroupDescription: Fn.If(
      PRIVATE_NETWORK_CONDITION,
      Fn.Sub('${AppName}: the app port from the front door only'),
      Fn.Sub('${AppName}: the app port from anywhere, nothing else'),
    ),
    VpcId: inputs.vpcId,
    SecurityGroupIngress: Fn.If(
      PRIVATE_NETWORK_CONDITION,
      [{ Description: 'App port, from the front door', ...port, SourceSecurityGroupId: inputs.frontDoorSecurityGroupId }],
      [{ Description: 'App port', ...port, CidrIp: '0.0.0.0/0' }],
    ),
    // Stated in the private layout: a group's default egress is IPv4 only when the VPC has no
    // IPv6 block yet, and the IPv6-only task reaches ECR, Logs and the internet over IPv6.
    SecurityGroupEgress: Fn.If(
      PRIVATE_NETWORK_CONDITION,
      [
        { Description: 'Anything out, IPv4', IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
        { Description: 'Anything out, IPv6', IpProtocol: '-1', CidrIpv6: '::/0' },
      ],
      Refs.NoValue,
    ),
  });
}

/** The service: no load balancer, desired count from the parameter, Spot or on demand. */
function ecsService(inputs: ServiceInputs): Service {
  return cfnLintIgnore(
    new Service({
      ServiceName: Fn.Ref('AppName'),
      Cluster: inputs.clusterName,
      TaskDefinition: Fn.Ref(TASK_DEFINITION_ID),
      DesiredCount: Fn.Ref('DesiredCount'),
      CapacityProviderStrategy: [
        {
          CapacityProvider: Fn.If(USE_SPOT_CONDITION, 'FARGATE_SPOT', 'FARGATE'),
          Weight: 1,
        },
      ],
      PlatformVersion: 'LATEST',
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          // No NAT gateway: in IPv6-only subnets the task goes out through the egress-only
          // gateway; elsewhere it needs a public IP to pull its image (and, without the front
          // door in the VPC, to be reached).
          AssignPublicIp: Fn.If(IPV6_ONLY_TASK_CONDITION, 'DISABLED', 'ENABLED'),
          Subnets: inputs.subnetIds,
          SecurityGroups: [Fn.GetAtt(SECURITY_GROUP_ID, 'GroupId')],
        },
      },
      DeploymentConfiguration: {
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
      },
      EnableECSManagedTags: true,
      EnableExecuteCommand: false,
      // AWS::NoValue when off: the CloudFormation schema takes only SERVICE or TASK_DEFINITION
      // (the ECS API's NONE fails cfn-lint E3030).
      PropagateTags: Fn.If(PROPAGATE_TAGS_CONDITION, 'TASK_DEFINITION', Refs.NoValue),
    }),
    ['W1033'],
    'cfn-lint splits the empty default of ExistingSubnetIds into [""]; that branch is taken ' +
      'only when ExistingVpcId is set, and rule ExistingNetworkIsComplete then requires subnets.',
  ).dependsOn(inputs.networkReadyId);
}

/** Read and set the service's desired count (see {@link EcsService.grantScale}). */
function grantScale(to: Grantee, serviceArn: IntrinsicFunction, familyArn: IntrinsicFunction, subnetIds: IntrinsicFunction): Grant[] {
  return grant(
    to,
    { Sid: 'EcsDescribeThisService', Effect: 'Allow', Action: 'ecs:DescribeServices', Resource: serviceArn },
    {
      Sid: 'EcsScaleThisService',
      Effect: 'Allow',
      Action: 'ecs:UpdateService',
      Resource: serviceArn,
      // The deploy role's conditions: only the desired count may change freely.
      Condition: updateServiceConditions(familyArn, subnetIds),
    },
  );
}

/** Register revisions of the family and roll them out (see {@link EcsService.grantDeploy}). */
function grantDeploy(to: Grantee, serviceArn: IntrinsicFunction, familyArn: IntrinsicFunction, subnetIds: IntrinsicFunction): Grant[] {
  return grant(
    to,
    {
      // The Service Authorization Reference gives RegisterTaskDefinition a task-definition
      // resource type: scoped to this family, not "*" as in the source design. The
      // conditions keep a stolen credential from registering a bigger task (a cost
      // attack), an EC2 or EXTERNAL one, or a privileged container. The deployer
      // re-registers the stack's revision with a new image, so it sends the stack's own
      // size and FARGATE; a stack update changes the parameters and this policy together.
      // TaskCpu/TaskMemory are required (no IfExists): a Fargate task definition always
      // has a task size. ForAllValues is true for an empty list, hence the Null test.
      Sid: 'EcsRegisterThisTaskFamily',
      Effect: 'Allow',
      Action: 'ecs:RegisterTaskDefinition',
      Resource: familyArn,
      Condition: registerConditions(),
    },
    {
      // DescribeTaskDefinition has no resource type: "*" is the only form IAM accepts. It
      // reads every task definition of the region, environment variables included: keep
      // secrets in SSM Parameter Store or Secrets Manager (container "secrets"), never in
      // "environment".
      Sid: 'EcsDescribeTaskDefinitions',
      Effect: 'Allow',
      Action: 'ecs:DescribeTaskDefinition',
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': Refs.Region } },
    },
    statementIf(PROPAGATE_TAGS_CONDITION, {
      // Registering a tagged task definition also authorises ecs:TagResource; allow it only
      // as part of RegisterTaskDefinition, never to retag existing resources.
      Sid: 'EcsTagNewTaskDefinitions',
      Effect: 'Allow',
      Action: 'ecs:TagResource',
      Resource: familyArn,
      // Only the `app` tag the stack puts on task definitions (the deployer copies no other).
      Condition: {
        StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': [...TASK_DEFINITION_TAG_KEYS] },
      },
    }),
    {
      Sid: 'EcsDescribeThisService',
      Effect: 'Allow',
      Action: 'ecs:DescribeServices',
      Resource: serviceArn,
    },
    {
      // Deploy (a new revision of this family) and start/stop (desired count only). Without
      // the conditions, a stolen workflow token could point the service at any task family
      // in the account (and its task role), turn on ECS Exec, move it to other subnets,
      // turn its public IP off, switch capacity providers, or attach Service Connect, VPC
      // Lattice or EBS volumes. The workflows send none of these values except the task
      // definition, so every test is the IfExists form (ForAllValues is already true when
      // the request carries no such list).
      Sid: 'EcsUpdateThisService',
      Effect: 'Allow',
      Action: 'ecs:UpdateService',
      Resource: serviceArn,
      Condition: updateServiceConditions(familyArn, subnetIds),
    },
  );
}

/** Capacity providers the service may use: Fargate, on demand or Spot. */
export const FARGATE_CAPACITY_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'] as const;

/** Conditions of `ecs:RegisterTaskDefinition` (see the statement in `grantDeploy`). */
export function registerConditions(): PolicyCondition {
  return {
    NumericEquals: { 'ecs:task-cpu': Fn.Ref('TaskCpu'), 'ecs:task-memory': Fn.Ref('TaskMemory') },
    'ForAllValues:StringEquals': { 'ecs:compute-compatibility': 'FARGATE' },
    Null: { 'ecs:compute-compatibility': 'false' },
    StringEqualsIfExists: { 'ecs:privileged': 'false' },
  };
}

/**
 * Conditions of `ecs:UpdateService` (see the statement in `grantDeploy`). Every key is one
 * the Service Authorization Reference lists for UpdateService, with its documented type:
 * `ecs:subnet` and `ecs:capacity-provider` are lists (ForAllValues), the `enable-*` keys are
 * the strings "true"/"false", task size is numeric.
 */
export function updateServiceConditions(familyArn: Value<string>, subnetIds: Value<string>): PolicyCondition {
  return {
    ArnLikeIfExists: { 'ecs:task-definition': familyArn },
    BoolIfExists: {
      // The service's own setting: off for the IPv6-only task, on otherwise.
      'ecs:auto-assign-public-ip': Fn.If(IPV6_ONLY_TASK_CONDITION, 'false', 'true'),
    },
    StringEqualsIfExists: {
      // A String key in the Service Authorization Reference (auto-assign-public-ip is Bool).
      'ecs:enable-execute-command': 'false',
      'ecs:enable-service-connect': 'false',
      'ecs:enable-vpc-lattice': 'false',
      'ecs:enable-ebs-volumes': 'false',
    },
    NumericEqualsIfExists: { 'ecs:task-cpu': Fn.Ref('TaskCpu'), 'ecs:task-memory': Fn.Ref('TaskMemory') },
    'ForAllValues:StringEquals': { 'ecs:subnet': subnetIds },
    'ForAllValues:ArnEquals': {
      'ecs:capacity-provider': FARGATE_CAPACITY_PROVIDERS.map((name) =>
        Fn.Sub(`arn:\${AWS::Partition}:ecs:\${AWS::Region}:\${AWS::AccountId}:capacity-provider/${name}`),
      ),
    },
  };
}

/** Refuses a remote-administration ContainerPort unless AllowAdminPort is true (see {@link ADMIN_PORTS}). */
function adminPortRule(): Rule {
  return {
    RuleCondition: Fn.Equals(Fn.Ref(ALLOW_ADMIN_PORT_PARAM), 'false'),
    Assertions: [
      {
        Assert: Fn.Not(RuleFn.Contains(ADMIN_PORTS.map(String), Fn.Ref('ContainerPort'))),
        AssertDescription:
          "ContainerPort is a remote-administration port, open to the internet. Use your web app's port, or set AllowAdminPort to true.",
      },
    ],
  };
}

/** Rules that refuse CPU/memory pairs Fargate rejects, before any resource is created. */
function taskSizeRule(): Rule {
  return {
    Assertions: Object.entries(FARGATE_SIZES).map(([cpu, memory]) => ({
      Assert: Fn.Or([Fn.Not(Fn.Equals(Fn.Ref('TaskCpu'), cpu)), RuleFn.Contains(memory.map(String), Fn.Ref('TaskMemory'))]),
      AssertDescription: `With TaskCpu ${cpu}, TaskMemory must be ${memorySizes(memory)} MiB.`,
    })),
  };
}

/** `512, 1024, 2048`, or a long run in steps of 1024 as `8192 to 30720 in steps of 1024`. */
function memorySizes(memory: readonly number[]): string {
  const first = memory[0] ?? 0;
  const last = memory[memory.length - 1] ?? 0;
  const stepped = memory.length > 4 && memory.every((m, i) => m === first + i * 1024);
  return stepped ? `${first} to ${last} in steps of 1024` : `one of ${memory.join(', ')}`;
}
