import type { StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { destroy, DESTROY_EXIT, type DestroyOptions } from '../../src/stack/destroy';
import { deletionPolicies, destroyPlan } from '../../src/stack/destroy-plan';
import { AwsCallError, StackStateError } from '../../src/errors';
import { compileTemplate } from '../../src/template/compile';
import { type DeleteEvent, type DestroyScenario, fakeDestroy, STACK_ID } from './destroy-fake';

const compiled = compileTemplate();
const PROVIDER_ARN = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

/** The custom domain's resources, which a stack without DomainName does not have. */
const CUSTOM_DOMAIN = ['FrontDoorCertificate', 'FrontDoorDomain', 'FrontDoorApiMapping', 'FrontDoorDnsRecord'];

/** The front door's lines in the plan (PublicAccess https, no custom domain). */
const FRONT_DOOR_LINES = Object.entries(compiled.plain['Resources'] as { [id: string]: { Type: string } })
  .filter(([id]) => id.startsWith('FrontDoor') && !CUSTOM_DOMAIN.includes(id))
  .map(([id, r]) => `delete ${id} ${r.Type} phys-${id}`);

/** The deployer's resources: in every stack. */
const DEPLOYER_LINES = [
  'DeployerLogGroup AWS::Logs::LogGroup',
  'DeployerRole AWS::IAM::Role',
  'DeployerFunction AWS::Lambda::Function',
].map((r) => `delete ${r} phys-${r.split(' ')[0]}`);

/** The stack's resources as CloudFormation lists them after a create with these resources. */
function resources(skip: string[] = []): StackResourceSummary[] {
  return Object.entries(compiled.plain['Resources'] as { [id: string]: { Type: string } })
    .filter(([id]) => !skip.includes(id) && !CUSTOM_DOMAIN.includes(id))
    .map(([id, r]) => ({
      LogicalResourceId: id,
      ResourceType: r.Type,
      PhysicalResourceId: id === 'Repository' ? 'portfolio' : id === 'GitHubOidcProvider' ? PROVIDER_ARN : `phys-${id}`,
      ResourceStatus: 'CREATE_COMPLETE',
      LastUpdatedTimestamp: new Date(0),
    }));
}

const DELETE_EVENTS: DeleteEvent[] = [
  { at: 300, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'DELETE_IN_PROGRESS', reason: 'User Initiated' },
  { at: 1200, id: 'Service', type: 'AWS::ECS::Service', status: 'DELETE_IN_PROGRESS' },
  { at: 4000, id: 'Service', type: 'AWS::ECS::Service', status: 'DELETE_COMPLETE' },
  { at: 4500, id: 'Repository', type: 'AWS::ECR::Repository', status: 'DELETE_COMPLETE' },
  { at: 5000, id: 'GitHubOidcProvider', type: 'AWS::IAM::OIDCProvider', status: 'DELETE_SKIPPED' },
  { at: 7000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'DELETE_COMPLETE' },
];

function scenario(extra: Partial<DestroyScenario> = {}): DestroyScenario {
  return {
    status: 'CREATE_COMPLETE',
    parameters: [
      { ParameterKey: 'GitHubOrg', ParameterValue: 'acme' },
      { ParameterKey: 'ExistingOidcProviderArn', ParameterValue: '' },
      { ParameterKey: 'ExistingVpcId', ParameterValue: '' },
    ],
    resources: resources(),
    templateBody: compiled.yaml,
    events: DELETE_EVENTS,
    ...extra,
  };
}

const opts = (o: Partial<DestroyOptions> = {}): DestroyOptions => ({ stackName: 'web', yes: true, ...o });
const norm = (lines: string[]): string[] => lines.map((l) => l.replace(/\s+/g, ' ').trim());

describe('destroy: the plan', () => {
  it('shows every resource, the OIDC provider kept by its DeletionPolicy Retain, and stops without a terminal or --yes (exit 3)', async () => {
    const f = fakeDestroy(scenario());
    expect(await destroy(opts({ yes: false }), f.deps)).toBe(DESTROY_EXIT.didNotProceed);
    expect(norm(f.lines)).toEqual([
      'Stack web in us-west-2 (CREATE_COMPLETE). Deleting it:',
      'Action Logical id Type Physical id Note',
      `${'-'.repeat(6)} ${'-'.repeat(25)} ${'-'.repeat(40)} ${'-'.repeat(PROVIDER_ARN.length)} ${'-'.repeat(26)}`,
      `keep GitHubOidcProvider AWS::IAM::OIDCProvider ${PROVIDER_ARN} DeletionPolicy Retain`,
      'delete GitHubDeployRole AWS::IAM::Role phys-GitHubDeployRole',
      'delete TaskExecutionRole AWS::IAM::Role phys-TaskExecutionRole',
      'delete TaskRole AWS::IAM::Role phys-TaskRole',
      'delete Repository AWS::ECR::Repository portfolio only if it holds no images',
      'delete LogGroup AWS::Logs::LogGroup phys-LogGroup',
      'delete Vpc AWS::EC2::VPC phys-Vpc',
      'delete VpcIpv6Block AWS::EC2::VPCCidrBlock phys-VpcIpv6Block',
      'delete InternetGateway AWS::EC2::InternetGateway phys-InternetGateway',
      'delete InternetGatewayAttachment AWS::EC2::VPCGatewayAttachment phys-InternetGatewayAttachment',
      'delete PublicRouteTable AWS::EC2::RouteTable phys-PublicRouteTable',
      'delete PublicDefaultRoute AWS::EC2::Route phys-PublicDefaultRoute',
      'delete PublicIpv6DefaultRoute AWS::EC2::Route phys-PublicIpv6DefaultRoute',
      'delete PublicSubnetA AWS::EC2::Subnet phys-PublicSubnetA',
      'delete PublicSubnetB AWS::EC2::Subnet phys-PublicSubnetB',
      'delete PublicSubnetARouteTable AWS::EC2::SubnetRouteTableAssociation phys-PublicSubnetARouteTable',
      'delete PublicSubnetBRouteTable AWS::EC2::SubnetRouteTableAssociation phys-PublicSubnetBRouteTable',
      'delete EgressOnlyInternetGateway AWS::EC2::EgressOnlyInternetGateway phys-EgressOnlyInternetGateway',
      'delete TaskRouteTable AWS::EC2::RouteTable phys-TaskRouteTable',
      'delete TaskIpv6DefaultRoute AWS::EC2::Route phys-TaskIpv6DefaultRoute',
      'delete TaskSubnetA AWS::EC2::Subnet phys-TaskSubnetA',
      'delete TaskSubnetB AWS::EC2::Subnet phys-TaskSubnetB',
      'delete TaskSubnetARouteTable AWS::EC2::SubnetRouteTableAssociation phys-TaskSubnetARouteTable',
      'delete TaskSubnetBRouteTable AWS::EC2::SubnetRouteTableAssociation phys-TaskSubnetBRouteTable',
      'delete NetworkReady AWS::CloudFormation::WaitConditionHandle phys-NetworkReady',
      'delete Cluster AWS::ECS::Cluster phys-Cluster',
      'delete TaskDefinition AWS::ECS::TaskDefinition phys-TaskDefinition',
      'delete ServiceSecurityGroup AWS::EC2::SecurityGroup phys-ServiceSecurityGroup',
      'delete Service AWS::ECS::Service phys-Service',
      ...FRONT_DOOR_LINES,
      ...DEPLOYER_LINES,
      'Not deleted: there is no terminal to ask. Re-run with --yes to delete stack web.',
    ]);
    expect(f.log).toEqual([
      'DescribeStacks web',
      `ListStackResources ${STACK_ID}`,
      `ListStackResources ${STACK_ID} page2`,
      'GetTemplate',
      'ECR client us-west-2',
      'ListImages portfolio',
      'ECR close',
    ]);
  });

  it('with a shared provider (ExistingOidcProviderArn) shows it kept as not a stack resource, and never deletes it', async () => {
    const f = fakeDestroy(
      scenario({
        parameters: [
          { ParameterKey: 'ExistingOidcProviderArn', ParameterValue: PROVIDER_ARN },
          { ParameterKey: 'ExistingVpcId', ParameterValue: 'vpc-0123456789abcdef0' },
          { ParameterKey: 'ExistingSubnetIds', ParameterValue: 'subnet-0123456789abcdef0,subnet-0fedcba9876543210' },
        ],
        resources: resources([
          'GitHubOidcProvider',
          'Vpc',
          'VpcIpv6Block',
          'InternetGateway',
          'InternetGatewayAttachment',
          'PublicRouteTable',
          'PublicDefaultRoute',
          'PublicIpv6DefaultRoute',
          'PublicSubnetA',
          'PublicSubnetB',
          'PublicSubnetARouteTable',
          'PublicSubnetBRouteTable',
          'EgressOnlyInternetGateway',
          'TaskRouteTable',
          'TaskIpv6DefaultRoute',
          'TaskSubnetA',
          'TaskSubnetB',
          'TaskSubnetARouteTable',
          'TaskSubnetBRouteTable',
        ]),
        events: DELETE_EVENTS.filter((e) => e.id !== 'GitHubOidcProvider'),
      }),
    );
    expect(await destroy(opts(), f.deps)).toBe(DESTROY_EXIT.ok);
    const lines = norm(f.lines);
    expect(lines.filter((l) => l.startsWith('keep') || l.startsWith('delete'))).toEqual([
      'delete GitHubDeployRole AWS::IAM::Role phys-GitHubDeployRole',
      'delete TaskExecutionRole AWS::IAM::Role phys-TaskExecutionRole',
      'delete TaskRole AWS::IAM::Role phys-TaskRole',
      'delete Repository AWS::ECR::Repository portfolio only if it holds no images',
      'delete LogGroup AWS::Logs::LogGroup phys-LogGroup',
      'delete NetworkReady AWS::CloudFormation::WaitConditionHandle phys-NetworkReady',
      'delete Cluster AWS::ECS::Cluster phys-Cluster',
      'delete TaskDefinition AWS::ECS::TaskDefinition phys-TaskDefinition',
      'delete ServiceSecurityGroup AWS::EC2::SecurityGroup phys-ServiceSecurityGroup',
      'delete Service AWS::ECS::Service phys-Service',
      ...FRONT_DOOR_LINES,
      ...DEPLOYER_LINES,
      `keep - AWS::IAM::OIDCProvider ${PROVIDER_ARN} not a stack resource: shared GitHub OIDC provider, passed in as ExistingOidcProviderArn`,
      'keep - AWS::EC2::VPC vpc-0123456789abcdef0 not a stack resource: your VPC, passed in as ExistingVpcId',
      'keep - AWS::EC2::Subnet subnet-0123456789abcdef0,subnet-0fedcba9876543210 not a stack resource: your subnets, passed in as ExistingSubnetIds',
    ]);
    expect(lines.slice(-4)).toEqual([
      'Kept:',
      `AWS::IAM::OIDCProvider ${PROVIDER_ARN}, not a stack resource: shared GitHub OIDC provider, passed in as ExistingOidcProviderArn: other stacks may use it`,
      'AWS::EC2::VPC vpc-0123456789abcdef0, not a stack resource: your VPC, passed in as ExistingVpcId',
      'AWS::EC2::Subnet subnet-0123456789abcdef0,subnet-0fedcba9876543210, not a stack resource: your subnets, passed in as ExistingSubnetIds',
    ]);
    expect(f.log.filter((l) => l.startsWith('DeleteStack'))).toEqual([`DeleteStack ${STACK_ID}`]);
  });

  it('reads DeletionPolicy from JSON and YAML templates, and says so when the template cannot be read', async () => {
    expect([...deletionPolicies(compiled.json)]).toEqual([
      ['GitHubOidcProvider', 'Retain'],
      ['LogGroup', 'Delete'],
      ['FrontDoorLogGroup', 'Delete'],
      ['DeployerLogGroup', 'Delete'],
    ]);
    expect([...deletionPolicies(compiled.yaml)]).toEqual([
      ['GitHubOidcProvider', 'Retain'],
      ['LogGroup', 'Delete'],
      ['FrontDoorLogGroup', 'Delete'],
      ['DeployerLogGroup', 'Delete'],
    ]);
    expect([
      ...deletionPolicies(
        'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    DeletionPolicy: Snapshot\n    Properties:\n      X: !Ref Y\n',
      ),
    ]).toEqual([['Db', 'Snapshot']]);
    const plan = destroyPlan(
      [
        {
          LogicalResourceId: 'Db',
          ResourceType: 'AWS::RDS::DBInstance',
          PhysicalResourceId: 'db',
          ResourceStatus: 'CREATE_COMPLETE',
          LastUpdatedTimestamp: new Date(0),
        },
        {
          LogicalResourceId: 'Gone',
          ResourceType: 'AWS::S3::Bucket',
          ResourceStatus: 'DELETE_COMPLETE',
          LastUpdatedTimestamp: new Date(0),
        },
        {
          LogicalResourceId: 'Failed',
          ResourceType: 'AWS::S3::Bucket',
          ResourceStatus: 'CREATE_FAILED',
          LastUpdatedTimestamp: new Date(0),
        },
      ],
      [],
      new Map([['Db', 'Snapshot']]),
    );
    expect(plan.rows).toEqual([
      { action: 'delete', logicalId: 'Db', type: 'AWS::RDS::DBInstance', physicalId: 'db', note: 'a final snapshot is kept' },
      { action: 'delete', logicalId: 'Failed', type: 'AWS::S3::Bucket', physicalId: '', note: 'never created' },
    ]);

    const f = fakeDestroy(scenario({ templateError: 'Template not found' }));
    expect(await destroy(opts({ yes: false }), f.deps)).toBe(DESTROY_EXIT.didNotProceed);
    expect(f.lines).toContain(
      "Could not read the stack's template (Failed reading the template of web (GetTemplate): ValidationError: Template not found): resources with DeletionPolicy Retain are kept, but are not marked above.",
    );
  });
});

describe('destroy: images are never deleted silently', () => {
  const IMAGES = {
    portfolio: [
      { imageDigest: 'sha256:aaa', imageTag: 'latest' },
      { imageDigest: 'sha256:aaa', imageTag: 'v1.0.0' },
      { imageDigest: 'sha256:bbb' },
    ],
  };

  it('refuses when the repository holds images: nothing deleted, exit 4, the way out named', async () => {
    const f = fakeDestroy(scenario({ images: IMAGES }));
    let error: unknown;
    try {
      await destroy(opts(), f.deps);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StackStateError);
    expect((error as StackStateError).exitCode).toBe(4);
    expect((error as Error).message).toBe(
      'The ECR repository portfolio (2 images) still holds images, and images are never deleted silently: nothing was deleted. ' +
        'Re-run with --delete-images to delete them first, or delete or move them yourself (aws ecr list-images --repository-name NAME --region us-west-2).',
    );
    expect(f.log.filter((l) => /Delete/.test(l))).toEqual([]);
    expect(f.log).toContain('ECR close');
  });

  it('with --delete-images empties the repository (each image once) before DeleteStack', async () => {
    const f = fakeDestroy(scenario({ images: IMAGES }));
    expect(await destroy(opts({ deleteImages: true }), f.deps)).toBe(DESTROY_EXIT.ok);
    const order = f.log.filter((l) => /Delete|ListImages/.test(l));
    expect(order).toEqual([
      'ListImages portfolio',
      'BatchDeleteImage portfolio sha256:aaa,sha256:bbb',
      'ListImages portfolio',
      `DeleteStack ${STACK_ID}`,
    ]);
    expect(f.lines).toContain('--delete-images: the images of portfolio (2 images) are deleted first.');
    expect(f.lines).toContain('Deleted 2 images from ECR repository portfolio.');
  });

  it('looks again after deleting, deletes what appeared meanwhile, and gives up (exit 1, stack kept) if images keep coming', async () => {
    const f = fakeDestroy(scenario({ images: IMAGES, refill: [[{ imageDigest: 'sha256:ccc', imageTag: 'new' }]] }));
    expect(await destroy(opts({ deleteImages: true }), f.deps)).toBe(DESTROY_EXIT.ok);
    expect(f.log.filter((l) => /BatchDelete/.test(l))).toEqual([
      'BatchDeleteImage portfolio sha256:aaa,sha256:bbb',
      'BatchDeleteImage portfolio sha256:ccc',
    ]);
    expect(f.lines).toContain('Deleted 3 images from ECR repository portfolio.');

    const busy = Array.from({ length: 9 }, (_, i) => [{ imageDigest: `sha256:n${i}` }]);
    const g = fakeDestroy(scenario({ images: IMAGES, refill: busy }));
    const p = destroy(opts({ deleteImages: true }), g.deps);
    await expect(p).rejects.toThrow(
      'ECR repository portfolio still holds 1 image(s) after deleting 6 (is something pushing to it?). The stack was not deleted; run destroy again once nothing pushes.',
    );
    expect(g.mock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('stops before DeleteStack when an image cannot be deleted (exit 1)', async () => {
    const f = fakeDestroy(scenario({ images: IMAGES, deleteFailures: ['sha256:aaa: ImageReferencedByManifestList Referenced'] }));
    const p = destroy(opts({ deleteImages: true }), f.deps);
    await expect(p).rejects.toBeInstanceOf(AwsCallError);
    await expect(p).rejects.toThrow(
      'Could not delete 1 image(s) of portfolio: sha256:aaa: ImageReferencedByManifestList Referenced. The stack was not deleted.',
    );
    expect(f.mock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('does not look at ECR when the repository is kept or already gone', async () => {
    const f = fakeDestroy(scenario({ resources: resources(['Repository']) }));
    expect(await destroy(opts(), f.deps)).toBe(DESTROY_EXIT.ok);
    expect(f.log.some((l) => l.startsWith('ECR'))).toBe(false);
  });
});

describe('destroy: asking, deleting, following', () => {
  it('in a terminal asks; "no" changes nothing (exit 3), "yes" deletes', async () => {
    const f = fakeDestroy(scenario());
    const questions: string[] = [];
    f.deps.interactive = true;
    f.deps.confirm = (q) => {
      questions.push(q);
      return Promise.resolve(false);
    };
    expect(await destroy(opts({ yes: false }), f.deps)).toBe(DESTROY_EXIT.didNotProceed);
    // Every resource of the compiled template but the retained OIDC provider: derived, so a new module changes nothing here.
    const deleted = Object.entries(compiled.plain['Resources'] as { [id: string]: { DeletionPolicy?: string } }).filter(
      ([id, r]) => r.DeletionPolicy !== 'Retain' && !CUSTOM_DOMAIN.includes(id),
    ).length;
    expect(questions).toEqual([`Delete stack web and its ${deleted} resources marked "delete"? [y/N] `]);
    expect(f.lines.at(-1)).toBe('Not deleted: stack web is unchanged.');
    expect(f.mock.commandCalls(DeleteStackCommand)).toHaveLength(0);

    const g = fakeDestroy(scenario());
    g.deps.interactive = true;
    g.deps.confirm = () => Promise.resolve(true);
    expect(await destroy(opts({ yes: false }), g.deps)).toBe(DESTROY_EXIT.ok);
    expect(g.mock.commandCalls(DeleteStackCommand)).toHaveLength(1);
  });

  it('deletes by stack id, prints each event once as deploy does, and ends with a summary of what was kept', async () => {
    const f = fakeDestroy(scenario());
    expect(await destroy(opts(), f.deps)).toBe(DESTROY_EXIT.ok);
    const after = norm(f.lines.slice(f.lines.indexOf('Deleting stack web (DeleteStack) ...')));
    expect(after).toEqual([
      'Deleting stack web (DeleteStack) ...',
      '10:00:00 +0s web AWS::CloudFormation::Stack DELETE_IN_PROGRESS User Initiated',
      '10:00:01 +1s Service AWS::ECS::Service DELETE_IN_PROGRESS',
      '10:00:04 +4s Service AWS::ECS::Service DELETE_COMPLETE',
      '10:00:04 +4s Repository AWS::ECR::Repository DELETE_COMPLETE',
      '10:00:05 +5s GitHubOidcProvider AWS::IAM::OIDCProvider DELETE_SKIPPED',
      '10:00:07 +7s web AWS::CloudFormation::Stack DELETE_COMPLETE',
      'Stack web: DELETE_COMPLETE in 8s (2 resources deleted).',
      'Kept:',
      `GitHubOidcProvider (AWS::IAM::OIDCProvider) ${PROVIDER_ARN}, DeletionPolicy Retain: delete it in IAM > Identity providers once no other stack or role uses it`,
    ]);
    expect(f.mock.commandCalls(DeleteStackCommand).map((c) => c.args[0].input)).toEqual([
      { StackName: STACK_ID, ClientRequestToken: expect.stringMatching(/^fargate-oidc-/) },
    ]);
    // Polls as deploy does: from 1 s, growing.
    expect(f.sleeps[0]).toBe(1000);
    expect(Math.max(...f.sleeps)).toBeLessThanOrEqual(5000);
  });

  it('retries throttling while following, without repeating events or trusting a status read before the retry', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    const f = fakeDestroy(scenario({ eventErrors: [null, throttled] }));
    const code = await destroy(opts(), f.deps);
    expect(code).toBe(DESTROY_EXIT.ok);
    expect(f.lines.filter((l) => l.startsWith('('))).toEqual([
      expect.stringMatching(/^\(reading the events of web \(DescribeStackEvents\): throttled; retry 1 in \d\.\ds\)$/),
    ]);
    expect(f.lines.filter((l) => l.includes('DELETE_COMPLETE') && l.includes('Service'))).toHaveLength(1);
  });

  it('on DELETE_FAILED prints the root cause and how to retry or retain (exit 1)', async () => {
    const f = fakeDestroy(
      scenario({
        events: [
          DELETE_EVENTS[0]!,
          {
            at: 2000,
            id: 'ServiceSecurityGroup',
            type: 'AWS::EC2::SecurityGroup',
            status: 'DELETE_FAILED',
            reason: 'resource sg-1 has a dependent object',
          },
          {
            at: 3000,
            id: 'web',
            type: 'AWS::CloudFormation::Stack',
            status: 'DELETE_FAILED',
            reason: 'The following resource(s) failed to delete: [ServiceSecurityGroup].',
          },
        ],
      }),
    );
    expect(await destroy(opts(), f.deps)).toBe(DESTROY_EXIT.failed);
    expect(norm(f.lines.slice(-4))).toEqual([
      'Stack web: DELETE_FAILED after 3s. The delete failed.',
      'Root cause:',
      'ServiceSecurityGroup (AWS::EC2::SecurityGroup) DELETE_FAILED: resource sg-1 has a dependent object',
      'Fix the cause and run destroy again, or leave ServiceSecurityGroup behind: aws cloudformation delete-stack --stack-name web --retain-resources ServiceSecurityGroup --region us-west-2.',
    ]);
  });

  it('deletes a DELETE_FAILED stack again, not mistaking the old DELETE_FAILED for the result', async () => {
    const f = fakeDestroy(scenario({ status: 'DELETE_FAILED' }));
    expect(await destroy(opts(), f.deps)).toBe(DESTROY_EXIT.ok);
    expect(f.lines[0]).toBe('Stack web in us-west-2 (DELETE_FAILED). Deleting it:');
    expect(f.lines.at(-3)).toBe('Stack web: DELETE_COMPLETE in 8s (2 resources deleted).');
  });

  it('says there is nothing to delete when the stack does not exist (exit 0)', async () => {
    const f = fakeDestroy({});
    expect(await destroy(opts(), f.deps)).toBe(DESTROY_EXIT.ok);
    expect(f.lines).toEqual(['Stack web does not exist in us-west-2: nothing to delete.']);
  });

  it('refuses while another operation runs (exit 4), and follows a delete already in progress', async () => {
    const f = fakeDestroy(scenario({ status: 'UPDATE_IN_PROGRESS' }));
    await expect(destroy(opts(), f.deps)).rejects.toThrow(
      new StackStateError(
        'Stack web is UPDATE_IN_PROGRESS: another operation is running. Wait for it to finish (aws cloudformation describe-stacks --stack-name web --region us-west-2), then run destroy again.',
      ),
    );
    const g = fakeDestroy(scenario({ status: 'DELETE_IN_PROGRESS' }));
    expect(await destroy(opts(), g.deps)).toBe(DESTROY_EXIT.ok);
    expect(norm(g.lines)).toEqual([
      'Stack web is already being deleted (DELETE_IN_PROGRESS): following it.',
      // Only events from now on: none of the stack's history (its CREATE_COMPLETE).
      '10:00:00 +0s web AWS::CloudFormation::Stack DELETE_IN_PROGRESS User Initiated',
      '10:00:01 +1s Service AWS::ECS::Service DELETE_IN_PROGRESS',
      '10:00:04 +4s Service AWS::ECS::Service DELETE_COMPLETE',
      '10:00:04 +4s Repository AWS::ECR::Repository DELETE_COMPLETE',
      '10:00:05 +5s GitHubOidcProvider AWS::IAM::OIDCProvider DELETE_SKIPPED',
      '10:00:07 +7s web AWS::CloudFormation::Stack DELETE_COMPLETE',
      'Stack web: DELETE_COMPLETE in 8s (2 resources deleted).',
    ]);
    expect(g.mock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('Ctrl-C while following leaves CloudFormation to finish (exit 130); before deleting, deletes nothing', async () => {
    const f = fakeDestroy(scenario());
    const interrupt = new AbortController();
    f.deps.interrupt = interrupt.signal;
    const sleep = f.deps.sleep;
    f.deps.sleep = (ms, signal) => {
      // Once the delete's first stack event was printed.
      if (f.lines.some((l) => / web +AWS::CloudFormation::Stack +DELETE_IN_PROGRESS/.test(l))) interrupt.abort();
      return sleep(ms, signal);
    };
    expect(await destroy(opts(), f.deps)).toBe(DESTROY_EXIT.interrupted);
    expect(f.lines.slice(-3)).toEqual([
      'Stopped following (Ctrl-C). CloudFormation carries on: stack web is DELETE_IN_PROGRESS.',
      `Keep watching: aws cloudformation describe-stack-events --stack-name ${STACK_ID} --region us-west-2`,
      `or wait for it: aws cloudformation wait stack-delete-complete --stack-name ${STACK_ID} --region us-west-2`,
    ]);

    const g = fakeDestroy(scenario());
    const early = new AbortController();
    early.abort();
    g.deps.interrupt = early.signal;
    expect(await destroy(opts(), g.deps)).toBe(DESTROY_EXIT.interrupted);
    expect(g.lines.at(-1)).toBe('Interrupted (Ctrl-C) before deleting: stack web was not deleted.');
    expect(g.mock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });
});
