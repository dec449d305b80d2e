import { compiled, resolve, PHYSICAL } from './helpers';

const types = (r: ReturnType<typeof resolve>) =>
  Object.fromEntries(Object.entries(r.resources).map(([id, res]) => [id, res.Type]));

describe('resources with default parameters', () => {
  const stack = resolve();

  it('creates exactly the OIDC provider, roles, repository, log group, minimal VPC, cluster, task definition, security group, service and the front door (PublicAccess https)', () => {
    expect(types(stack)).toEqual({
      GitHubOidcProvider: 'AWS::IAM::OIDCProvider',
      GitHubDeployRole: 'AWS::IAM::Role',
      TaskExecutionRole: 'AWS::IAM::Role',
      TaskRole: 'AWS::IAM::Role',
      Repository: 'AWS::ECR::Repository',
      LogGroup: 'AWS::Logs::LogGroup',
      Vpc: 'AWS::EC2::VPC',
      InternetGateway: 'AWS::EC2::InternetGateway',
      InternetGatewayAttachment: 'AWS::EC2::VPCGatewayAttachment',
      PublicRouteTable: 'AWS::EC2::RouteTable',
      PublicDefaultRoute: 'AWS::EC2::Route',
      PublicSubnetA: 'AWS::EC2::Subnet',
      PublicSubnetB: 'AWS::EC2::Subnet',
      PublicSubnetARouteTable: 'AWS::EC2::SubnetRouteTableAssociation',
      PublicSubnetBRouteTable: 'AWS::EC2::SubnetRouteTableAssociation',
      NetworkReady: 'AWS::CloudFormation::WaitConditionHandle',
      Cluster: 'AWS::ECS::Cluster',
      TaskDefinition: 'AWS::ECS::TaskDefinition',
      ServiceSecurityGroup: 'AWS::EC2::SecurityGroup',
      Service: 'AWS::ECS::Service',
      FrontDoorLogGroup: 'AWS::Logs::LogGroup',
      FrontDoorLastRequest: 'AWS::SSM::Parameter',
      FrontDoorRole: 'AWS::IAM::Role',
      FrontDoorFunction: 'AWS::Lambda::Function',
      FrontDoorApi: 'AWS::ApiGatewayV2::Api',
      FrontDoorIntegration: 'AWS::ApiGatewayV2::Integration',
      FrontDoorRoute: 'AWS::ApiGatewayV2::Route',
      FrontDoorStage: 'AWS::ApiGatewayV2::Stage',
      FrontDoorApiInvokes: 'AWS::Lambda::Permission',
      FrontDoorSchedulerRole: 'AWS::IAM::Role',
      FrontDoorScheduleGroup: 'AWS::Scheduler::ScheduleGroup',
      FrontDoorIdleCheck: 'AWS::Scheduler::Schedule',
      // In every configuration and region: not under UseFrontDoor.
      DeployerLogGroup: 'AWS::Logs::LogGroup',
      DeployerRole: 'AWS::IAM::Role',
      DeployerFunction: 'AWS::Lambda::Function',
    });
  });

  it('with PublicAccess public-ip, exactly the resources and outputs of a stack without the front door', () => {
    const direct = resolve({ PublicAccess: 'public-ip' });
    expect(Object.keys(direct.resources).filter((id) => id.startsWith('FrontDoor'))).toEqual([]);
    expect(Object.keys(direct.outputs)).not.toContain('AppUrl');
    expect(direct.resources['Service']).toEqual(stack.resources['Service']);
    expect(direct.resources['ServiceSecurityGroup']).toEqual(stack.resources['ServiceSecurityGroup']);
    expect(direct.resources['GitHubDeployRole']).toEqual(stack.resources['GitHubDeployRole']);
  });

  it('has nothing with an hourly charge: no load balancer, NAT gateway, Elastic IP or interface endpoint', () => {
    const all = Object.values(compiled.template.Resources).map((r) => r.Type);
    for (const t of all) {
      expect(t).not.toMatch(/ElasticLoadBalancing|NatGateway|EIP|VPCEndpoint|RDS|ElastiCache/);
    }
  });

  it('starts stopped: DesiredCount 0, on Fargate Spot, no load balancer, public IP, circuit breaker with rollback', () => {
    expect(stack.resources['Service']?.Properties).toEqual({
      ServiceName: 'portfolio',
      Cluster: 'portfolio',
      TaskDefinition: PHYSICAL['TaskDefinition']?.['Ref'],
      DesiredCount: '0',
      CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }],
      PlatformVersion: 'LATEST',
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          AssignPublicIp: 'ENABLED',
          Subnets: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
          SecurityGroups: ['sg-0123456789abcdef0'],
        },
      },
      DeploymentConfiguration: {
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
      },
      EnableECSManagedTags: true,
      EnableExecuteCommand: false,
      PropagateTags: 'TASK_DEFINITION',
    });
  });

  it('runs on plain Fargate when UseFargateSpot is false', () => {
    expect(resolve({ UseFargateSpot: 'false' }).resources['Service']?.Properties['CapacityProviderStrategy']).toEqual([
      { CapacityProvider: 'FARGATE', Weight: 1 },
    ]);
  });

  it('cluster: Fargate and Fargate Spot, Container Insights off', () => {
    expect(stack.resources['Cluster']?.Properties).toEqual({
      ClusterName: 'portfolio',
      ClusterSettings: [{ Name: 'containerInsights', Value: 'disabled' }],
      CapacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    });
  });

  it('task definition: ARM64 256/512, one container from the repository at ImageTag, logs to the log group', () => {
    expect(stack.resources['TaskDefinition']?.Properties).toEqual({
      Family: 'portfolio',
      RequiresCompatibilities: ['FARGATE'],
      NetworkMode: 'awsvpc',
      Cpu: '256',
      Memory: '512',
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      ExecutionRoleArn: PHYSICAL['TaskExecutionRole']?.['Arn'],
      TaskRoleArn: PHYSICAL['TaskRole']?.['Arn'],
      ContainerDefinitions: [
        {
          Name: 'app',
          Image: `${PHYSICAL['Repository']?.['RepositoryUri']}:latest`,
          Essential: true,
          PortMappings: [{ ContainerPort: '8000', Protocol: 'tcp' }],
          Environment: [{ Name: 'PORT', Value: '8000' }],
          LogConfiguration: {
            LogDriver: 'awslogs',
            Options: { 'awslogs-group': '/ecs/portfolio', 'awslogs-region': 'us-west-2', 'awslogs-stream-prefix': 'app' },
          },
        },
      ],
      Tags: [{ Key: 'app', Value: 'portfolio' }],
    });
  });

  it('security group: the app port from anywhere, nothing else inbound', () => {
    expect(stack.resources['ServiceSecurityGroup']?.Properties['SecurityGroupIngress']).toEqual([
      { Description: 'App port', IpProtocol: 'tcp', FromPort: '8000', ToPort: '8000', CidrIp: '0.0.0.0/0' },
    ]);
  });

  it('repository: scan on push, lifecycle keeps ImagesToKeep images and expires untagged ones', () => {
    const props = resolve({ ImagesToKeep: '7' }).resources['Repository']?.Properties as Record<string, unknown>;
    expect(props['RepositoryName']).toBe('portfolio');
    expect(props['ImageScanningConfiguration']).toEqual({ ScanOnPush: true });
    expect(props['EmptyOnDelete']).toBeUndefined();
    const policy = JSON.parse((props['LifecyclePolicy'] as { LifecyclePolicyText: string }).LifecyclePolicyText);
    expect(policy.rules).toEqual([
      {
        rulePriority: 1,
        description: 'Expire untagged images after one day',
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 },
        action: { type: 'expire' },
      },
      {
        rulePriority: 2,
        description: 'Keep only the newest images',
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 7 },
        action: { type: 'expire' },
      },
    ]);
  });

  it('log group: /ecs/<AppName> with the retention parameter (default 14 days)', () => {
    expect(stack.resources['LogGroup']?.Properties).toEqual({ LogGroupName: '/ecs/portfolio', RetentionInDays: '14' });
    expect(resolve({ AppName: 'papyrus', LogRetentionDays: '30' }).resources['LogGroup']?.Properties).toEqual({
      LogGroupName: '/ecs/papyrus',
      RetentionInDays: '30',
    });
  });

  it('log group: deleted with the stack and on replacement, stated explicitly (cfn-lint I3011)', () => {
    const group = compiled.plain['Resources'] as Record<string, Record<string, unknown>>;
    expect(group['LogGroup']).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });

  it('new VPC: two /24 public subnets in two zones, routed to an internet gateway', () => {
    expect(stack.resources['PublicSubnetA']?.Properties).toMatchObject({ AvailabilityZone: 'us-west-2a', CidrBlock: '10.0.0.0/24' });
    expect(stack.resources['PublicSubnetB']?.Properties).toMatchObject({ AvailabilityZone: 'us-west-2b', CidrBlock: '10.0.1.0/24' });
    expect(stack.resources['PublicDefaultRoute']?.Properties).toEqual({
      RouteTableId: '<Ref PublicRouteTable>',
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: '<Ref InternetGateway>',
    });
  });

  it('outputs what the workflows and the console user need', () => {
    expect(Object.keys(stack.outputs)).toEqual([
      'OidcProviderArn',
      'DeployRoleArn',
      'TaskExecutionRoleArn',
      'TaskRoleArn',
      'RepositoryUri',
      'RepositoryName',
      'LogGroupName',
      'VpcId',
      'SubnetIds',
      'ClusterName',
      'ServiceName',
      'TaskFamily',
      'ContainerName',
      'SecurityGroupId',
      'AppUrl',
      'DeployerFunctionName',
    ]);
    expect(stack.outputs['DeployRoleArn']).toBe(PHYSICAL['GitHubDeployRole']?.['Arn']);
    for (const [id, o] of Object.entries(compiled.template.Outputs)) {
      expect(`${id}: ${typeof o.Description === 'string' && o.Description.length > 10}`).toBe(`${id}: true`);
    }
  });
});

