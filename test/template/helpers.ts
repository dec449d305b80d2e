import { compileTemplate } from '../../src/template/compile';
import type { Json } from '../../src/template/cfn';
import { evaluateTemplate, type EvaluatedStack } from '../../src/template/evaluate';
import { trustAllows } from '../../src/verify/trust';

export const compiled = compileTemplate();

/** The parameters every stack must be given (the only required ones). */
export const REQUIRED = { GitHubOrg: 'my-org', GitHubRepo: 'portfolio-app' };

export const ACCOUNT = '123456789012';
export const REGION = 'us-west-2';

/** Physical ids a deployed stack would have (defaults, AppName "portfolio"). */
export const PHYSICAL: Record<string, Record<string, string>> = {
  GitHubOidcProvider: { Ref: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
  Repository: {
    Ref: 'portfolio',
    Arn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/portfolio`,
    RepositoryUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/portfolio`,
  },
  Cluster: { Ref: 'portfolio', Arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/portfolio` },
  Service: { Ref: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/portfolio/portfolio`, Name: 'portfolio' },
  TaskExecutionRole: { Arn: `arn:aws:iam::${ACCOUNT}:role/portfolio-task-execution-${REGION}` },
  TaskRole: { Arn: `arn:aws:iam::${ACCOUNT}:role/portfolio-task-${REGION}` },
  GitHubDeployRole: { Arn: `arn:aws:iam::${ACCOUNT}:role/portfolio-github-deploy-${REGION}` },
  DeployerRole: { Arn: `arn:aws:iam::${ACCOUNT}:role/portfolio-deployer-${REGION}` },
  DeployerFunction: { Ref: 'portfolio-deployer', Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:portfolio-deployer` },
  DeployerLogGroup: {
    Ref: '/aws/lambda/portfolio-deployer',
    Arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/portfolio-deployer:*`,
  },
  FrontDoorLastRequest: { Ref: '/portfolio/front-door/last-request' },
  LogGroup: { Ref: '/ecs/portfolio', Arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/portfolio:*` },
  ServiceSecurityGroup: { GroupId: 'sg-0123456789abcdef0' },
  TaskDefinition: { Ref: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/portfolio:1` },
  Vpc: { Ref: 'vpc-0aaaaaaaaaaaaaaaa', Ipv6CidrBlocks: ['2600:1f14:abc:de00::/56'] as unknown as string },
  PublicSubnetA: { Ref: 'subnet-0aaaaaaaaaaaaaaaa' },
  PublicSubnetB: { Ref: 'subnet-0bbbbbbbbbbbbbbbb' },
  TaskSubnetA: { Ref: 'subnet-06666666666666666' },
  TaskSubnetB: { Ref: 'subnet-07777777777777777' },
  EgressOnlyInternetGateway: { Ref: 'eigw-0123456789abcdef0' },
  FrontDoorSecurityGroup: { GroupId: 'sg-0fd0fd0fd0fd0fd00' },
};

/** The template evaluated with the required parameters plus `params`. */
export function resolve(params: Record<string, string> = {}): EvaluatedStack {
  return evaluateTemplate(compiled.plain, {
    parameters: { ...REQUIRED, ...params },
    pseudo: { 'AWS::AccountId': ACCOUNT, 'AWS::Region': REGION },
    physical: PHYSICAL,
  });
}

export interface Statement {
  Sid: string;
  Effect: string;
  Principal?: { Federated?: string; Service?: string };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export function deployRole(params: Record<string, string> = {}): { trust: Statement[]; policy: Statement[] } {
  const role = resolve(params).resources['GitHubDeployRole'];
  if (!role) throw new Error('no deploy role');
  const props = role.Properties as unknown as {
    AssumeRolePolicyDocument: { Statement: Statement[] };
    Policies: { PolicyDocument: { Statement: Statement[] } }[];
  };
  return {
    trust: props.AssumeRolePolicyDocument.Statement,
    policy: props.Policies.flatMap((p) => p.PolicyDocument.Statement),
  };
}

/** The inline policy statements of the role `logicalId` in the stack with `params`. */
export function rolePolicy(logicalId: string, params: Record<string, string> = {}): Statement[] {
  const role = resolve(params).resources[logicalId];
  if (!role) throw new Error(`no ${logicalId}`);
  const props = role.Properties as unknown as { Policies: { PolicyDocument: { Statement: Statement[] } }[] };
  return props.Policies.flatMap((p) => p.PolicyDocument.Statement);
}

export const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Evaluates trust statements for a token (see src/verify/trust.ts). */
export function canAssume(trust: Statement[], token: Record<string, string>, providerArn: string): boolean {
  return trustAllows(trust, providerArn, token);
}

export type { Json };
