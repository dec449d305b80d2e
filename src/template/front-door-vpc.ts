/**
 * The front door inside the VPC (the private layout, see network.ts): its security group,
 * which is the only source the task's group admits; the function's `VpcConfig` in dual-stack
 * subnets with outbound IPv6 (`Ipv6AllowedForDualStack`: Lambda gives a VPC function no public
 * IPv4, so it calls ECS and SSM over IPv6 through their dual-stack endpoints); and the EC2 calls
 * Lambda makes with the function's role to manage the function's network interfaces.
 *
 * Out of the private layout none of it exists and the function runs outside the VPC, as before.
 * docs/decisions/0002-private-task.md has the sources.
 */
import SecurityGroup from 'cloudform-types/types/ec2/securityGroup';
import SecurityGroupEgress from 'cloudform-types/types/ec2/securityGroupEgress';
import type { VpcConfig } from 'cloudform-types/types/lambda/function';
import { Fn, Refs, statementIf, type IntrinsicFunction, type StatementEntry } from './cfn';
import { IPV6_ONLY_TASK_CONDITION, PRIVATE_NETWORK_CONDITION } from './network';
import { ENV, type TaskAddressSource } from '../front-door/config';

export const FRONT_DOOR_SECURITY_GROUP_ID = 'FrontDoorSecurityGroup';
export const FRONT_DOOR_TO_TASK_ID = 'FrontDoorToTask';

/** `GetAtt FrontDoorSecurityGroup.GroupId`: the group the task's security group admits. */
export const frontDoorSecurityGroupId: IntrinsicFunction = Fn.GetAtt(FRONT_DOOR_SECURITY_GROUP_ID, 'GroupId');

/** What the front door's VPC part needs from the other modules. */
export interface FrontDoorVpcInputs {
  /** The VPC (created or `ExistingVpcId`). */
  vpcId: IntrinsicFunction;
  /** The dual-stack subnets the function runs in. */
  subnetIds: IntrinsicFunction;
  /** `GetAtt <task security group>.GroupId`: where the function may connect, on the app port. */
  taskSecurityGroupId: IntrinsicFunction;
  /** `Ref ContainerPort`. */
  containerPort: IntrinsicFunction;
}

/** What the front door module adds to its function and role. */
export interface FrontDoorVpc {
  resources: Record<string, SecurityGroup | SecurityGroupEgress>;
  /**
   * The function's `VpcConfig`: an `Fn::If` that yields it, or AWS::NoValue outside the private
   * layout (cloudform-types types the property as the object only, hence the cast below).
   */
  vpcConfig: VpcConfig;
  /** The function's environment variables for the address source and the SDK's endpoints. */
  environment: Record<string, IntrinsicFunction>;
  /** The function role's statements for Lambda's network interfaces (none outside the private layout). */
  statements: StatementEntry[];
}

const source = (s: TaskAddressSource): TaskAddressSource => s;

/** What a call of Lambda's acts on, named by what it is in the stack. */
export type LambdaVpcResource = '*' | 'networkInterface' | 'subnet' | 'frontDoorSecurityGroup';

/** One EC2 call Lambda makes with the function's role to give the function its network interfaces. */
export interface LambdaVpcCall {
  action: string;
  /** One resource the call is authorised on (CreateNetworkInterface: the interface, its subnet and its security group). */
  resource: LambdaVpcResource;
  /** Whether the request carries the `ec2:Vpc` key (the resource's VPC): every resource type but a new interface and "*". */
  inVpc: boolean;
}

/**
 * The calls, from Lambda's configuration-vpc page and the managed policy
 * AWSLambdaVPCAccessExecutionRole (read 2026-12-06); `npm run verify:iam` proves each against the
 * role (src/verify/front-door-matrix.ts). Which resources Lambda's own calls name is what the
 * Service Authorization Reference lists for the action: unverified against a real account
 * (scripts/private-task-experiment.sh creates the function).
 */
export const LAMBDA_VPC_CALLS: readonly LambdaVpcCall[] = [
  { action: 'ec2:DescribeNetworkInterfaces', resource: '*', inVpc: false },
  { action: 'ec2:DescribeSubnets', resource: '*', inVpc: false },
  { action: 'ec2:CreateNetworkInterface', resource: 'networkInterface', inVpc: false },
  { action: 'ec2:CreateNetworkInterface', resource: 'subnet', inVpc: true },
  { action: 'ec2:CreateNetworkInterface', resource: 'frontDoorSecurityGroup', inVpc: true },
  { action: 'ec2:DeleteNetworkInterface', resource: 'networkInterface', inVpc: true },
  { action: 'ec2:AssignPrivateIpAddresses', resource: 'networkInterface', inVpc: true },
  { action: 'ec2:UnassignPrivateIpAddresses', resource: 'networkInterface', inVpc: true },
];

