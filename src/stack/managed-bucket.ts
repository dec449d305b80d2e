/**
 * Where `deploy` sends a template from: the body itself when it fits CloudFormation's
 * 51,200-byte `TemplateBody` limit, else an S3 URL (up to 1,000,000 bytes). The bucket is the
 * one `--s3-bucket` names, or the tool's managed bucket, as `sam deploy` does with its managed
 * stack: one per account and region, made on first use by a small stack of its own
 * ({@link MANAGED_BUCKET_STACK}), private, encrypted, TLS-only, and emptied of old templates by
 * a lifecycle rule. `destroy` never removes it (other stacks' deploys use it); the deploy
 * and destroy documentation says how to.
 *
 * Sources: CloudFormation quotas (template body 51,200 bytes in a request, 1 MB in S3),
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html ;
 * SAM's managed bucket, https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-deploy.html
 * (`--resolve-s3`), both read 2026-12-06.
 */
import { CreateStackCommand, type Stack } from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';
import { awsCall, OutcomeUnknownError } from '../aws/call';
import { describeStack, type Cfn, type TemplateBodyOrUrl } from '../aws/cloudformation';
import { errorName } from '../aws/errors';
import { pollUntil } from '../aws/poll';
import { uploadTemplate } from '../aws/s3';
import { StackStateError } from '../errors';
import { TEMPLATE_BODY_LIMIT } from '../template/quotas';

/** The managed bucket's stack: one per account and region. */
export const MANAGED_BUCKET_STACK = 'fargate-oidc-managed-bucket';
/** Days after which an uploaded template expires from the managed bucket. */
export const TEMPLATE_EXPIRY_DAYS = 30;
/** The managed stack's output that names the bucket. */
const BUCKET_OUTPUT = 'BucketName';

/**
 * The managed bucket's template: S3-managed encryption, every public access blocked, ACLs off
 * (bucket owner enforced), a policy that refuses any request without TLS, and a lifecycle rule
 * that expires templates after {@link TEMPLATE_EXPIRY_DAYS} days (deploys read them only while
 * they run). Retained when its stack is deleted, as SAM's is: it may still hold templates.
 */
export function managedBucketTemplate(): string {
  const bucketArn = { 'Fn::GetAtt': ['Bucket', 'Arn'] };
  return JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'fargate-oidc managed bucket: templates over 51,200 bytes that fargate-oidc deploy sends through S3.',
    Resources: {
      Bucket: {
        Type: 'AWS::S3::Bucket',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          LifecycleConfiguration: {
            Rules: [
              {
                Id: 'ExpireOldTemplates',
                Status: 'Enabled',
                ExpirationInDays: TEMPLATE_EXPIRY_DAYS,
                AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
              },
            ],
          },
          Tags: [{ Key: 'managed-by', Value: 'fargate-oidc' }],
        },
      },
      BucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Bucket' },
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'TlsOnly',
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: [bucketArn, { 'Fn::Sub': '${Bucket.Arn}/*' }],
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          },
        },
      },
    },
    Outputs: { [BUCKET_OUTPUT]: { Description: 'The managed bucket.', Value: { Ref: 'Bucket' } } },
  });
}

/** What {@link chooseTemplateSource} is given. */
export interface TemplateSourceOptions {
  /** The template's text. */
  body: string;
  /** Its format, for the uploaded key's extension. */
  extension: 'yaml' | 'json';
  /** The stack being deployed (names the uploaded key). */
  stackName: string;
  /** `--s3-bucket`: upload there instead of the managed bucket, whatever the size. */
  s3Bucket?: string;
}

/** What {@link chooseTemplateSource} calls and prints with. */
export interface TemplateSourceDeps {
  /** CloudFormation with the deploy's call context (retries, Ctrl-C, deadline). */
  cfn: Cfn;
  /** Made only when the template goes through S3; in the stack's region. */
  s3: () => Promise<S3Client>;
  /** Prints one line of progress. */
  line: (text: string) => void;
}

