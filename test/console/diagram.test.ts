import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagramGraph, groupOf, renderDiagramMarkdown, renderMermaid, renderRequestPath } from '../../src/console/diagram';
import { buildOutputs } from '../../src/cli/build';
import type { Json } from '../../src/template/cfn';
import { compileTemplate } from '../../src/template/compile';

const plain = compileTemplate().plain;

describe('diagram of the template', () => {
  it('has one node per resource, with its type, group, condition and Retain', () => {
    const nodes = diagramGraph(plain).nodes.map((n) => [n.id, n.type, n.group, n.condition ?? '', n.retained ? 'retained' : '']);
    expect(nodes).toEqual([
      ['GitHubOidcProvider', 'AWS::IAM::OIDCProvider', 'iam', 'CreateGitHubOidcProvider', 'retained'],
      ['GitHubDeployRole', 'AWS::IAM::Role', 'iam', '', ''],
      ['TaskExecutionRole', 'AWS::IAM::Role', 'iam', '', ''],
      ['TaskRole', 'AWS::IAM::Role', 'iam', '', ''],
      ['Repository', 'AWS::ECR::Repository', 'registry', '', ''],
      ['LogGroup', 'AWS::Logs::LogGroup', 'registry', '', ''],
      ['Vpc', 'AWS::EC2::VPC', 'network', 'CreateVpc', ''],
      ['VpcIpv6Block', 'AWS::EC2::VPCCidrBlock', 'network', 'CreateVpc', ''],
      ['InternetGateway', 'AWS::EC2::InternetGateway', 'network', 'CreateVpc', ''],
      ['InternetGatewayAttachment', 'AWS::EC2::VPCGatewayAttachment', 'network', 'CreateVpc', ''],
      ['PublicRouteTable', 'AWS::EC2::RouteTable', 'network', 'CreateVpc', ''],
      ['PublicDefaultRoute', 'AWS::EC2::Route', 'network', 'CreateVpc', ''],
      ['PublicIpv6DefaultRoute', 'AWS::EC2::Route', 'network', 'CreateVpc', ''],
      ['PublicSubnetA', 'AWS::EC2::Subnet', 'network', 'CreateVpc', ''],
      ['PublicSubnetB', 'AWS::EC2::Subnet', 'network', 'CreateVpc', ''],
      ['PublicSubnetARouteTable', 'AWS::EC2::SubnetRouteTableAssociation', 'network', 'CreateVpc', ''],
      ['PublicSubnetBRouteTable', 'AWS::EC2::SubnetRouteTableAssociation', 'network', 'CreateVpc', ''],
      ['EgressOnlyInternetGateway', 'AWS::EC2::EgressOnlyInternetGateway', 'network', 'CreateIpv6OnlySubnets', ''],
      ['TaskRouteTable', 'AWS::EC2::RouteTable', 'network', 'CreateIpv6OnlySubnets', ''],
      ['TaskIpv6DefaultRoute', 'AWS::EC2::Route', 'network', 'CreateIpv6OnlySubnets', ''],
      ['TaskSubnetA', 'AWS::EC2::Subnet', 'network', 'CreateIpv6OnlySubnets', ''],
      ['TaskSubnetB', 'AWS::EC2::Subnet', 'network', 'CreateIpv6OnlySubnets', ''],
      ['TaskSubnetARouteTable', 'AWS::EC2::SubnetRouteTableAssociation', 'network', 'CreateIpv6OnlySubnets', ''],
      ['TaskSubnetBRouteTable', 'AWS::EC2::SubnetRouteTableAssociation', 'network', 'CreateIpv6OnlySubnets', ''],
      ['NetworkReady', 'AWS::CloudFormation::WaitConditionHandle', 'network', '', ''],
      ['Cluster', 'AWS::ECS::Cluster', 'ecs', '', ''],
      ['TaskDefinition', 'AWS::ECS::TaskDefinition', 'ecs', '', ''],
      ['ServiceSecurityGroup', 'AWS::EC2::SecurityGroup', 'network', '', ''],
      ['Service', 'AWS::ECS::Service', 'ecs', '', ''],
      ['FrontDoorLogGroup', 'AWS::Logs::LogGroup', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorLastRequest', 'AWS::SSM::Parameter', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorLastStart', 'AWS::SSM::Parameter', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorState', 'AWS::SSM::Parameter', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorRole', 'AWS::IAM::Role', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorFunction', 'AWS::Lambda::Function', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorSecurityGroup', 'AWS::EC2::SecurityGroup', 'frontdoor', 'PrivateNetwork', ''],
      ['FrontDoorToTask', 'AWS::EC2::SecurityGroupEgress', 'frontdoor', 'PrivateNetwork', ''],
      ['FrontDoorApi', 'AWS::ApiGatewayV2::Api', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorIntegration', 'AWS::ApiGatewayV2::Integration', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorRoute', 'AWS::ApiGatewayV2::Route', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorStage', 'AWS::ApiGatewayV2::Stage', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorApiInvokes', 'AWS::Lambda::Permission', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorSchedulerRole', 'AWS::IAM::Role', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorScheduleGroup', 'AWS::Scheduler::ScheduleGroup', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorIdleCheck', 'AWS::Scheduler::Schedule', 'frontdoor', 'UseFrontDoor', ''],
      ['FrontDoorCertificate', 'AWS::CertificateManager::Certificate', 'frontdoor', 'UseCustomDomain', ''],
      ['FrontDoorDomain', 'AWS::ApiGatewayV2::DomainName', 'frontdoor', 'UseCustomDomain', ''],
      ['FrontDoorApiMapping', 'AWS::ApiGatewayV2::ApiMapping', 'frontdoor', 'UseCustomDomain', ''],
      ['FrontDoorDnsRecord', 'AWS::Route53::RecordSet', 'frontdoor', 'CreateDnsRecord', ''],
      ['DeployerLogGroup', 'AWS::Logs::LogGroup', 'deployer', '', ''],
      ['DeployerRole', 'AWS::IAM::Role', 'deployer', '', ''],
      ['DeployerFunction', 'AWS::Lambda::Function', 'deployer', '', ''],
    ]);
  });

  it('has exactly these edges: references (Ref, GetAtt, Sub, both Fn::If branches) and DependsOn', () => {
    const edges = diagramGraph(plain).edges.map((e) => `${e.from} ${e.kind === 'reference' ? '-->' : 'DependsOn'} ${e.to}`);
    expect(edges).toEqual([
      // the IPv6-only task subnets' way out: the egress-only gateway
      // the deployer: registers the stack's task definition with a new image and updates the service
      'DeployerFunction --> Cluster',
      'DeployerFunction DependsOn DeployerLogGroup',
      'DeployerFunction --> DeployerRole',
      'DeployerFunction --> FrontDoorApi',
      'DeployerFunction --> Repository',
      'DeployerFunction --> Service',
      'DeployerFunction --> TaskDefinition',
      'DeployerRole --> Cluster',
      'DeployerRole --> DeployerLogGroup',
      'DeployerRole --> PublicSubnetA',
      'DeployerRole --> PublicSubnetB',
      'DeployerRole --> Repository',
      'DeployerRole --> Service',
      'DeployerRole --> TaskExecutionRole',
      'DeployerRole --> TaskRole',
      'DeployerRole --> TaskSubnetA',
      'DeployerRole --> TaskSubnetB',
      'EgressOnlyInternetGateway --> Vpc',
      // the front door: the API invokes the function, which finds and scales the service; in the VPC, its
      // security group is the task group's only source
      'FrontDoorApiInvokes --> FrontDoorApi',
      'FrontDoorApiInvokes --> FrontDoorFunction',
      'FrontDoorApiMapping --> FrontDoorApi',
      'FrontDoorApiMapping --> FrontDoorDomain',
      'FrontDoorApiMapping --> FrontDoorStage',
      'FrontDoorDnsRecord --> FrontDoorDomain',
      'FrontDoorDomain --> FrontDoorCertificate',
      'FrontDoorFunction --> Cluster',
      'FrontDoorFunction DependsOn FrontDoorLogGroup',
      'FrontDoorFunction --> FrontDoorRole',
      'FrontDoorFunction --> FrontDoorSecurityGroup',
      'FrontDoorFunction --> PublicSubnetA',
      'FrontDoorFunction --> PublicSubnetB',
      'FrontDoorFunction --> Service',
      'FrontDoorIdleCheck --> FrontDoorFunction',
      'FrontDoorIdleCheck --> FrontDoorScheduleGroup',
      'FrontDoorIdleCheck --> FrontDoorSchedulerRole',
      'FrontDoorIntegration --> FrontDoorApi',
      'FrontDoorIntegration --> FrontDoorFunction',
      'FrontDoorRole --> Cluster',
      'FrontDoorRole --> FrontDoorLogGroup',
      'FrontDoorRole --> FrontDoorSecurityGroup',
      'FrontDoorRole --> PublicSubnetA',
      'FrontDoorRole --> PublicSubnetB',
      'FrontDoorRole --> Service',
      'FrontDoorRole --> TaskSubnetA',
      'FrontDoorRole --> TaskSubnetB',
      'FrontDoorRole --> Vpc',
      'FrontDoorRoute --> FrontDoorApi',
      'FrontDoorRoute --> FrontDoorIntegration',
      'FrontDoorSchedulerRole --> FrontDoorFunction',
      'FrontDoorSchedulerRole --> FrontDoorScheduleGroup',
      'FrontDoorSecurityGroup --> Vpc',
      'FrontDoorStage --> FrontDoorApi',
      'FrontDoorToTask --> FrontDoorSecurityGroup',
      'FrontDoorToTask --> ServiceSecurityGroup',
      // the deploy role: trusts the provider, pushes to the repository, deploys and passes the roles
      // the GitHub role: pushes images and invokes the deployer, nothing else
      'GitHubDeployRole --> DeployerFunction',
      'GitHubDeployRole --> GitHubOidcProvider',
      'GitHubDeployRole --> Repository',
      'InternetGatewayAttachment --> InternetGateway',
      'InternetGatewayAttachment --> Vpc',
      // the service waits for the routes, whether or not the stack creates them
      'NetworkReady --> PublicDefaultRoute',
      'NetworkReady --> PublicIpv6DefaultRoute',
      'NetworkReady --> PublicSubnetARouteTable',
      'NetworkReady --> PublicSubnetBRouteTable',
      'NetworkReady --> TaskIpv6DefaultRoute',
      'NetworkReady --> TaskSubnetARouteTable',
      'NetworkReady --> TaskSubnetBRouteTable',
      'PublicDefaultRoute --> InternetGateway',
      'PublicDefaultRoute DependsOn InternetGatewayAttachment',
      'PublicDefaultRoute --> PublicRouteTable',
      'PublicIpv6DefaultRoute --> InternetGateway',
      'PublicIpv6DefaultRoute DependsOn InternetGatewayAttachment',
      'PublicIpv6DefaultRoute --> PublicRouteTable',
      'PublicRouteTable --> Vpc',
      'PublicSubnetA --> Vpc',
      // a subnet's /64 comes from the VPC's IPv6 block, empty until it exists
      'PublicSubnetA DependsOn VpcIpv6Block',
      'PublicSubnetARouteTable --> PublicRouteTable',
      'PublicSubnetARouteTable --> PublicSubnetA',
      'PublicSubnetB --> Vpc',
      'PublicSubnetB DependsOn VpcIpv6Block',
      'PublicSubnetBRouteTable --> PublicRouteTable',
      'PublicSubnetBRouteTable --> PublicSubnetB',
      'Service --> Cluster',
      'Service DependsOn NetworkReady',
      'Service --> PublicSubnetA',
      'Service --> PublicSubnetB',
      'Service --> ServiceSecurityGroup',
      'Service --> TaskDefinition',
      'Service --> TaskSubnetA',
      'Service --> TaskSubnetB',
      'ServiceSecurityGroup --> FrontDoorSecurityGroup',
      'ServiceSecurityGroup --> Vpc',
      'TaskDefinition --> LogGroup',
      'TaskDefinition --> Repository',
      'TaskDefinition --> TaskExecutionRole',
      'TaskDefinition --> TaskRole',
      'TaskExecutionRole --> LogGroup',
      'TaskExecutionRole --> Repository',
      'TaskIpv6DefaultRoute --> EgressOnlyInternetGateway',
      'TaskIpv6DefaultRoute --> TaskRouteTable',
      'TaskRouteTable --> Vpc',
      'TaskSubnetA --> Vpc',
      'TaskSubnetA DependsOn VpcIpv6Block',
      'TaskSubnetARouteTable --> TaskRouteTable',
      'TaskSubnetARouteTable --> TaskSubnetA',
      'TaskSubnetB --> Vpc',
      'TaskSubnetB DependsOn VpcIpv6Block',
      'TaskSubnetBRouteTable --> TaskRouteTable',
      'TaskSubnetBRouteTable --> TaskSubnetB',
      'VpcIpv6Block --> Vpc',
    ]);
  });

  it('reads every reference form and ignores parameters, pseudo parameters and Sub variables', () => {
    const t: { [k: string]: Json } = {
      Parameters: { P: { Type: 'String' } },
      Resources: {
        A: { Type: 'AWS::S3::Bucket' },
        B: { Type: 'AWS::SNS::Topic' },
        C: { Type: 'AWS::SQS::Queue' },
        D: { Type: 'AWS::Lambda::Function', DependsOn: 'A' },
        E: {
          Type: 'AWS::Lambda::Function',
          DependsOn: ['A', 'B'],
          Properties: {
            X: { Ref: 'A' },
            Y: { 'Fn::GetAtt': 'B.Arn' },
            Z: { 'Fn::Sub': ['${C.Arn}/${D}/${Local}/${P}/${AWS::Region}/${!Literal}', { Local: { Ref: 'P' } }] },
            W: { 'Fn::Sub': '${E}' },
          },
        },
      },
    };
    expect(diagramGraph(t).edges).toEqual([
      { from: 'D', to: 'A', kind: 'dependsOn' },
      { from: 'E', to: 'A', kind: 'dependsOn' },
      { from: 'E', to: 'A', kind: 'reference' },
      { from: 'E', to: 'B', kind: 'dependsOn' },
      { from: 'E', to: 'B', kind: 'reference' },
      { from: 'E', to: 'C', kind: 'reference' },
      { from: 'E', to: 'D', kind: 'reference' },
    ]);
    expect(renderMermaid(t)).toBe(
      [
        'flowchart LR',
        '  subgraph group_other["Other"]',
        '    A["A<br/>AWS::S3::Bucket"]',
        '    B["B<br/>AWS::SNS::Topic"]',
        '    C["C<br/>AWS::SQS::Queue"]',
        '    D["D<br/>AWS::Lambda::Function"]',
        '    E["E<br/>AWS::Lambda::Function"]',
        '  end',
        '  D -. DependsOn .-> A',
        '  E -. DependsOn .-> A',
        '  E --> A',
        '  E -. DependsOn .-> B',
        '  E --> B',
        '  E --> C',
        '  E --> D',
        '  classDef conditional stroke-dasharray: 5 5',
        '',
      ].join('\n'),
    );
  });

  it('draws the groups in order, conditional nodes dashed, in a mermaid block', () => {
    const md = renderDiagramMarkdown(plain);
    const start = md.indexOf('```mermaid\n') + 11;
    const mermaid = md.slice(start, md.indexOf('```', start));
    expect(mermaid).toBe(renderMermaid(plain));
    expect(mermaid.match(/subgraph \S+/g)).toEqual([
      'subgraph group_iam["GitHub',
      'subgraph group_registry["Registry',
      'subgraph group_network["Network"]',
      'subgraph group_ecs["ECS"]',
      'subgraph group_frontdoor["Front',
      'subgraph group_deployer["Deployer"]',
    ]);
    expect(mermaid).toContain(
      '    GitHubOidcProvider["GitHubOidcProvider<br/>AWS::IAM::OIDCProvider<br/><i>only if CreateGitHubOidcProvider</i><br/><i>kept on stack delete</i>"]:::conditional\n',
    );
    expect(mermaid).toContain('    Cluster["Cluster<br/>AWS::ECS::Cluster"]\n');
    expect(renderDiagramMarkdown(plain)).toBe(md); // deterministic
    expect(groupOf('AWS::Logs::LogGroup')).toBe('registry');
    expect(groupOf('AWS::Logs::LogGroup', 'FrontDoorLogGroup')).toBe('frontdoor');
    expect(groupOf('AWS::Lambda::Function', 'DeployerFunction')).toBe('deployer');
    expect(groupOf('AWS::Lambda::Function', 'MyFunction')).toBe('other');
  });

  it('shows the path a request takes: through the front door, or straight to the task without one', () => {
    const md = renderDiagramMarkdown(plain);
    expect(md).toContain('## The path a request takes');
    expect(renderRequestPath(plain)).toContain('  Visitor -- "HTTPS (PublicAccess https)" --> FrontDoorApi["FrontDoorApi<br/>HTTP API"]\n');
    expect(renderRequestPath(plain)).toContain('  FrontDoorApi -- "every request" --> FrontDoorFunction["FrontDoorFunction<br/>Lambda"]\n');
    expect(renderRequestPath(plain)).toContain(
      '  FrontDoorFunction -- "task running: HTTP to its IPv6 address in the VPC, ContainerPort (only the front door\'s security group may)" --> Service["Service<br/>the app\'s task"]\n',
    );
    expect(renderRequestPath(plain)).toContain(
      '  Service -- "image, logs, secrets, the app\'s own calls: IPv6, outbound only" --> EgressOnlyInternetGateway["EgressOnlyInternetGateway<br/>no inbound, no hourly charge"]\n',
    );
    const withoutPrivateNetwork = {
      Resources: { Service: { Type: 'AWS::ECS::Service' }, Api: { Type: 'AWS::ApiGatewayV2::Api' }, Fn: { Type: 'AWS::Lambda::Function' } },
    };
    expect(renderRequestPath(withoutPrivateNetwork)).toContain(
      '  Fn -- "task running: HTTP to its public IP, ContainerPort" --> Service["Service<br/>the app\'s task"]\n',
    );
    const direct = { Resources: { Service: { Type: 'AWS::ECS::Service' } } };
    expect(renderRequestPath(direct)).toBe(
      'flowchart LR\n  Visitor(["Visitor"])\n  Visitor -- "HTTP to the task\'s public IP, ContainerPort" --> Service["Service<br/>the app\'s task"]\n',
    );
    expect(renderRequestPath({ Resources: {} })).toBeUndefined();
    expect(md.match(/```mermaid/g)).toHaveLength(2);
  });

  it('out/diagram.md is what the build writes (run npm run build and commit out/ if this fails)', () => {
    const built = buildOutputs().find((f) => f.path === 'diagram.md');
    expect(built?.text).toBe(renderDiagramMarkdown(plain));
    expect(readFileSync(join(__dirname, '..', '..', 'out', 'diagram.md'), 'utf8')).toBe(built?.text);
  });
});