export function frontDoorVpc(inputs: FrontDoorVpcInputs): FrontDoorVpc {
  const inPrivate = <T extends { condition(name: string): T }>(resource: T): T => resource.condition(PRIVATE_NETWORK_CONDITION);
  const ec2 = (resource: string): IntrinsicFunction => Fn.Sub(`arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:${resource}`);
  const vpcArn = Fn.SubWith('arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${VpcId}', { VpcId: inputs.vpcId });

  return {
    resources: {
      // No ingress: API Gateway invokes the function through Lambda's API, not the network.
      [FRONT_DOOR_SECURITY_GROUP_ID]: inPrivate(
        new SecurityGroup({
          GroupDescription: Fn.Sub('${AppName} front door: no inbound; out to AWS over IPv6 and to the app port'),
          VpcId: inputs.vpcId,
          SecurityGroupEgress: [
            { Description: 'AWS APIs (dual-stack endpoints) over IPv6', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '::/0' },
          ],
        }),
      ),
      // A rule of its own: the task's group names this one, so naming it back inline would be a cycle.
      [FRONT_DOOR_TO_TASK_ID]: inPrivate(
        new SecurityGroupEgress({
          GroupId: frontDoorSecurityGroupId,
          Description: 'The app port of the task',
          IpProtocol: 'tcp',
          FromPort: inputs.containerPort,
          ToPort: inputs.containerPort,
          DestinationSecurityGroupId: inputs.taskSecurityGroupId,
        }),
      ),
    },
    vpcConfig: Fn.If(
      PRIVATE_NETWORK_CONDITION,
      { SubnetIds: inputs.subnetIds, SecurityGroupIds: [frontDoorSecurityGroupId], Ipv6AllowedForDualStack: true },
      Refs.NoValue,
    ) as unknown as VpcConfig,
    environment: {
      [ENV.taskAddress]: Fn.If(
        IPV6_ONLY_TASK_CONDITION,
        source('ipv6'),
        Fn.If(PRIVATE_NETWORK_CONDITION, source('private-ipv4'), source('public-ip')),
      ),
      // No IPv4 way out in the VPC: the SDK must use the dual-stack endpoints (it fails, never falls back, where one is missing).
      [ENV.dualStack]: Fn.If(PRIVATE_NETWORK_CONDITION, 'true', 'false'),
    },
    statements: [
      // Lambda's documented needs (configuration-vpc, and the managed policy
      // AWSLambdaVPCAccessExecutionRole), scoped as far as IAM allows. The two Describe actions
      // have no resource types: "*" only.
      statementIf(PRIVATE_NETWORK_CONDITION, {
        Sid: 'LambdaVpcDescribe',
        Effect: 'Allow',
        Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
        Resource: '*',
      }),
      // A new interface (any id: Lambda names it) ...
      statementIf(PRIVATE_NETWORK_CONDITION, {
        Sid: 'LambdaVpcCreateInterface',
        Effect: 'Allow',
        Action: 'ec2:CreateNetworkInterface',
        Resource: ec2('network-interface/*'),
      }),
      // ... only in this VPC's subnets and with the front door's own security group.
      statementIf(PRIVATE_NETWORK_CONDITION, {
        Sid: 'LambdaVpcInterfacePlacement',
        Effect: 'Allow',
        Action: 'ec2:CreateNetworkInterface',
        Resource: [
          ec2('subnet/*'),
          Fn.Sub(
            `arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:security-group/\${${FRONT_DOOR_SECURITY_GROUP_ID}.GroupId}`,
          ),
        ],
        Condition: { ArnEquals: { 'ec2:Vpc': vpcArn } },
      }),
      // Deleting and readdressing interfaces of this VPC only.
      statementIf(PRIVATE_NETWORK_CONDITION, {
        Sid: 'LambdaVpcManageInterfaces',
        Effect: 'Allow',
        Action: ['ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
        Resource: ec2('network-interface/*'),
        Condition: { ArnEquals: { 'ec2:Vpc': vpcArn } },
      }),
    ],
  };
}
