/**
 * The false positives found by running the lint over public templates (issue 21), each on a
 * minimal template of the same shape, with the case that must still be reported beside it.
 */
import { lintTexts } from '../../src/lint/index';

const lint = async (text: string): Promise<string[]> =>
  (await lintTexts([{ file: 't.yaml', text }])).map((f) => `${f.line} ${f.rule} ${f.severity}`);

describe('FO104: condition keys the reference writes with a placeholder', () => {
  const policy = (key: string) => `Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: secretsmanager:GetSecretValue
            Resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:app-*
            Condition:
              StringEquals:
                ${key}: web
`;

  it('match any concrete key in the placeholder (secretsmanager:ResourceTag/tag-key, ec2:ResourceTag/${TagKey}, s3:RequestObjectTag/<key>)', async () => {
    expect(await lint(policy('secretsmanager:ResourceTag/App'))).toEqual([]);
    expect(await lint(policy('s3:ExistingObjectTag/Team'))).toEqual([]);
    expect(await lint(policy('ec2:ResourceTag/Name'))).toEqual([]);
  });

  it('still catch a key that is not there', async () => {
    expect(await lint(policy('secretsmanager:ResourceTags/App'))).toEqual(['13 FO104 error']);
    expect(await lint(policy('secretsmanager:ResourceTag'))).toEqual(['13 FO104 error']);
  });
});

describe('FO208: only services that run on Fargate are priced as Fargate', () => {
  const service = (extra: string, resources = '') => `Resources:
  Cluster:
    Type: AWS::ECS::Cluster${resources}
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions: [{ Name: app, Image: public.ecr.aws/nginx/nginx:latest, Memory: 256 }]
  Service:
    Type: AWS::ECS::Service
    Properties:
      Cluster: !Ref Cluster
      TaskDefinition: !Ref TaskDefinition
      DesiredCount: 2${extra}
`;

  it('does not price a service with no launch type, no strategy and no default strategy for its cluster (ECS runs it on EC2)', async () => {
    const placed = '\n      PlacementConstraints: [{ Type: memberOf, Expression: "ec2InstanceId in [\'i-0123456789abcdef0\']" }]';
    expect(await lint(service(placed))).toEqual([]);
  });

  it("prices it by its launch type, its strategy, or its cluster's default strategy", async () => {
    expect(await lint(service('\n      LaunchType: FARGATE'))).toEqual(['8 FO208 warning']);
    expect(await lint(service('\n      CapacityProviderStrategy: [{ CapacityProvider: FARGATE_SPOT, Weight: 1 }]'))).toEqual([
      '8 FO208 warning',
    ]);
    const clusterDefault = '\n    Properties:\n      DefaultCapacityProviderStrategy: [{ CapacityProvider: FARGATE, Weight: 1 }]';
    expect(await lint(service('', clusterDefault))).toEqual(['10 FO208 warning']);
    const association = `
  Providers:
    Type: AWS::ECS::ClusterCapacityProviderAssociations
    Properties:
      Cluster: !Ref Cluster
      CapacityProviders: [FARGATE]
      DefaultCapacityProviderStrategy: [{ CapacityProvider: FARGATE, Weight: 1 }]`;
    expect(await lint(service('', association))).toEqual(['14 FO208 warning']);
  });
});

describe("FO203: a NAT gateway's Elastic IP", () => {
  const template = `Resources:
  NatAddress:
    Type: AWS::EC2::EIP
    Properties: { Domain: vpc }
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt NatAddress.AllocationId
      SubnetId: subnet-0123456789abcdef0
  BastionAddress:
    Type: AWS::EC2::EIP
    Properties: { Domain: vpc }
`;

  it('is left to FO202 (the gateway); an address of its own still gets FO203', async () => {
    expect(await lint(template)).toEqual(['5 FO202 warning', '10 FO203 warning']);
  });
});

describe('FO102: one finding per statement', () => {
  it('names every action of a statement in one finding', async () => {
    const text = `Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [ecs:UpdateService, ecs:StopTask, ecs:TagResource, sqs:SendMessage, sns:Publish]
            Resource: "*"
`;
    const findings = await lintTexts([{ file: 't.yaml', text }]);
    expect(findings.filter((f) => f.rule === 'FO102').map((f) => `${f.line} ${f.rule}`)).toEqual(['9 FO102']);
    expect(findings[0]?.message).toMatch(
      /^The statement allows 5 actions that support resource-level permissions on Resource "\*": "ecs:UpdateService" \(service\), "ecs:StopTask" \(task\),/,
    );
  });
});

describe('FO212: cheaper options of the same kind', () => {
  it('does not offer a Fargate task in place of an instance (it may be a domain controller)', async () => {
    const text = `Resources:
  DomainController:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: m5.large
      ImageId: ami-0123456789abcdef0
`;
    const [finding] = await lintTexts([{ file: 't.yaml', text }]);
    expect(finding?.message).not.toMatch(/Fargate|Lambda/);
    expect(finding?.message).toContain(
      'Cheaper: m7g.large ($59.57/month, Graviton: Linux only); stop it when it is not needed (AWS Instance Scheduler), or a Savings Plan for one that must run all the time.',
    );
  });
});