describe('existing network instead of a new VPC', () => {
  const stack = resolve({
    ExistingVpcId: 'vpc-0123456789abcdef0',
    ExistingSubnetIds: 'subnet-0123456789abcdef0,subnet-0fedcba9876543210',
  });

  it('makes the service wait for the routes (or nothing, with existing subnets) through NetworkReady', () => {
    const plainResources = compiled.plain['Resources'] as Record<string, Record<string, unknown>>;
    expect(plainResources['Service']?.['DependsOn']).toBe('NetworkReady');
    expect(plainResources['NetworkReady']?.['Metadata']).toEqual({
      DefaultRoute: { 'Fn::If': ['CreateVpc', { Ref: 'PublicDefaultRoute' }, ''] },
      SubnetARoutes: { 'Fn::If': ['CreateVpc', { Ref: 'PublicSubnetARouteTable' }, ''] },
      SubnetBRoutes: { 'Fn::If': ['CreateVpc', { Ref: 'PublicSubnetBRouteTable' }, ''] },
    });
    expect(stack.resources['NetworkReady']?.Type).toBe('AWS::CloudFormation::WaitConditionHandle');
  });

  it('creates no VPC, subnets, gateway or routes', () => {
    expect(Object.values(stack.resources).map((r) => r.Type).filter((t) => t.startsWith('AWS::EC2::'))).toEqual([
      'AWS::EC2::SecurityGroup',
    ]);
  });

  it('puts the security group and the service in the given VPC and subnets', () => {
    expect(stack.resources['ServiceSecurityGroup']?.Properties['VpcId']).toBe('vpc-0123456789abcdef0');
    expect(stack.resources['Service']?.Properties['NetworkConfiguration']).toMatchObject({
      AwsvpcConfiguration: { Subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'] },
    });
    expect(stack.outputs['VpcId']).toBe('vpc-0123456789abcdef0');
  });

  it('has a rule that refuses a VPC without subnets and subnets without a VPC', () => {
    expect(compiled.plain['Rules']).toMatchObject({
      ExistingNetworkIsComplete: {
        RuleCondition: {
          'Fn::Or': [
            { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ExistingVpcId' }, ''] }] },
            { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ExistingSubnetIds' }, ''] }] },
          ],
        },
      },
    });
  });
});

describe('template rules', () => {
  it('refuse CPU/memory pairs Fargate rejects', () => {
    const rule = (compiled.plain['Rules'] as Record<string, { Assertions: { AssertDescription: string }[] }>)['TaskSizeIsValidOnFargate'];
    expect(rule?.Assertions.map((a) => a.AssertDescription)).toContain('With TaskCpu 256, TaskMemory must be one of 512, 1024, 2048 MiB.');
  });

  it('refuse one GitHub id without the other', () => {
    expect(compiled.plain['Rules']).toHaveProperty('GitHubIdsComeTogether');
  });

  it('refuse a remote-administration ContainerPort unless AllowAdminPort is true', () => {
    expect((compiled.plain['Rules'] as Record<string, unknown>)['ContainerPortIsNotAnAdminPort']).toEqual({
      RuleCondition: { 'Fn::Equals': [{ Ref: 'AllowAdminPort' }, 'false'] },
      Assertions: [
        {
          Assert: {
            'Fn::Not': [{ 'Fn::Contains': [['22', '23', '135', '445', '2375', '2376', '3389', '5900', '5985', '5986'], { Ref: 'ContainerPort' }] }],
          },
          AssertDescription:
            "ContainerPort is a remote-administration port, open to the internet. Use your web app's port, or set AllowAdminPort to true.",
        },
      ],
    });
    expect(compiled.plain['Parameters']).toHaveProperty('AllowAdminPort', expect.objectContaining({ Default: 'false', AllowedValues: ['true', 'false'] }));
  });
});