/**
 * The template as CloudFormation should read it: the body when it fits 51,200 bytes and no
 * bucket is named; else uploaded to `--s3-bucket` or the managed bucket (made on first use).
 */
export async function chooseTemplateSource(o: TemplateSourceOptions, d: TemplateSourceDeps): Promise<TemplateBodyOrUrl> {
  const bytes = Buffer.byteLength(o.body);
  if (o.s3Bucket === undefined && bytes <= TEMPLATE_BODY_LIMIT) return { TemplateBody: o.body };
  let bucket = o.s3Bucket;
  if (bucket === undefined) {
    d.line(
      `The template is over ${TEMPLATE_BODY_LIMIT} bytes: it goes through the managed bucket of stack ${MANAGED_BUCKET_STACK} (--s3-bucket to choose one).`,
    );
    bucket = await ensureManagedBucket(d.cfn, d.line);
  }
  const url = await uploadTemplate(await d.s3(), bucket, o.stackName, o.body, o.extension, d.cfn);
  d.line(`Uploaded the template to ${url}${o.s3Bucket === undefined ? ` (managed bucket ${bucket})` : ''}`);
  return { TemplateURL: url };
}

/** The managed stack failed or is stuck: what to do about it. */
export class ManagedBucketError extends StackStateError {}

const READY = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE']);

/** The managed bucket's name, creating its stack first when this account and region has none. */
export async function ensureManagedBucket(cfn: Cfn, line: (text: string) => void): Promise<string> {
  let stack = await describeStack(cfn, MANAGED_BUCKET_STACK);
  if (!stack) {
    line(`Creating stack ${MANAGED_BUCKET_STACK} (the managed bucket, once per account and region)...`);
    await createManagedStack(cfn);
    stack = await describeStack(cfn, MANAGED_BUCKET_STACK);
  }
  if (stack?.StackStatus?.endsWith('_IN_PROGRESS')) {
    stack = await pollUntil(
      () => describeStack(cfn, MANAGED_BUCKET_STACK),
      (s) => !s?.StackStatus?.endsWith('_IN_PROGRESS'),
      { ctx: cfn, atDeadline: () => `Reached the time limit while stack ${MANAGED_BUCKET_STACK} was being created; run the deploy again.` },
    );
  }
  return bucketOf(stack);
}

/** CreateStack of the managed stack; one created at the same time by another deploy is as good. */
async function createManagedStack(cfn: Cfn): Promise<void> {
  try {
    await awsCall(
      cfn,
      `creating stack ${MANAGED_BUCKET_STACK} (CreateStack)`,
      (abortSignal) =>
        cfn.client.send(
          new CreateStackCommand({
            StackName: MANAGED_BUCKET_STACK,
            TemplateBody: managedBucketTemplate(),
            Tags: [{ Key: 'managed-by', Value: 'fargate-oidc' }],
          }),
          { abortSignal },
        ),
      { mutating: true, passThrough: (e) => errorName(e) === 'AlreadyExistsException' },
    );
  } catch (e) {
    // A lost answer or a concurrent create: the stack's state, read next, tells.
    if (e instanceof OutcomeUnknownError || errorName(e) === 'AlreadyExistsException') return;
    throw e;
  }
}

/** The bucket name from a settled managed stack, or what to do when it has none. */
function bucketOf(stack: Stack | undefined): string {
  const status = stack?.StackStatus ?? 'missing';
  const bucket = stack?.Outputs?.find((o) => o.OutputKey === BUCKET_OUTPUT)?.OutputValue;
  if (READY.has(status) && bucket) return bucket;
  const reason = stack?.StackStatusReason ? ` (${stack.StackStatusReason})` : '';
  throw new ManagedBucketError(
    `Stack ${MANAGED_BUCKET_STACK}, which holds the managed template bucket, is ${status}${reason}. ` +
      `Delete it (aws cloudformation delete-stack --stack-name ${MANAGED_BUCKET_STACK}) and deploy again, ` +
      "or pass --s3-bucket BUCKET (a bucket in the stack's region you can write to).",
  );
}
