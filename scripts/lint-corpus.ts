/**
 * A corpus of generated CloudFormation templates for the lint benchmark and the lint tests:
 * written here from the constructs (not copied from public repositories), deterministic for a
 * seed. Each template mixes a few resources from a menu (topics, queues and their policies,
 * buckets and bucket policies, IAM roles with inline policies, GitHub OIDC trusts, log groups,
 * NAT gateways, Lambda functions, DynamoDB tables, a Fargate service), with parameters,
 * conditions and outputs; about one in three has a fault our rules report (a wildcard action,
 * `iam:PassRole` without a condition, a log group without retention, a NAT gateway), and about
 * one in three is JSON, the rest YAML with short-form tags (`!Ref`, `!Sub`, `!GetAtt`).
 */
import { Document, isMap, isScalar, visit, type Node } from 'yaml';

/** One generated template. */
export interface CorpusTemplate {
  /** File name: `t0001.yaml`, `t0002.json`… */
  name: string;
  text: string;
  /** The resource kinds it holds, e.g. `role:wildcard-action`, for tests that look for a rule's finding. */
  kinds: string[];
}

/** How many templates and which seed. */
export interface CorpusOptions {
  /** Number of templates; default 520. */
  count?: number;
  /** Seed of the generator; the same seed gives the same corpus. Default 1. */
  seed?: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** mulberry32: a small, fast, seeded generator (deterministic across Node versions). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ref = (name: string): Obj => ({ Ref: name });
const sub = (text: string): Obj => ({ 'Fn::Sub': text });
const getAtt = (id: string, attr: string): Obj => ({ 'Fn::GetAtt': [id, attr] });
const statement = (action: Json, resource: Json, extra: Obj = {}): Obj => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});
const policyDoc = (statements: Obj[]): Obj => ({ Version: '2012-10-17', Statement: statements });
const lambdaTrust = policyDoc([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);

/** A resource kind: adds its resources (ids prefixed with `p`) and returns its kind label. */
type Kind = (p: string, r: Obj, pick: <T>(xs: readonly T[]) => T) => string;

const KINDS: Kind[] = [
  (p, r) => {
    r[`${p}Topic`] = { Type: 'AWS::SNS::Topic', Properties: { TopicName: sub(`\${AWS::StackName}-${p}`) } };
    return 'topic';
  },
  (p, r, pick) => {
    const open = pick([false, false, true]);
    r[`${p}Queue`] = { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 345600 } };
    r[`${p}QueuePolicy`] = {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [ref(`${p}Queue`)],
        PolicyDocument: policyDoc([
          {
            Effect: 'Allow',
            Principal: open ? '*' : { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: getAtt(`${p}Queue`, 'Arn'),
            ...(open
              ? {}
              : { Condition: { ArnEquals: { 'aws:SourceArn': sub('arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:feed') } } }),
          },
        ]),
      },
    };
    return open ? 'queue:open-policy' : 'queue';
  },
  (p, r) => {
    r[`${p}Bucket`] = {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      },
    };
    r[`${p}BucketPolicy`] = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: ref(`${p}Bucket`),
        PolicyDocument: policyDoc([
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [getAtt(`${p}Bucket`, 'Arn'), sub(`\${${p}Bucket.Arn}/*`)],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ]),
      },
    };
    return 'bucket';
  },
  (p, r, pick) => {
    const fault = pick(['none', 'none', 'wildcard-action', 'star-resource', 'passrole']);
    const statements: Obj[] = [statement(['s3:GetObject', 's3:PutObject'], sub(`arn:\${AWS::Partition}:s3:::${p.toLowerCase()}-data/*`))];
    if (fault === 'wildcard-action') statements.push(statement('*', '*'));
    if (fault === 'star-resource') statements.push(statement(['sqs:SendMessage', 'sqs:DeleteMessage'], '*'));
    if (fault === 'passrole') statements.push(statement('iam:PassRole', sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${p}-*`)));
    statements.push(statement(['ec2:DescribeInstances', 'ec2:DescribeSubnets'], '*'));
    r[`${p}Role`] = {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: lambdaTrust, Policies: [{ PolicyName: 'app', PolicyDocument: policyDoc(statements) }] },
    };
    return `role:${fault}`;
  },
  (p, r, pick) => {
    const subject = pick(['repo:octo-org/app:ref:refs/heads/main', 'repo:octo-org/app:environment:prod', 'repo:octo-org/*']);
    r[`${p}DeployRole`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: policyDoc([
          {
            Effect: 'Allow',
            Principal: {
              Federated: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com' },
            },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
              [subject.endsWith('*') ? 'StringLike' : 'StringEquals']: { 'token.actions.githubusercontent.com:sub': subject },
            },
          },
        ]),
        Policies: [
          {
            PolicyName: 'deploy',
            PolicyDocument: policyDoc([
              statement('cloudformation:DescribeStacks', {
                'Fn::Sub': 'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${AWS::StackName}/*',
              }),
            ]),
          },
        ],
      },
    };
    return subject.endsWith('*') ? 'oidc:any-repo' : 'oidc';
  },
  (p, r, pick) => {
    const days = pick([7, 30, 90, null]);
    r[`${p}Logs`] = {
      Type: 'AWS::Logs::LogGroup',
      Properties: days === null ? { LogGroupName: sub(`/app/\${AWS::StackName}/${p}`) } : { RetentionInDays: days },
    };
    return days === null ? 'logs:no-retention' : 'logs';
  },
  (p, r) => {
    r[`${p}Vpc`] = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true } };
    r[`${p}Subnet`] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref(`${p}Vpc`), CidrBlock: '10.0.1.0/24' } };
    r[`${p}Eip`] = { Type: 'AWS::EC2::EIP', Condition: 'WithNat', Properties: { Domain: 'vpc' } };
    r[`${p}Nat`] = {
      Type: 'AWS::EC2::NatGateway',
      Condition: 'WithNat',
      Properties: { SubnetId: ref(`${p}Subnet`), AllocationId: getAtt(`${p}Eip`, 'AllocationId') },
    };
    return 'nat';
  },
  (p, r, pick) => {
    r[`${p}FnRole`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: lambdaTrust,
        ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')],
      },
    };
    r[`${p}Fn`] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: pick(['python3.12', 'nodejs20.x']),
        Handler: 'index.handler',
        Role: getAtt(`${p}FnRole`, 'Arn'),
        MemorySize: pick([128, 256, 512]),
        Timeout: 10,
        Code: { ZipFile: 'def handler(event, context):\n    return {"ok": True}\n' },
      },
    };
    return 'function';
  },
  (p, r, pick) => {
    const provisioned = pick([false, true]);
    r[`${p}Table`] = {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        ...(provisioned ? { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } } : { BillingMode: 'PAY_PER_REQUEST' }),
      },
    };
    return provisioned ? 'table:provisioned' : 'table';
  },
  (p, r, pick) => {
    r[`${p}Cluster`] = { Type: 'AWS::ECS::Cluster', Properties: {} };
    r[`${p}TaskDef`] = {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        RequiresCompatibilities: ['FARGATE'],
        NetworkMode: 'awsvpc',
        Cpu: '256',
        Memory: '512',
        ContainerDefinitions: [
          { Name: 'app', Image: 'public.ecr.aws/nginx/nginx:latest', Essential: true, PortMappings: [{ ContainerPort: 80 }] },
        ],
      },
    };
    r[`${p}Service`] = {
      Type: 'AWS::ECS::Service',
      Properties: {
        Cluster: ref(`${p}Cluster`),
        LaunchType: 'FARGATE',
        TaskDefinition: ref(`${p}TaskDef`),
        DesiredCount: pick([0, 1]),
        NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED', Subnets: ref('SubnetIds') } },
      },
    };
    return 'service';
  },
];

const SHORT: Record<string, string> = { Ref: '!Ref', 'Fn::Sub': '!Sub', 'Fn::GetAtt': '!GetAtt' };

/** YAML with short-form tags where a one-key map is an intrinsic: `!Ref X`, `!Sub "…"`, `!GetAtt [A, B]`. */
function toShortFormYaml(template: Obj): string {
  const doc = new Document(template);
  visit(doc, {
    Map(_, map) {
      const [pair] = map.items;
      if (map.items.length !== 1 || !pair || !isScalar(pair.key)) return undefined;
      const tag = SHORT[String(pair.key.value)];
      if (tag === undefined) return undefined;
      const node = pair.value as Node;
      if (isMap(node)) return undefined;
      node.tag = tag;
      return node;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** The corpus, in memory. */
export function generateCorpus(options: CorpusOptions = {}): CorpusTemplate[] {
  const count = options.count ?? 520;
  const rand = random(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const corpus: CorpusTemplate[] = [];
  for (let i = 1; i <= count; i++) {
    const resources: Obj = {};
    const kinds: string[] = [];
    const n = 2 + Math.floor(rand() * 7);
    for (let k = 0; k < n; k++) kinds.push((pick(KINDS) as Kind)(`R${k}`, resources, pick));
    const template: Obj = {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `Generated template ${i} for the fargate-oidc lint benchmark (${kinds.join(', ')}).`,
      Parameters: {
        Env: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] },
        WithNatGateway: { Type: 'String', Default: pick(['false', 'true']), AllowedValues: ['false', 'true'] },
        SubnetIds: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-0123456789abcdef0' },
      },
      Conditions: { IsProd: { 'Fn::Equals': [ref('Env'), 'prod'] }, WithNat: { 'Fn::Equals': [ref('WithNatGateway'), 'true'] } },
      Resources: resources,
      Outputs: { StackEnv: { Value: { 'Fn::If': ['IsProd', 'production', ref('Env')] } } },
    };
    const json = rand() < 0.33;
    corpus.push({
      name: `t${String(i).padStart(4, '0')}.${json ? 'json' : 'yaml'}`,
      text: json ? `${JSON.stringify(template, null, 2)}\n` : toShortFormYaml(template),
      kinds,
    });
  }
  return corpus;
}
