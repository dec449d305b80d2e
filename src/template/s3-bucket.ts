/**
 * A private S3 bucket for the app, with grants from the bucket's side (the AWS CDK's
 * `bucket.grantRead(role)`): a user's module adds the bucket and what the app may do with it
 * in one file.
 *
 * ```ts
 * export const assets: TemplateModule = ({ taskRole }) => {
 *   const bucket = s3Bucket('Assets');
 *   return { ...bucket.fragment, grants: bucket.grantRead(taskRole) };
 * };
 * ```
 */
import Bucket from 'cloudform-types/types/s3/bucket';
import { Fn, retainOnDelete, type IntrinsicFunction } from './cfn';
import type { Fragment } from './fragment';
import { grant, type Grant, type Grantee } from './grants';

/** Options of `s3Bucket`. */
export interface S3BucketOptions {
  /** Keep the bucket and its objects when the stack is deleted or the bucket replaced. Default true. */
  retain?: boolean;
}

/** A bucket and what may be done with it. */
export interface S3Bucket {
  /** The bucket resource and its name as an output `<LogicalId>Name`. */
  fragment: Fragment;
  /** `Ref`: the bucket's name. */
  bucketName: IntrinsicFunction;
  /** `Fn::GetAtt Arn`. */
  bucketArn: IntrinsicFunction;
  /** List the bucket and read its objects. */
  grantRead(to: Grantee): Grant[];
  /** List, read, write and delete its objects. */
  grantReadWrite(to: Grantee): Grant[];
}

const LOGICAL_ID = /^[A-Za-z][A-Za-z0-9]{0,200}$/;

/** A private, encrypted bucket with logical id `logicalId` (letters and digits, e.g. `Assets`). */
export function s3Bucket(logicalId: string, o: S3BucketOptions = {}): S3Bucket {
  if (!LOGICAL_ID.test(logicalId)) {
    throw new Error(`s3Bucket("${logicalId}"): a logical id is letters and digits, starting with a letter, e.g. "Assets".`);
  }
  const bucket = new Bucket({
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    Tags: [{ Key: 'app', Value: Fn.Ref('AppName') }],
  });
  const bucketName = Fn.Ref(logicalId);
  const bucketArn = Fn.GetAtt(logicalId, 'Arn');
  const objects = Fn.Sub(`\${${logicalId}.Arn}/*`);
  const sid = (what: string) => `${what}${logicalId}`;
  return {
    fragment: {
      resources: { [logicalId]: o.retain === false ? bucket : retainOnDelete(bucket) },
      outputs: { [`${logicalId}Name`]: { Description: `Name of the ${logicalId} bucket.`, Value: bucketName } },
    },
    bucketName,
    bucketArn,
    grantRead: (to) =>
      grant(
        to,
        { Sid: sid('List'), Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn },
        { Sid: sid('Read'), Effect: 'Allow', Action: 's3:GetObject', Resource: objects },
      ),
    grantReadWrite: (to) =>
      grant(
        to,
        { Sid: sid('List'), Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn },
        { Sid: sid('ReadWrite'), Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: objects },
      ),
  };
}
