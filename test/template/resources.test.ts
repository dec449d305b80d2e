import { checkTemplateValues } from '../../src/template/parameter-rules';
import { evaluateTemplate as resolveTemplate } from '../../src/template/evaluate';
import { ACCOUNT, compiled, resolve, PHYSICAL, REQUIRED } from './helpers';

const types = (r: ReturnType<typeof resolve>) => Object.fromEntries(Object.entries(r.resources).map(([id, res]) => [id, res.Type]));

describe('resources with default parameters', () => {
  const stack = resolve();
  /** The layout of a stack without the front door in the VPC (here: an existing VPC without the private subnets' parameters). */
  const publicIpLayout = resolve({ PublicAccess: 'public-ip' });

  it('creates exactly the OIDC provider, roles, repository, log group, minimal VPC with IPv6-only task subnets, cluster, task definition, security group, service and the front door in the VPC (PublicAccess https)', () => {
    expect(types(stack)).toEqual({
      GitHubOidcProvider: 'AWS::IAM::OIDCProvider',
      GitHubDeployRole: 'AWS::IAM::Role',
      TaskExecutionRole: 'AWS::IAM::Role',
      TaskRole: 'AWS::IAM::Role',
      Repository: 'AWS::ECR::Repository',
      LogGroup: 'AWS::Logs::LogGroup',
      Vpc: 'AWS::EC2::VPC',
      VpcIpv6Block: 'AWS::EC2::VPCCidrBlock',
      InternetGateway: 'AWS::EC2::InternetGateway',
      InternetGatewayAttachment: 'AWS::EC2::VPCGatewayAttachment',
      PublicRouteTable: 'AWS::EC2::RouteTable',
      PublicDefaultRoute: 'AWS::EC2::Route',
      PublicIpv6DefaultRoute: 'AWS::EC2::Route',
      PublicSubnetA: 'AWS::EC2::Subnet',
      PublicSubnetB: 'AWS::EC2::Subnet',
      PublicSubnetARouteTable: 'AWS::EC2::SubnetRouteTableAssociation',
      PublicSubnetBRouteTable: 'AWS::EC2::SubnetRouteTableAssociation',
      EgressOnlyInternetGateway: 'AWS::EC2::EgressOnlyInternetGateway',
      TaskRouteTable: 'AWS::EC2::RouteTable',
      TaskIpv6DefaultRoute: 'AWS::EC2::Route',
      TaskSubnetA: 'AWS::EC2::Subnet',
      TaskSubnetB: 'AWS::EC2::Subnet',
      TaskSubnetARouteTable: 'AWS::EC2::SubnetRouteTableAssociation',
      TaskSubnetBRouteTable: 'AWS::EC2::SubnetRouteTableAssociation',
      NetworkReady: 'AWS::CloudFormation::WaitConditionHandle',
      Cluster: 'AWS::ECS::Cluster',
      TaskDefinition: 'AWS::ECS::TaskDefinition',
      ServiceSecurityGroup: 'AWS::EC2::SecurityGroup',
      Service: 'AWS::ECS::Service',
      FrontDoorLogGroup: 'AWS::Logs::LogGroup',
      FrontDoorLastRequest: 'AWS::SSM::Parameter',
      FrontDoorLastStart: 'AWS::SSM::Parameter',
      FrontDoorState: 'AWS::SSM::Parameter',
      FrontDoorRole: 'AWS::IAM::Role',
      FrontDoorFunction: 'AWS::Lambda::Function',
      FrontDoorSecurityGroup: 'AWS::EC2::SecurityGroup',
      FrontDoorToTask: 'AWS::EC2::SecurityGroupEgress',
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

  it("with PublicAccess public-ip, exactly the resources and outputs of a stack without the front door, and today's public-IP layout", () => {
    const direct = resolve({ PublicAccess: 'public-ip' });
    expect(Object.keys(direct.resources).filter((id) => id.startsWith('FrontDoor'))).toEqual([]);
    expect(
      Object.keys(direct.resources).filter(
        (id) => id.startsWith('Task') && id !== 'TaskDefinition' && id !== 'TaskRole' && id !== 'TaskExecutionRole',
      ),
    ).toEqual([]);
    expect(direct.resources['EgressOnlyInternetGateway']).toBeUndefined();
    expect(Object.keys(direct.outputs)).not.toContain('AppUrl');
    expect(direct.outputs['TaskNetwork']).toBe('public-ip');
    // The same service and security group as the front door outside the VPC (a region without the dual-stack endpoints).
    const fallback = resolveTemplate(compiled.plain, {
      parameters: REQUIRED,
      pseudo: { 'AWS::AccountId': ACCOUNT, 'AWS::Region': 'mx-central-1' },
      physical: PHYSICAL,
    });
    expect(direct.resources['Service']).toEqual(fallback.resources['Service']);
    expect(direct.resources['ServiceSecurityGroup']).toEqual(fallback.resources['ServiceSecurityGroup']);
  });

  it('has nothing with an hourly charge: no load balancer, NAT gateway, Elastic IP or interface endpoint', () => {
    const all = Object.values(compiled.template.Resources).map((r) => r.Type);
    for (const t of all) {
      expect(t).not.toMatch(/ElasticLoadBalancing|NatGateway|EIP|VPCEndpoint|RDS|ElastiCache/);
    }
  });

  it('starts stopped: DesiredCount 0, on Fargate Spot, no load balancer, no public IP in the IPv6-only subnets, circuit breaker with rollback', () => {
    expect(stack.resources['Service']?.Properties).toEqual({
      ServiceName: 'portfolio',
      Cluster: 'portfolio',
      TaskDefinition: PHYSICAL['TaskDefinition']?.['Ref'],
      DesiredCount: '0',
      CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }],
      PlatformVersion: 'LATEST',
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          AssignPublicIp: 'DISABLED',
          Subnets: ['subnet-06666666666666666', 'subnet-07777777777777777'],
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

  it("task definition: ARM64 256/512, one container from the repository's dual-stack address at ImageTag, logs to the log group", () => {
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
          Image: '123456789012.dkr-ecr.us-west-2.on.aws/portfolio:latest',
          Essential: true,
          PortMappings: [{ ContainerPort: '8000', Protocol: 'tcp' }],
          Environment: [
            { Name: 'PORT', Value: '8000' },
            { Name: 'FRONT_DOOR_SECRET', Value: '0f1e2d3c-4b5a-4697-8a7b-6c5d4e3f2a10' },
          ],
          LogConfiguration: {
            LogDriver: 'awslogs',
            Options: { 'awslogs-group': '/ecs/portfolio', 'awslogs-region': 'us-west-2', 'awslogs-stream-prefix': 'app' },
          },
        },
      ],
      Tags: [{ Key: 'app', Value: 'portfolio' }],
    });
  });

  it("security group: the app port from the front door's security group, nothing else inbound; anything out over IPv4 and IPv6", () => {
    expect(stack.resources['ServiceSecurityGroup']?.Properties['SecurityGroupIngress']).toEqual([
      {
        Description: 'App port, from the front door',
        IpProtocol: 'tcp',
        FromPort: '8000',
        ToPort: '8000',
        SourceSecurityGroupId: 'sg-0fd0fd0fd0fd0fd00',
      },
    ]);
    expect(stack.resources['ServiceSecurityGroup']?.Properties['SecurityGroupEgress']).toEqual([
      { Description: 'Anything out, IPv4', IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
      { Description: 'Anything out, IPv6', IpProtocol: '-1', CidrIpv6: '::/0' },
    ]);
  });

  it("in the public-IP layout the task keeps today's public IP and open port, image address and public subnets", () => {
    const service = publicIpLayout.resources['Service']?.Properties as { NetworkConfiguration: unknown };
    expect(service.NetworkConfiguration).toEqual({
      AwsvpcConfiguration: {
        AssignPublicIp: 'ENABLED',
        Subnets: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
        SecurityGroups: ['sg-0123456789abcdef0'],
      },
    });
    expect(publicIpLayout.resources['ServiceSecurityGroup']?.Properties).toEqual({
      GroupDescription: 'portfolio: the app port from anywhere, nothing else',
      VpcId: 'vpc-0aaaaaaaaaaaaaaaa',
      SecurityGroupIngress: [{ Description: 'App port', IpProtocol: 'tcp', FromPort: '8000', ToPort: '8000', CidrIp: '0.0.0.0/0' }],
    });
    const container = (publicIpLayout.resources['TaskDefinition']?.Properties as { ContainerDefinitions: { Image: string }[] })
      .ContainerDefinitions[0];
    expect(container?.Image).toBe(`${PHYSICAL['Repository']?.['RepositoryUri']}:latest`);
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

  it('new VPC: two dual-stack public subnets (/24 and /64) in two zones, routed to an internet gateway over IPv4 and IPv6', () => {
    expect(stack.resources['PublicSubnetA']?.Properties).toMatchObject({
      AvailabilityZone: 'us-west-2a',
      CidrBlock: '10.0.0.0/24',
      Ipv6CidrBlock: '2600:1f14:abc:de00::/64',
    });
    expect(stack.resources['PublicSubnetB']?.Properties).toMatchObject({
      AvailabilityZone: 'us-west-2b',
      CidrBlock: '10.0.1.0/24',
      Ipv6CidrBlock: '2600:1f14:abc:de01::/64',
    });
    expect(stack.resources['PublicSubnetA']?.Properties['AssignIpv6AddressOnCreation']).toBeUndefined();
    expect(stack.resources['PublicDefaultRoute']?.Properties).toEqual({
      RouteTableId: '<Ref PublicRouteTable>',
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: '<Ref InternetGateway>',
    });
    expect(stack.resources['PublicIpv6DefaultRoute']?.Properties).toEqual({
      RouteTableId: '<Ref PublicRouteTable>',
      DestinationIpv6CidrBlock: '::/0',
      GatewayId: '<Ref InternetGateway>',
    });
  });

  it('new VPC: an Amazon-provided IPv6 block, and two IPv6-only task subnets whose only way out is an egress-only gateway', () => {
    expect(stack.resources['VpcIpv6Block']?.Properties).toEqual({ VpcId: 'vpc-0aaaaaaaaaaaaaaaa', AmazonProvidedIpv6CidrBlock: true });
    expect(stack.resources['EgressOnlyInternetGateway']?.Properties).toEqual({ VpcId: 'vpc-0aaaaaaaaaaaaaaaa' });
    expect(stack.resources['TaskSubnetA']?.Properties).toEqual({
      VpcId: 'vpc-0aaaaaaaaaaaaaaaa',
      AvailabilityZone: 'us-west-2a',
      Ipv6Native: true,
      AssignIpv6AddressOnCreation: true,
      Ipv6CidrBlock: '2600:1f14:abc:de02::/64',
      Tags: [{ Key: 'Name', Value: 'portfolio-task-a' }],
    });
    expect(stack.resources['TaskSubnetB']?.Properties).toMatchObject({
      AvailabilityZone: 'us-west-2b',
      Ipv6Native: true,
      Ipv6CidrBlock: '2600:1f14:abc:de03::/64',
    });
    expect(stack.resources['TaskSubnetB']?.Properties['CidrBlock']).toBeUndefined();
    expect(stack.resources['TaskIpv6DefaultRoute']?.Properties).toEqual({
      RouteTableId: '<Ref TaskRouteTable>',
      DestinationIpv6CidrBlock: '::/0',
      EgressOnlyInternetGatewayId: 'eigw-0123456789abcdef0',
    });
    expect(stack.resources['TaskSubnetARouteTable']?.Properties).toEqual({
      SubnetId: 'subnet-06666666666666666',
      RouteTableId: '<Ref TaskRouteTable>',
    });
    // The subnets' /64s come from the VPC's IPv6 block, empty until it exists.
    const raw = compiled.plain['Resources'] as Record<string, { DependsOn?: string }>;
    for (const id of ['PublicSubnetA', 'PublicSubnetB', 'TaskSubnetA', 'TaskSubnetB'])
      expect(`${id} ${raw[id]?.DependsOn}`).toBe(`${id} VpcIpv6Block`);
    expect(stack.outputs['TaskNetwork']).toBe('ipv6-only');
  });

  it('TaskPublicIp true: the task in the public subnets with a public IPv4, still reachable only from the front door; no IPv6-only subnets', () => {
    const withIp = resolve({ TaskPublicIp: 'true' });
    expect((withIp.resources['Service']?.Properties as { NetworkConfiguration: unknown }).NetworkConfiguration).toEqual({
      AwsvpcConfiguration: {
        AssignPublicIp: 'ENABLED',
        Subnets: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
        SecurityGroups: ['sg-0123456789abcdef0'],
      },
    });
    expect(withIp.resources['ServiceSecurityGroup']?.Properties['SecurityGroupIngress']).toEqual(
      stack.resources['ServiceSecurityGroup']?.Properties['SecurityGroupIngress'],
    );
    expect(Object.keys(withIp.resources).filter((id) => /^(TaskSubnet|TaskRoute|EgressOnly)/.test(id))).toEqual([]);
    expect(withIp.resources['FrontDoorSecurityGroup']).toBeDefined();
    expect(withIp.outputs['TaskNetwork']).toBe('private-ipv4');
    const container = (withIp.resources['TaskDefinition']?.Properties as { ContainerDefinitions: { Image: string }[] })
      .ContainerDefinitions[0];
    expect(container?.Image).toBe(`${PHYSICAL['Repository']?.['RepositoryUri']}:latest`);
  });

  it('falls back to the public-IP layout in regions without the dual-stack endpoints the private task needs', () => {
    for (const region of ['ap-southeast-5', 'ap-southeast-7', 'mx-central-1']) {
      const there = resolveTemplate(compiled.plain, {
        parameters: REQUIRED,
        pseudo: { 'AWS::AccountId': ACCOUNT, 'AWS::Region': region },
        physical: PHYSICAL,
      });
      expect(`${region} ${there.outputs['TaskNetwork']}`).toBe(`${region} public-ip`);
      expect(`${region} ${String(Boolean(there.resources['FrontDoorFunction']))}`).toBe(`${region} true`);
      expect((there.resources['FrontDoorFunction']?.Properties as Record<string, unknown>)['VpcConfig']).toBeUndefined();
    }
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
      'TaskNetwork',
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
      Ipv6DefaultRoute: { 'Fn::If': ['CreateVpc', { Ref: 'PublicIpv6DefaultRoute' }, ''] },
      SubnetARoutes: { 'Fn::If': ['CreateVpc', { Ref: 'PublicSubnetARouteTable' }, ''] },
      SubnetBRoutes: { 'Fn::If': ['CreateVpc', { Ref: 'PublicSubnetBRouteTable' }, ''] },
      TaskRoute: { 'Fn::If': ['CreateIpv6OnlySubnets', { Ref: 'TaskIpv6DefaultRoute' }, ''] },
      TaskSubnetARoutes: { 'Fn::If': ['CreateIpv6OnlySubnets', { Ref: 'TaskSubnetARouteTable' }, ''] },
      TaskSubnetBRoutes: { 'Fn::If': ['CreateIpv6OnlySubnets', { Ref: 'TaskSubnetBRouteTable' }, ''] },
    });
    expect(stack.resources['NetworkReady']?.Type).toBe('AWS::CloudFormation::WaitConditionHandle');
  });

  it('creates no VPC, subnets, gateway or routes', () => {
    expect(
      Object.values(stack.resources)
        .map((r) => r.Type)
        .filter((t) => t.startsWith('AWS::EC2::')),
    ).toEqual(['AWS::EC2::SecurityGroup']);
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

describe('existing VPC with IPv6-only subnets for the task and dual-stack ones for the front door', () => {
  const network = {
    ExistingVpcId: 'vpc-0123456789abcdef0',
    ExistingSubnetIds: 'subnet-0123456789abcdef0,subnet-0fedcba9876543210',
    ExistingTaskSubnetIds: 'subnet-01111111111111111,subnet-02222222222222222',
    ExistingFrontDoorSubnetIds: 'subnet-03333333333333333,subnet-04444444444444444',
  };
  const stack = resolve(network);

  it('runs the task in the IPv6-only subnets without a public IP, the front door in the dual-stack ones, and creates no network', () => {
    expect(stack.resources['Service']?.Properties['NetworkConfiguration']).toEqual({
      AwsvpcConfiguration: {
        AssignPublicIp: 'DISABLED',
        Subnets: ['subnet-01111111111111111', 'subnet-02222222222222222'],
        SecurityGroups: ['sg-0123456789abcdef0'],
      },
    });
    expect((stack.resources['FrontDoorFunction']?.Properties as Record<string, unknown>)['VpcConfig']).toEqual({
      SubnetIds: ['subnet-03333333333333333', 'subnet-04444444444444444'],
      SecurityGroupIds: ['sg-0fd0fd0fd0fd0fd00'],
      Ipv6AllowedForDualStack: true,
    });
    expect(stack.resources['FrontDoorSecurityGroup']?.Properties['VpcId']).toBe('vpc-0123456789abcdef0');
    expect(
      Object.values(stack.resources)
        .map((r) => r.Type)
        .filter((t) => t.startsWith('AWS::EC2::')),
    ).toEqual(['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupEgress']);
    expect(stack.outputs['TaskNetwork']).toBe('ipv6-only');
  });

  it("without the two parameters keeps today's layout: the front door outside the VPC, the task on its public IP", () => {
    const today = resolve({ ExistingVpcId: network.ExistingVpcId, ExistingSubnetIds: network.ExistingSubnetIds });
    expect(today.outputs['TaskNetwork']).toBe('public-ip');
    expect((today.resources['FrontDoorFunction']?.Properties as Record<string, unknown>)['VpcConfig']).toBeUndefined();
    expect(today.resources['FrontDoorSecurityGroup']).toBeUndefined();
  });

  it('has rules that refuse one of the two without the other, or either without an existing VPC', () => {
    const problems = (values: Record<string, string>) =>
      checkTemplateValues(compiled.plain, new Map(Object.entries({ ...REQUIRED, ...values }))).map((p) => p.message);
    expect(problems(network)).toEqual([]);
    expect(problems({ ...network, ExistingFrontDoorSubnetIds: '' }).join(' ')).toContain(
      'ExistingTaskSubnetIds is set, so ExistingFrontDoorSubnetIds must list dual-stack subnets',
    );
    expect(problems({ ...network, ExistingTaskSubnetIds: '' }).join(' ')).toContain(
      'ExistingFrontDoorSubnetIds is set, so ExistingTaskSubnetIds must list IPv6-only subnets',
    );
    expect(problems({ ...network, ExistingTaskSubnetIds: '', TaskPublicIp: 'true' })).toEqual([]);
    expect(
      problems({
        ExistingTaskSubnetIds: network.ExistingTaskSubnetIds,
        ExistingFrontDoorSubnetIds: network.ExistingFrontDoorSubnetIds,
      }).join(' '),
    ).toContain('ExistingTaskSubnetIds and ExistingFrontDoorSubnetIds are for an existing VPC');
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
            'Fn::Not': [
              { 'Fn::Contains': [['22', '23', '135', '445', '2375', '2376', '3389', '5900', '5985', '5986'], { Ref: 'ContainerPort' }] },
            ],
          },
          AssertDescription:
            "ContainerPort is a remote-administration port, open to the internet. Use your web app's port, or set AllowAdminPort to true.",
        },
      ],
    });
    expect(compiled.plain['Parameters']).toHaveProperty(
      'AllowAdminPort',
      expect.objectContaining({ Default: 'false', AllowedValues: ['true', 'false'] }),
    );
  });
});
