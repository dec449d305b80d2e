/**
 * The default stack, end to end, against the local AWS (`npm run local-aws`: moto with this
 * project's patch layer, scripts/local-aws/): the CLI creates it with its own VPC, the front door
 * and every default resource, updates a parameter, then destroys it; and an app config's
 * environment variable change goes through `build` and `deploy --env`. Everything the stack made
 * is read back from the services, not only the stack's status.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { BlockList } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { main } from '../../src/cli/main';
import { compileTemplate } from '../../src/template/compile';
import { describeWithMoto, motoJson, motoQuery, motoRest, startMoto, type Moto, xmlValues } from '../moto';

const REGION = 'us-east-1';
const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

/** The default template's resources, but for the custom domain's (no DomainName by default). */
function expectedResources(): string[] {
  const resources = compileTemplate().template.Resources as unknown as Record<string, { Condition?: string }>;
  const domainOnly = new Set(['UseCustomDomain', 'CreateDnsRecord']);
  return Object.keys(resources)
    .filter((id) => !domainOnly.has(resources[id]?.Condition ?? ''))
    .sort();
}

// Skipped where moto is not installed, except in CI (CI=true), where a missing moto must fail.
describeWithMoto('the default stack against the local AWS: create, update a parameter, destroy', () => {
  jest.setTimeout(120_000);
  let moto: Moto | undefined;
  let endpoint = '';
  const cfn = (): CloudFormationClient => new CloudFormationClient({ endpoint, region: REGION });

  beforeAll(async () => {
    moto = await startMoto(REGION);
    endpoint = moto.endpoint;
  });
  afterAll(() => moto?.stop());

  const physical = async (stack: string): Promise<Record<string, string>> => {
    const listed = (await cfn().send(new DescribeStackResourcesCommand({ StackName: stack }))).StackResources ?? [];
    return Object.fromEntries(listed.map((r) => [r.LogicalResourceId ?? '', r.PhysicalResourceId ?? '']));
  };

  it('creates it: its own VPC, the front door and every default resource, read back from each service', async () => {
    const expected = expectedResources();
    const r = await cli('deploy', '--stack-name', 'demo', '--parameter', 'GitHubOrg=acme', '--parameter', 'GitHubRepo=web', '--yes');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${expected.length} to add, 0 to modify, 0 to remove, 0 replacements`);
    expect(r.out.some((l) => /^Stack demo: CREATE_COMPLETE in \d+s\.$/.test(l))).toBe(true);

    const listed = (await cfn().send(new DescribeStackResourcesCommand({ StackName: 'demo' }))).StackResources ?? [];
    expect(listed.map((x) => x.LogicalResourceId).sort()).toEqual(expected);
    expect(listed.filter((x) => x.ResourceStatus !== 'CREATE_COMPLETE' || !x.PhysicalResourceId)).toEqual([]);
    const ids = await physical('demo');

    // The network: a VPC with an Amazon-provided IPv6 block; two /24 subnets carved with Fn::Cidr in
    // two zones (the front door's), with a default route to the internet gateway; and the private
    // layout's two IPv6-only subnets, where the task runs, routed out through the egress-only gateway.
    const vpc = await motoQuery(endpoint, 'ec2', { Action: 'DescribeVpcs', 'VpcId.1': ids['Vpc'] ?? '' });
    expect(xmlValues(vpc, 'cidrBlock')).toContain('10.0.0.0/16');
    const vpcIpv6 = xmlValues(vpc, 'ipv6CidrBlock');
    expect(vpcIpv6).toEqual([expect.stringMatching(/\/56$/)]);
    const subnets = await motoQuery(endpoint, 'ec2', {
      Action: 'DescribeSubnets',
      'SubnetId.1': ids['PublicSubnetA'] ?? '',
      'SubnetId.2': ids['PublicSubnetB'] ?? '',
    });
    expect(xmlValues(subnets, 'cidrBlock').sort()).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    expect(xmlValues(subnets, 'availabilityZone').sort()).toEqual(['us-east-1a', 'us-east-1b']);
    const routes = await motoQuery(endpoint, 'ec2', { Action: 'DescribeRouteTables', 'RouteTableId.1': ids['PublicRouteTable'] ?? '' });
    expect(xmlValues(routes, 'gatewayId')).toContain(ids['InternetGateway']);
    const taskSubnets = await motoQuery(endpoint, 'ec2', {
      Action: 'DescribeSubnets',
      'SubnetId.1': ids['TaskSubnetA'] ?? '',
      'SubnetId.2': ids['TaskSubnetB'] ?? '',
    });
    expect(xmlValues(taskSubnets, 'ipv6Native')).toEqual(['true', 'true']);
    expect(xmlValues(taskSubnets, 'cidrBlock')).toEqual([]);
    const inVpc = new BlockList();
    inVpc.addSubnet((vpcIpv6[0] ?? '').split('/')[0] ?? '', 56, 'ipv6');
    const taskIpv6 = xmlValues(taskSubnets, 'ipv6CidrBlock');
    expect(taskIpv6).toEqual([expect.stringMatching(/\/64$/), expect.stringMatching(/\/64$/)]);
    expect(new Set(taskIpv6).size).toBe(2);
    expect(taskIpv6.every((block) => inVpc.check(block.split('/')[0] ?? '', 'ipv6'))).toBe(true);
    expect(xmlValues(taskSubnets, 'availabilityZone').sort()).toEqual(['us-east-1a', 'us-east-1b']);
    const taskRoutes = await motoQuery(endpoint, 'ec2', { Action: 'DescribeRouteTables', 'RouteTableId.1': ids['TaskRouteTable'] ?? '' });
    expect(xmlValues(taskRoutes, 'egressOnlyInternetGatewayId')).toEqual([ids['EgressOnlyInternetGateway']]);
    expect(xmlValues(taskRoutes, 'gatewayId')).not.toContain(ids['InternetGateway']);

    // The front door: its function in the VPC's dual-stack subnets (it reaches the task over IPv6),
    // the HTTP API with its $default route to the function, and the idle check.
    const frontDoor = await motoRest(endpoint, 'lambda', '/2015-03-31/functions/portfolio-front-door/configuration');
    expect(frontDoor.body['VpcConfig']).toMatchObject({
      SubnetIds: [ids['PublicSubnetA'], ids['PublicSubnetB']],
      SecurityGroupIds: [ids['FrontDoorSecurityGroup']],
      Ipv6AllowedForDualStack: true,
    });
    const api = await motoRest(endpoint, 'apigateway', `/v2/apis/${ids['FrontDoorApi']}`);
    expect(api.status).toBe(200);
    expect(api.body['protocolType']).toBe('HTTP');
    const routesOfApi = await motoRest(endpoint, 'apigateway', `/v2/apis/${ids['FrontDoorApi']}/routes`);
    expect(routesOfApi.body['items']).toEqual([
      expect.objectContaining({ routeKey: '$default', target: `integrations/${ids['FrontDoorIntegration']}` }),
    ]);
    // The idle check's schedule is in the stack's own schedule group (Scheduler reads need its name).
    expect(ids['FrontDoorScheduleGroup']).toBe('portfolio-front-door');
    const schedule = await motoRest(
      endpoint,
      'scheduler',
      `/schedules/${ids['FrontDoorIdleCheck']}?groupName=${ids['FrontDoorScheduleGroup']}`,
    );
    expect(schedule.body).toMatchObject({
      GroupName: 'portfolio-front-door',
      ScheduleExpression: 'rate(5 minutes)',
      Target: expect.objectContaining({ Input: '{"idleCheck":true}' }),
    });

    // The GitHub OIDC provider, and the deploy role trusting it.
    expect(ids['GitHubOidcProvider']).toBe(PROVIDER);
    const provider = await motoQuery(endpoint, 'iam', { Action: 'GetOpenIDConnectProvider', OpenIDConnectProviderArn: PROVIDER });
    expect(xmlValues(provider, 'member')).toContain('sts.amazonaws.com');

    // The outputs, which moto left out after a change set.
    const stack = (await cfn().send(new DescribeStacksCommand({ StackName: 'demo' }))).Stacks?.[0];
    const outputs = Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    expect(outputs['AppUrl']).toBe(`https://${ids['FrontDoorApi']}.execute-api.us-east-1.amazonaws.com`);
    expect(outputs['SubnetIds']).toBe(`${ids['TaskSubnetA']},${ids['TaskSubnetB']}`);
    expect(outputs['OidcProviderArn']).toBe(PROVIDER);
  });

  it('updates a parameter: the change set shows the property change on each resource that uses it, and it is applied', async () => {
    const r = await cli('deploy', '--stack-name', 'demo', '--parameter', 'LogRetentionDays=30', '--yes');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const rows = r.out.filter((l) => l.startsWith('Modify '));
    // The app's, the front door's and the deployer's log groups (the deployer is in every configuration).
    expect(rows.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'Modify LogGroup',
      'Modify FrontDoorLogGroup',
      'Modify DeployerLogGroup',
    ]);
    expect(rows.every((l) => /\sno\s+RetentionInDays: 14 → 30$/.test(l))).toBe(true);
    expect(r.out).toContain('0 to add, 3 to modify, 0 to remove, 0 replacements');
    const groups = (await motoJson(endpoint, 'logs', 'Logs_20140328.DescribeLogGroups', {})) as {
      logGroups: { logGroupName: string; retentionInDays: number }[];
    };
    expect(groups.logGroups.map((g) => [g.logGroupName, g.retentionInDays]).sort()).toEqual([
      ['/aws/lambda/portfolio-deployer', 30],
      ['/aws/lambda/portfolio-front-door', 30],
      ['/ecs/portfolio', 30],
    ]);
    const again = await cli('deploy', '--stack-name', 'demo', '--parameter', 'LogRetentionDays=30', '--yes');
    expect(again.out).toContain('No changes: the stack already matches the template and parameters.');
  });

  it('destroys it: the VPC, the API and the stack are gone; the OIDC provider is kept (DeletionPolicy Retain)', async () => {
    const ids = await physical('demo');
    const r = await cli('destroy', '--stack-name', 'demo', '--yes');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out.some((l) => /^Stack demo: DELETE_COMPLETE in \d+s/.test(l))).toBe(true);
    await expect(cfn().send(new DescribeStacksCommand({ StackName: 'demo' }))).rejects.toThrow('Stack with id demo does not exist');
    expect(
      xmlValues(
        await motoQuery(endpoint, 'ec2', { Action: 'DescribeVpcs', 'Filter.1.Name': 'vpc-id', 'Filter.1.Value.1': ids['Vpc'] ?? '' }),
        'vpcId',
      ),
    ).toEqual([]);
    expect((await motoRest(endpoint, 'apigateway', `/v2/apis/${ids['FrontDoorApi']}`)).status).toBe(404);
    expect(xmlValues(await motoQuery(endpoint, 'iam', { Action: 'ListOpenIDConnectProviders' }), 'Arn')).toEqual([PROVIDER]);
  });
});

