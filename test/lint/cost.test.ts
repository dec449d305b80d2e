/**
 * The cost rules' messages, exactly: the monthly us-west-2 figure (or why there is none), the
 * price's source, the cheaper alternative and how to accept the cost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTexts } from '../../src/lint/index';
import { FIXTURES } from './helpers';

const SUPPRESS = (id: string): string =>
  `If you accept the cost, add Metadata: { fargate-oidc: { ignore_rules: [${id}] } } to the resource.`;

async function messages(fixture: string): Promise<[number, string][]> {
  const file = join(FIXTURES, fixture);
  const findings = await lintTexts([{ file, text: readFileSync(file, 'utf8') }]);
  return findings.map((f) => {
    expect(f.severity).toBe('warning');
    expect(f.message.endsWith(` ${SUPPRESS(f.rule)}`)).toBe(true);
    return [f.line, f.message.slice(0, -SUPPRESS(f.rule).length - 1)];
  });
}

const EXPECTED: Record<string, [number, string][]> = {
  FO218: [
    [
      10,
      'The group starts 2 EC2 instances when the stack is created: about $24.53/month (2 instances × $0.0168/hour for t4g.small; us-west-2 list price of 2026-11-27, https://aws.amazon.com/ec2/pricing/on-demand/; re-check), plus their EBS volumes. Cheaper: DesiredCapacity and MinSize 0 by default (scale out when needed), or a smaller or Graviton (Linux only) instance type.',
    ],
    [
      20,
      'The group starts 1 EC2 instance when the stack is created: at least $3.07/month (1 instance × $0.0042/hour, the price of t4g.nano, the cheapest type; the type is not known from the template; us-west-2 list price of 2026-11-27, https://aws.amazon.com/ec2/pricing/on-demand/; re-check), plus their EBS volumes. Cheaper: DesiredCapacity and MinSize 0 by default (scale out when needed), or a smaller or Graviton (Linux only) instance type.',
    ],
  ],
  FO219: [
    [
      9,
      'An EKS cluster costs $73.00/month ($0.10/cluster-hour; us-west-2 list price of 2026-11-27, https://aws.amazon.com/eks/pricing/; re-check) with or without workloads, and $438.00/month ($0.60/hour) once its Kubernetes version is in extended support. Cheaper: ECS on Fargate has no cluster charge and bills tasks only while they run.',
    ],
    [
      15,
      'The managed node group starts 2 nodes: about $60.74/month (2 instances × $0.0416/hour for t3.medium; us-west-2 list price of 2026-11-27, https://aws.amazon.com/ec2/pricing/on-demand/; re-check), plus their EBS volumes. Cheaper: ECS on Fargate has no cluster charge and bills tasks only while they run.',
    ],
  ],
  FO220: [
    [
      4,
      'A Small Simple AD directory costs about $36.50/month ($0.05/hour; us-west-2 list price of 2026-11-27, https://aws.amazon.com/directoryservice/pricing/; re-check). Cheaper: IAM Identity Center or Cognito for sign-in, or one directory shared across accounts.',
    ],
    [
      11,
      'An AWS Managed Microsoft AD directory (Standard edition) bills each of its domain controllers (two at least) every hour it exists; our price table has no figure for it, see https://aws.amazon.com/directoryservice/pricing/. Cheaper: IAM Identity Center or Cognito for sign-in, or one directory shared across accounts.',
    ],
  ],
  FO222: [
    [
      2,
      'An EMR cluster bills its EC2 instances and an EMR fee every hour it runs: at least $420.48/month for the EC2 instances alone (1 × m5.xlarge at $0.192/hour + 2 × m5.xlarge at $0.192/hour; us-west-2 list price of 2026-11-27, https://aws.amazon.com/ec2/pricing/on-demand/; re-check), plus the EMR fee per instance-hour (https://aws.amazon.com/emr/pricing/). Cheaper: EMR Serverless, billed only while a job runs, or a cluster that terminates after its steps.',
    ],
  ],
  FO224: [
    [
      2,
      "A Route 53 Resolver endpoint costs $273.75/month (3 network interfaces × $0.125/hour; us-west-2 list price of 2026-11-27, https://aws.amazon.com/route53/pricing/; re-check) plus queries. Cheaper: the VPC's own resolver, unless DNS must cross to or from another network.",
    ],
  ],
  FO225: [
    [
      8,
      "A Site-to-Site VPN connection costs $36.50/month ($0.05/connection-hour; us-west-2 list price of 2026-11-27, https://aws.amazon.com/vpn/pricing/; re-check), with or without traffic. Cheaper: the service's public endpoint with TLS, or Session Manager for administration.",
    ],
  ],
  FO226: [
    [
      4,
      'A transit gateway attachment costs $36.50/month ($0.05/attachment-hour plus data processed; us-west-2 list price of 2026-11-27, https://aws.amazon.com/transit-gateway/pricing/; re-check) with or without traffic. Cheaper: VPC peering (no hourly charge) for a few VPCs.',
    ],
    [
      10,
      'A transit gateway attachment costs $36.50/month ($0.05/attachment-hour plus data processed; us-west-2 list price of 2026-11-27, https://aws.amazon.com/transit-gateway/pricing/; re-check) with or without traffic. Cheaper: VPC peering (no hourly charge) for a few VPCs.',
    ],
  ],
  FO205: [
    [
      2,
      'A provisioned RDS database bills its instance every hour it exists: about $11.68/month (1 instance × $0.016/hour for db.t4g.micro; us-west-2 list price of 2026-11-27, https://aws.amazon.com/rds/pricing/; re-check), plus storage. Cheaper: DynamoDB on-demand, Aurora Serverless v2 with MinCapacity 0, or a file database on the task.',
    ],
    [
      10,
      'Aurora Serverless v2 with MinCapacity 0.5 costs at least $43.80/month ($0.12/ACU-hour; us-west-2 list price of 2026-11-27, https://aws.amazon.com/rds/aurora/pricing/; re-check). Cheaper: MinCapacity 0 so it pauses when idle, or DynamoDB on-demand / SQLite on the task.',
    ],
    [
      17,
      'A provisioned RDS database bills its instance every hour it exists: at least $11.68/month (1 instance × $0.016/hour, the price of db.t4g.micro, the cheapest class; db.r6i.2xlarge (oracle-se2) is not in our price table; us-west-2 list price of 2026-11-27, https://aws.amazon.com/rds/pricing/; re-check), plus storage. Cheaper: DynamoDB on-demand, Aurora Serverless v2 with MinCapacity 0, or a file database on the task.',
    ],
  ],
  FO206: [
    [
      2,
      "An ElastiCache cache bills its nodes every hour it exists: about $11.68/month (1 node × $0.016/hour for cache.t4g.micro; us-west-2 list price of 2026-11-27, https://aws.amazon.com/elasticache/pricing/; re-check). Cheaper: cache in the task's memory, or DynamoDB on-demand.",
    ],
    [
      8,
      "An ElastiCache cache bills its nodes every hour it exists: at least $23.36/month (2 nodes × $0.016/hour, the price of cache.t4g.micro, the cheapest type; cache.r7g.large is not in our price table; us-west-2 list price of 2026-11-27, https://aws.amazon.com/elasticache/pricing/; re-check). Cheaper: cache in the task's memory, or DynamoDB on-demand.",
    ],
  ],
  FO212: [
    [
      5,
      'An EC2 instance (t4g.micro) costs $6.13/month ($0.0084/hour on demand; us-west-2 list price of 2026-11-27, https://aws.amazon.com/ec2/pricing/on-demand/; re-check) while it runs, plus its EBS volumes even when stopped. Cheaper: t4g.nano ($3.07/month) if it has room to spare; stop it when it is not needed (AWS Instance Scheduler), or a Savings Plan for one that must run all the time.',
    ],
    [
      10,
      'An EC2 instance (t3.small) costs $15.18/month ($0.0208/hour on demand; us-west-2 list price of 2026-11-27, https://aws.amazon.com/ec2/pricing/on-demand/; re-check) while it runs, plus its EBS volumes even when stopped. Cheaper: t3.micro ($7.59/month) if it has room to spare, or t4g.small ($12.26/month, Graviton: Linux only); stop it when it is not needed (AWS Instance Scheduler), or a Savings Plan for one that must run all the time.',
    ],
    [
      15,
      'An EC2 instance bills every hour it runs, plus its EBS volumes even when stopped; c7i.48xlarge is not in our price table, so see https://aws.amazon.com/ec2/pricing/on-demand/ for the figure. Cheaper: a smaller or Graviton (t4g, m7g; Linux only) instance type; stop it when it is not needed (AWS Instance Scheduler), or a Savings Plan for one that must run all the time.',
    ],
    [
      24,
      'An EC2 instance bills every hour it runs, plus its EBS volumes even when stopped; its InstanceType is not known from the template (a launch template or a parameter without a default), so see https://aws.amazon.com/ec2/pricing/on-demand/ for the figure. Cheaper: a smaller or Graviton (t4g, m7g; Linux only) instance type; stop it when it is not needed (AWS Instance Scheduler), or a Savings Plan for one that must run all the time.',
    ],
  ],
  FO213: [
    [
      4,
      'A DynamoDB table in provisioned mode (BillingMode not set) costs $3.80/month (10 RCU × $0.00013 + 6 WCU × $0.00065 per hour, table and indexes; us-west-2 list price of 2026-11-27, https://aws.amazon.com/dynamodb/pricing/provisioned/; re-check) with or without traffic. Cheaper: BillingMode PAY_PER_REQUEST, billed per request and nothing when idle.',
    ],
    [
      15,
      'A DynamoDB table in provisioned mode (BillingMode PROVISIONED) costs $0.57/month (1 RCU × $0.00013 + 1 WCU × $0.00065 per hour, table and indexes; us-west-2 list price of 2026-11-27, https://aws.amazon.com/dynamodb/pricing/provisioned/; re-check) with or without traffic. Cheaper: BillingMode PAY_PER_REQUEST, billed per request and nothing when idle.',
    ],
  ],
  FO214: [
    [
      2,
      'An OpenSearch domain bills its instances every hour it exists: about $52.56/month (2 data nodes × $0.036/hour for t3.small.search; us-west-2 list price of 2026-11-27, https://aws.amazon.com/opensearch-service/pricing/; re-check), plus EBS storage. Cheaper: search in DynamoDB or with SQLite full-text search on the task; OpenSearch Serverless is not cheaper idle (it bills a minimum of OCUs).',
    ],
    [
      8,
      'An OpenSearch domain bills its instances every hour it exists: at least $78.84/month (3 data nodes × $0.036/hour, the price of t3.small.search, the cheapest current-generation type; r6g.large.search is not in our price table; us-west-2 list price of 2026-11-27, https://aws.amazon.com/opensearch-service/pricing/; re-check), plus about $159.87/month (3 dedicated masters × $0.073/hour for t3.medium.search; us-west-2 list price of 2026-11-27, https://aws.amazon.com/opensearch-service/pricing/; re-check), plus EBS storage. Cheaper: search in DynamoDB or with SQLite full-text search on the task; OpenSearch Serverless is not cheaper idle (it bills a minimum of OCUs).',
    ],
    [
      19,
      'An Elasticsearch domain bills its instances every hour it exists: about $26.28/month (1 data node × $0.036/hour for t3.small.search; us-west-2 list price of 2026-11-27, https://aws.amazon.com/opensearch-service/pricing/; re-check), plus EBS storage. Cheaper: search in DynamoDB or with SQLite full-text search on the task; OpenSearch Serverless is not cheaper idle (it bills a minimum of OCUs).',
    ],
  ],
  FO215: [
    [
      2,
      'A provisioned Kinesis stream costs $21.90/month (2 shards × $0.015/shard-hour; us-west-2 list price of 2026-11-27, https://aws.amazon.com/kinesis/data-streams/pricing/; re-check) plus PUT payload units, with or without traffic. Cheaper: SQS or EventBridge, billed per request and nothing when idle.',
    ],
    [
      7,
      'An on-demand Kinesis stream costs $29.20/month ($0.04/stream-hour; us-west-2 list price of 2026-11-27, https://aws.amazon.com/kinesis/data-streams/pricing/; re-check) plus data in and out, with or without traffic. Cheaper: SQS or EventBridge, billed per request and nothing when idle.',
    ],
  ],
  FO216: [
    [
      5,
      'An MSK cluster bills its brokers every hour it exists: about $66.58/month (2 brokers × $0.0456/hour for kafka.t3.small; us-west-2 list price of 2026-11-27, https://aws.amazon.com/msk/pricing/; re-check), plus broker storage. Cheaper: SQS, SNS or EventBridge, billed per request and nothing when idle.',
    ],
    [
      15,
      'An MSK Serverless cluster costs $547.50/month ($0.75/cluster-hour; us-west-2 list price of 2026-11-27, https://aws.amazon.com/msk/pricing/; re-check) plus partition-hours and data, with or without traffic. Cheaper: SQS, SNS or EventBridge, billed per request and nothing when idle.',
    ],
  ],
  FO217: [
    [
      4,
      'A provisioned Redshift cluster bills its nodes every hour it exists (unless paused): about $182.50/month (1 node × $0.25/hour for dc2.large; us-west-2 list price of 2026-11-27, https://aws.amazon.com/redshift/pricing/; re-check). Cheaper: Redshift Serverless, billed only while queries run, or Athena over S3.',
    ],
    [
      12,
      'A provisioned Redshift cluster bills its nodes every hour it exists (unless paused): at least $365.00/month (2 nodes × $0.25/hour, the price of dc2.large, the cheapest type; ra3.4xlarge is not in our price table, the count is not known from the template; us-west-2 list price of 2026-11-27, https://aws.amazon.com/redshift/pricing/; re-check). Cheaper: Redshift Serverless, billed only while queries run, or Athena over S3.',
    ],
  ],
};

describe('cost rules', () => {
  it.each(Object.keys(EXPECTED))('%s says what it costs per month, from where, and what is cheaper', async (id) => {
    expect(await messages(`${id}.fail.yaml`)).toEqual(EXPECTED[id]);
  });
});

const SERVICE = (taskDefinition: string, extra = '') => `Parameters:
  Cpu: { Type: String }
${extra}Resources:
  Service:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: ${taskDefinition}
      DesiredCount: 2
      LaunchType: FARGATE
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ENABLED
          Subnets: [subnet-0123456789abcdef0]
`;

describe('FO208 always names a monthly cost', () => {
  const fargate = 'us-west-2 list price of 2026-11-27, https://aws.amazon.com/fargate/pricing/';
  const cheaper = `Cheaper: default DesiredCount to 0 (a parameter) and start the service when needed; the stack then costs nothing while stopped. ${SUPPRESS('FO208')}`;

  it('quotes the smallest Fargate task as "at least" when the task definition is not in the template', async () => {
    const [f, ...rest] = await lintTexts([{ file: 't.yaml', text: SERVICE('arn:aws:ecs:us-west-2:123456789012:task-definition/app:3') }]);
    expect(rest).toEqual([]);
    expect(f?.message).toBe(
      'The service is created with DesiredCount 2: at least $21.72/month (2 × ($7.21 for the smallest task, 0.25 vCPU, 0.5 GB, ARM64 on Fargate + $3.65 public IPv4), ' +
        `as its task definition is not in this template; ${fargate}). ${cheaper}`,
    );
  });

  it('does the same when the task size has no default', async () => {
    const td = `  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: !Ref Cpu
      Memory: "512"
      ContainerDefinitions: [{ Name: app, Image: public.ecr.aws/nginx/nginx:latest }]
`;
    const text = SERVICE('!Ref TaskDefinition').replace('Resources:\n', `Resources:\n${td}`);
    const findings = await lintTexts([{ file: 't.yaml', text }]);
    expect(findings.map((f) => f.message)).toEqual([
      'The service is created with DesiredCount 2: at least $21.72/month (2 × ($7.21 for the smallest task, 0.25 vCPU, 0.5 GB, ARM64 on Fargate + $3.65 public IPv4), ' +
        `as its task definition's Cpu and Memory have no literal value or default; ${fargate}). ${cheaper}`,
    ]);
  });
});

describe('cost rules and a resource Condition', () => {
  it('report a resource that is off with the default parameters as info, naming the condition and the parameters', async () => {
    const file = join(FIXTURES, 'FO202.fail.yaml');
    const findings = await lintTexts([{ file, text: readFileSync(file, 'utf8') }]);
    const nat =
      'A NAT gateway costs $32.85/month ($0.045/hour plus $0.045/GB processed; us-west-2 list price of 2026-11-27, https://aws.amazon.com/vpc/pricing/; re-check).';
    expect(findings.map((f) => [f.line, f.severity, f.message.slice(0, f.message.indexOf(' Cheaper:'))])).toEqual([
      [10, 'warning', nat],
      [
        15,
        'info',
        `Off by default: condition WithNat is false with the default parameters (CreateNat=false). When WithNat is true: ${nat}`,
      ],
      [21, 'warning', nat],
      [27, 'warning', nat], // depends on the region: cannot be told, so reported as billed
    ]);
  });
});

describe('resources generated by Fn::ForEach', () => {
  const template = `Transform: AWS::LanguageExtensions
Parameters:
  Zones: { Type: CommaDelimitedList, Default: "a,b,c" }
Resources:
  Fn::ForEach::Nats:
    - Zone
    - !Ref Zones
    - Nat\${Zone}:
        Type: AWS::EC2::NatGateway
        Properties:
          SubnetId: !Sub subnet-\${Zone}
          ConnectivityType: private
  Fn::ForEach::Logs:
    - Name
    - [api, worker]
    - Logs&{Name}:
        Type: AWS::Logs::LogGroup
`;

  it('are each priced, reported on the line of their template', async () => {
    const findings = await lintTexts([{ file: 't.yaml', text: template }]);
    expect(findings.map((f) => `${f.line} ${f.rule} ${f.message.slice(0, f.message.indexOf(':'))}`)).toEqual([
      '8 FO202 Nata (generated by Fn',
      '8 FO202 Natb (generated by Fn',
      '8 FO202 Natc (generated by Fn',
      '16 FO210 Logsapi (generated by Fn',
      '16 FO210 Logsworker (generated by Fn',
    ]);
  });
});

describe('hostile shapes', () => {
  it('expands nested Fn::ForEach loops to a bounded number of resources', async () => {
    const values = Array.from({ length: 50 }, (_, i) => `v${i}`);
    const loop = (depth: number): Record<string, unknown> =>
      depth === 0
        ? { 'Log${I0}${I1}${I2}${I3}${I4}': { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } } }
        : { [`Fn::ForEach::L${depth}`]: [`I${depth - 1}`, values, loop(depth - 1)] };
    const text = JSON.stringify({ Transform: 'AWS::LanguageExtensions', Resources: loop(5) });
    expect(await lintTexts([{ file: 't.json', text }])).toEqual([]);
  });

  it('evaluates conditions that share others once each', async () => {
    const conditions: Record<string, unknown> = { C0: { 'Fn::Equals': [{ Ref: 'On' }, 'yes'] } };
    for (let i = 1; i <= 60; i++) conditions[`C${i}`] = { 'Fn::And': [{ Condition: `C${i - 1}` }, { Condition: `C${i - 1}` }] };
    const text = JSON.stringify({
      Parameters: { On: { Type: 'String', Default: 'no' } },
      Conditions: conditions,
      Resources: { Nat: { Type: 'AWS::EC2::NatGateway', Condition: 'C60', Properties: { SubnetId: 'subnet-1' } } },
    });
    const findings = await lintTexts([{ file: 't.json', text }]);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['FO202', 'info']]);
  });
});

describe('the private network costs nothing by the hour, and the cost rules say nothing of it', () => {
  it('finds nothing in an egress-only internet gateway, an Amazon-provided IPv6 block and IPv6-only subnets', async () => {
    const text = [
      'Resources:',
      '  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}',
      '  VpcIpv6Block: {Type: AWS::EC2::VPCCidrBlock, Properties: {VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true}}',
      '  EgressOnlyInternetGateway: {Type: AWS::EC2::EgressOnlyInternetGateway, Properties: {VpcId: !Ref Vpc}}',
      '  TaskSubnet: {Type: AWS::EC2::Subnet, DependsOn: VpcIpv6Block, Properties: {VpcId: !Ref Vpc, Ipv6Native: true, AssignIpv6AddressOnCreation: true, Ipv6CidrBlock: "2600:1f14:abc:de02::/64"}}',
      '',
    ].join('\n');
    const findings = await lintTexts([{ file: 'private-network.yaml', text }]);
    expect(findings.filter((f) => f.rule.startsWith('FO2'))).toEqual([]);
  });
});
