/** The front door in the VPC (src/template/front-door-vpc.ts): what the private layout adds to it. */
import { ACCOUNT, REGION, type Statement } from './helpers';
import { resolve } from './front-door-helpers';

const props = (stack: ReturnType<typeof resolve>, id: string): Record<string, unknown> =>
  (stack.resources[id]?.Properties ?? {}) as Record<string, unknown>;

describe('the front door in the VPC (default parameters)', () => {
  const stack = resolve();
  const policy = (
    props(stack, 'FrontDoorRole') as unknown as { Policies: { PolicyDocument: { Statement: Statement[] } }[] }
  ).Policies.flatMap((p) => p.PolicyDocument.Statement);
  const sid = (name: string) => policy.find((s) => s.Sid === name);
  const vpcArn = `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-0aaaaaaaaaaaaaaaa`;

  it('runs in the dual-stack public subnets with its own security group and outbound IPv6', () => {
    expect(props(stack, 'FrontDoorFunction')['VpcConfig']).toEqual({
      SubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
      SecurityGroupIds: ['sg-0fd0fd0fd0fd0fd00'],
      Ipv6AllowedForDualStack: true,
    });
  });

  it("has a security group with no inbound rule, out to AWS on 443 over IPv6 and to the task's group on the app port", () => {
    expect(props(stack, 'FrontDoorSecurityGroup')).toEqual({
      GroupDescription: 'portfolio front door: no inbound; out to AWS over IPv6 and to the app port',
      VpcId: 'vpc-0aaaaaaaaaaaaaaaa',
      SecurityGroupEgress: [
        { Description: 'AWS APIs (dual-stack endpoints) over IPv6', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '::/0' },
      ],
    });
    expect(props(stack, 'FrontDoorToTask')).toEqual({
      GroupId: 'sg-0fd0fd0fd0fd0fd00',
      Description: 'The app port of the task',
      IpProtocol: 'tcp',
      FromPort: '8000',
      ToPort: '8000',
      DestinationSecurityGroupId: 'sg-0123456789abcdef0',
    });
  });

  it('lets Lambda manage its network interfaces: Describe on "*" (no resource types), the rest in this VPC and with this group only', () => {
    expect(sid('LambdaVpcDescribe')).toEqual({
      Sid: 'LambdaVpcDescribe',
      Effect: 'Allow',
      Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
      Resource: '*',
    });
    expect(sid('LambdaVpcCreateInterface')).toEqual({
      Sid: 'LambdaVpcCreateInterface',
      Effect: 'Allow',
      Action: 'ec2:CreateNetworkInterface',
      Resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:network-interface/*`,
    });
    expect(sid('LambdaVpcInterfacePlacement')).toEqual({
      Sid: 'LambdaVpcInterfacePlacement',
      Effect: 'Allow',
      Action: 'ec2:CreateNetworkInterface',
      Resource: [`arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/*`, `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0fd0fd0fd0fd0fd00`],
      Condition: { ArnEquals: { 'ec2:Vpc': vpcArn } },
    });
    expect(sid('LambdaVpcManageInterfaces')).toEqual({
      Sid: 'LambdaVpcManageInterfaces',
      Effect: 'Allow',
      Action: ['ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      Resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:network-interface/*`,
      Condition: { ArnEquals: { 'ec2:Vpc': vpcArn } },
    });
  });

  it('reaches a private IPv4 with TaskPublicIp true (the task is in the public subnets), still over the dual-stack endpoints', () => {
    const withIp = resolve({ TaskPublicIp: 'true' });
    const env = (props(withIp, 'FrontDoorFunction')['Environment'] as { Variables: Record<string, string> }).Variables;
    expect([env['TASK_ADDRESS'], env['AWS_USE_DUALSTACK_ENDPOINT']]).toEqual(['private-ipv4', 'true']);
  });

  it("stays outside the VPC, reading the task's public IP, where the private layout does not apply", () => {
    const existing = resolve({ ExistingVpcId: 'vpc-0123456789abcdef0', ExistingSubnetIds: 'subnet-01111111111111111' });
    expect(props(existing, 'FrontDoorFunction')['VpcConfig']).toBeUndefined();
    expect(existing.resources['FrontDoorSecurityGroup']).toBeUndefined();
    expect(existing.resources['FrontDoorToTask']).toBeUndefined();
    const env = (props(existing, 'FrontDoorFunction')['Environment'] as { Variables: Record<string, string> }).Variables;
    expect([env['TASK_ADDRESS'], env['AWS_USE_DUALSTACK_ENDPOINT']]).toEqual(['public-ip', 'false']);
    const statements = (
      props(existing, 'FrontDoorRole') as unknown as { Policies: { PolicyDocument: { Statement: Statement[] } }[] }
    ).Policies.flatMap((p) => p.PolicyDocument.Statement);
    expect(statements.filter((s) => s.Sid.startsWith('LambdaVpc'))).toEqual([]);
  });
});
