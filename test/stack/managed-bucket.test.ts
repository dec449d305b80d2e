/** Where deploy sends a template from: the body, --s3-bucket, or the managed bucket made on first use. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import type { Cfn } from '../../src/aws/cloudformation';
import {
  chooseTemplateSource,
  MANAGED_BUCKET_STACK,
  ManagedBucketError,
  managedBucketTemplate,
  TEMPLATE_EXPIRY_DAYS,
} from '../../src/stack/managed-bucket';

const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
const missing = () => Object.assign(new Error(`Stack with id ${MANAGED_BUCKET_STACK} does not exist`), { name: 'ValidationError' });
const stack = (status: string, bucket?: string): { Stacks: Stack[] } => ({
  Stacks: [
    {
      StackName: MANAGED_BUCKET_STACK,
      StackStatus: status as Stack['StackStatus'],
      CreationTime: new Date(0),
      ...(bucket ? { Outputs: [{ OutputKey: 'BucketName', OutputValue: bucket }] } : {}),
    },
  ],
});

function setup() {
  const cfnMock = mockClient(CloudFormationClient);
  const s3Mock = mockClient(S3Client);
  s3Mock.on(PutObjectCommand).resolves({});
  let t = 0;
  const cfn: Cfn = {
    client: new CloudFormationClient({ region: 'eu-west-1', credentials }),
    sleep: (ms) => {
      t += ms;
      return Promise.resolve();
    },
    now: () => new Date(t),
  };
  const lines: string[] = [];
  const deps = { cfn, s3: () => Promise.resolve(new S3Client({ region: 'eu-west-1', credentials })), line: (l: string) => lines.push(l) };
  return {
    cfnMock,
    s3Mock,
    deps,
    lines,
    restore: () => {
      cfnMock.restore();
      s3Mock.restore();
    },
  };
}

const big = 'x'.repeat(51_201);

describe('chooseTemplateSource', () => {
  it('sends a template of up to 51,200 bytes as the body, with no AWS call', async () => {
    const s = setup();
    const body = 'x'.repeat(51_200);
    expect(await chooseTemplateSource({ body, extension: 'yaml', stackName: 'web' }, s.deps)).toEqual({ TemplateBody: body });
    expect(s.cfnMock.calls()).toHaveLength(0);
    expect(s.s3Mock.calls()).toHaveLength(0);
    s.restore();
  });

  it('uploads to --s3-bucket whatever the size, without touching the managed stack', async () => {
    const s = setup();
    const source = await chooseTemplateSource({ body: 'small', extension: 'json', stackName: 'web', s3Bucket: 'mine' }, s.deps);
    expect(source).toEqual({
      TemplateURL: expect.stringMatching(/^https:\/\/mine\.s3\.eu-west-1\.amazonaws\.com\/fargate-oidc\/web\/[0-9a-f]{16}\.json$/),
    });
    expect(s.cfnMock.calls()).toHaveLength(0);
    s.restore();
  });

  it('creates the managed stack on first use, waits for it, uploads there and names the bucket', async () => {
    const s = setup();
    s.cfnMock
      .on(DescribeStacksCommand)
      .rejectsOnce(missing())
      .resolvesOnce(stack('CREATE_IN_PROGRESS'))
      .resolvesOnce(stack('CREATE_IN_PROGRESS'))
      .resolves(stack('CREATE_COMPLETE', 'fargate-oidc-managed-bucket-bucket-abc123'));
    s.cfnMock.on(CreateStackCommand).resolves({ StackId: 'arn:x' });
    const source = await chooseTemplateSource({ body: big, extension: 'yaml', stackName: 'web' }, s.deps);
    const create = s.cfnMock.commandCalls(CreateStackCommand);
    expect(create).toHaveLength(1);
    expect(create[0]?.args[0].input).toEqual({
      StackName: MANAGED_BUCKET_STACK,
      TemplateBody: managedBucketTemplate(),
      Tags: [{ Key: 'managed-by', Value: 'fargate-oidc' }],
    });
    const put = s.s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(put?.Bucket).toBe('fargate-oidc-managed-bucket-bucket-abc123');
    expect(source).toEqual({ TemplateURL: `https://fargate-oidc-managed-bucket-bucket-abc123.s3.eu-west-1.amazonaws.com/${put?.Key}` });
    expect(s.lines.join('\n')).toContain(`Creating stack ${MANAGED_BUCKET_STACK}`);
    expect(s.lines.at(-1)).toContain('(managed bucket fargate-oidc-managed-bucket-bucket-abc123)');
    s.restore();
  });

  it('reuses an existing managed stack (no CreateStack)', async () => {
    const s = setup();
    s.cfnMock.on(DescribeStacksCommand).resolves(stack('UPDATE_COMPLETE', 'b1'));
    await chooseTemplateSource({ body: big, extension: 'yaml', stackName: 'web' }, s.deps);
    expect(s.cfnMock.commandCalls(CreateStackCommand)).toHaveLength(0);
    expect(s.s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.Bucket).toBe('b1');
    s.restore();
  });

  it('takes a stack another deploy created at the same moment (AlreadyExistsException)', async () => {
    const s = setup();
    s.cfnMock.on(DescribeStacksCommand).rejectsOnce(missing()).resolves(stack('CREATE_COMPLETE', 'b2'));
    s.cfnMock.on(CreateStackCommand).rejects(Object.assign(new Error('exists'), { name: 'AlreadyExistsException' }));
    await chooseTemplateSource({ body: big, extension: 'yaml', stackName: 'web' }, s.deps);
    expect(s.s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.Bucket).toBe('b2');
    s.restore();
  });

  it('stops with what to do when the managed stack failed, uploading nothing', async () => {
    const s = setup();
    s.cfnMock
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [{ ...stack('ROLLBACK_COMPLETE').Stacks[0], StackStatusReason: 'Access Denied' } as Stack] });
    const run = chooseTemplateSource({ body: big, extension: 'yaml', stackName: 'web' }, s.deps);
    await expect(run).rejects.toThrow(ManagedBucketError);
    await expect(chooseTemplateSource({ body: big, extension: 'yaml', stackName: 'web' }, s.deps)).rejects.toThrow(
      `Stack ${MANAGED_BUCKET_STACK}, which holds the managed template bucket, is ROLLBACK_COMPLETE (Access Denied). ` +
        `Delete it (aws cloudformation delete-stack --stack-name ${MANAGED_BUCKET_STACK}) and deploy again, ` +
        "or pass --s3-bucket BUCKET (a bucket in the stack's region you can write to).",
    );
    expect(s.s3Mock.calls()).toHaveLength(0);
    s.restore();
  });
});

describe('the managed bucket stack', () => {
  const template = JSON.parse(managedBucketTemplate()) as {
    Resources: {
      Bucket: { DeletionPolicy: string; Properties: Record<string, unknown> };
      BucketPolicy: { Properties: { PolicyDocument: { Statement: unknown[] } } };
    };
  };
  const bucket = template.Resources.Bucket;

  it('is private, encrypted, TLS-only, expires old templates, and is kept when its stack is deleted', () => {
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties['BucketEncryption']).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.Properties['PublicAccessBlockConfiguration']).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties['OwnershipControls']).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.Properties['LifecycleConfiguration']).toEqual({
      Rules: [
        {
          Id: 'ExpireOldTemplates',
          Status: 'Enabled',
          ExpirationInDays: TEMPLATE_EXPIRY_DAYS,
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        },
      ],
    });
    expect(template.Resources.BucketPolicy.Properties.PolicyDocument.Statement).toEqual([
      {
        Sid: 'TlsOnly',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, { 'Fn::Sub': '${Bucket.Arn}/*' }],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  it('passes AWS cfn-lint', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'managed-bucket-')), 'bucket.json');
    writeFileSync(file, managedBucketTemplate());
    expect(execFileSync('cfn-lint', [file]).toString()).toBe('');
  });
});