describeWithMoto('an app config against the local AWS: an environment variable change through build and deploy --env', () => {
  jest.setTimeout(120_000);
  let moto: Moto | undefined;
  let endpoint = '';
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'app-e2e-'));

  const config = (greeting: string): string => `import { defineConfig } from 'fargate-oidc';

export default defineConfig({
  appName: 'demo',
  region: 'us-east-1',
  github: { owner: 'acme', repo: 'web' },
  container: { port: 8080, environment: { GREETING: '${greeting}' } },
  environments: { staging: { deployBranch: 'main' } },
});
`;

  beforeAll(async () => {
    moto = await startMoto(REGION);
    endpoint = moto.endpoint;
    writeFileSync(join(dir, 'fargate-oidc.config.ts'), config('hello'));
    process.chdir(dir);
  });
  afterAll(() => {
    process.chdir(cwd);
    moto?.stop();
  });

  const greeting = async (): Promise<string | undefined> => {
    const ecs = new ECSClient({ endpoint, region: REGION });
    const def = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'demo-staging' }));
    return def.taskDefinition?.containerDefinitions?.[0]?.environment?.find((e) => e.name === 'GREETING')?.value;
  };

  it("creates the environment's stack; a changed variable then replaces the task definition and points the service at it", async () => {
    expect((await cli('build')).code).toBe(0);
    const create = await cli('deploy', '--env', 'staging', '--yes');
    expect(create.err).toEqual([]);
    expect(create.code).toBe(0);
    expect(await greeting()).toBe('hello');

    writeFileSync(join(dir, 'fargate-oidc.config.ts'), config('bonjour'));
    expect((await cli('build')).code).toBe(0);
    expect(readFileSync(join(dir, 'fargate-oidc', 'template.yaml'), 'utf8')).toContain('bonjour');
    const update = await cli('deploy', '--env', 'staging', '--yes');
    expect(update.err).toEqual([]);
    expect(update.code).toBe(0);
    const rows = update.out.filter((l) => /^(Add|Modify|Remove) /.test(l));
    // As in CloudFormation: the task definition is replaced (ContainerDefinitions is create-only),
    // so the service, which refers to it, is modified to run the new revision.
    // The same for the deployer, whose environment names the revision every deploy copies.
    expect(rows).toEqual([
      'Modify  TaskDefinition    AWS::ECS::TaskDefinition  REPLACE      ContainerDefinitions (recreates)',
      'Modify  Service           AWS::ECS::Service         no           TaskDefinition',
      'Modify  DeployerFunction  AWS::Lambda::Function     no           Environment',
    ]);
    expect(update.out).toContain('0 to add, 3 to modify, 0 to remove, 1 replacement');
    expect(await greeting()).toBe('bonjour');
    const ecs = new ECSClient({ endpoint, region: REGION });
    const service = await ecs.send(new DescribeServicesCommand({ cluster: 'demo-staging', services: ['demo-staging'] }));
    const revision = 'arn:aws:ecs:us-east-1:123456789012:task-definition/demo-staging:2';
    expect(service.services?.[0]?.taskDefinition).toBe(revision);
    const deployer = await motoRest(endpoint, 'lambda', '/2015-03-31/functions/demo-staging-deployer/configuration');
    expect(deployer.body['Environment']).toMatchObject({ Variables: { TASK_DEFINITION: revision } });
  });
});
