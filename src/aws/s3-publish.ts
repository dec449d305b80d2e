/**
 * The S3 calls of `publish`: where a bucket is (GetBucketLocation), and putting the template
 * under a content-hashed key. Both go through src/aws/call.ts (retries, Ctrl-C, deadline).
 * PutObject of a content-hashed key is retried after a lost answer too: putting the same body
 * under the same key again leaves the same object.
 */
import { createHash } from 'node:crypto';
import { GetBucketLocationCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { awsCall, type CallContext } from './call';
import { withContext } from './cloudformation';
import { errorName } from './errors';
import { UserError } from '../errors';

/**
 * The region of a LocationConstraint: none (null or empty) is us-east-1, and the legacy `EU`
 * is eu-west-1.
 */
export function regionOfLocation(constraint: string | null | undefined): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

/** The header S3 puts on a redirect to the bucket's own region. */
function redirectRegion(e: unknown): string | undefined {
  const response = (e as { $response?: { headers?: { [key: string]: string | undefined } } }).$response;
  const region = response?.headers?.['x-amz-bucket-region'];
  return region || undefined;
}

/** GetBucketLocation: the region the bucket is in. */
export async function bucketRegion(s3: S3Client, bucket: string, ctx: CallContext): Promise<string> {
  const doing = `finding the region of bucket ${bucket} (GetBucketLocation)`;
  try {
    const r = await awsCall(ctx, doing, (abortSignal) => s3.send(new GetBucketLocationCommand({ Bucket: bucket }), { abortSignal }), {
      passThrough: (e) => errorName(e) === 'NoSuchBucket' || redirectRegion(e) !== undefined,
    });
    return regionOfLocation(r.LocationConstraint);
  } catch (e) {
    if (e instanceof UserError) throw e; // Ctrl-C, the deadline, or the one-line error of awsCall
    const name = errorName(e);
    if (name === 'NoSuchBucket') {
      throw new UserError(
        `Bucket ${bucket} does not exist (GetBucketLocation: NoSuchBucket). Create it in the stack's region, or check --bucket.`,
      );
    }
    // Asked in the wrong region, S3 may answer with a redirect that names the right one.
    const redirected = redirectRegion(e);
    if (
      redirected &&
      /PermanentRedirect|AuthorizationHeaderMalformed|IllegalLocationConstraint|301/.test(`${name} ${String((e as Error).message)}`)
    ) {
      return redirected;
    }
    return withContext(doing, () => Promise.reject(e));
  }
}

/** `PREFIX` as a key prefix: no leading slash, one trailing slash (empty stays empty). */
export function normalizePrefix(prefix: string): string {
  const p = prefix.replace(/^\/+/, '').replace(/\/+$/, '');
  return p === '' ? '' : `${p}/`;
}

/** `PREFIXtemplate-SHA256.yaml`: the first 16 hex digits of the body's SHA-256. */
export function contentHashedKey(prefix: string, body: string, extension: 'yaml' | 'json'): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return `${normalizePrefix(prefix)}template-${hash}.${extension}`;
}

/**
 * The HTTPS URL CloudFormation reads the object from: virtual-hosted style, or path style for
 * bucket names with dots (which the wildcard certificate does not cover). Each key segment is
 * percent-encoded.
 */
export function objectUrl(bucket: string, region: string, key: string): string {
  const path = key.split('/').map(encodeURIComponent).join('/');
  return bucket.includes('.')
    ? `https://s3.${region}.amazonaws.com/${bucket}/${path}`
    : `https://${bucket}.s3.${region}.amazonaws.com/${path}`;
}

/** PutObject of a template. */
export async function putTemplateObject(s3: S3Client, bucket: string, key: string, body: string, ctx: CallContext): Promise<void> {
  await awsCall(ctx, `uploading the template to s3://${bucket}/${key} (PutObject)`, (abortSignal) =>
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: key.endsWith('.json') ? 'application/json' : 'text/yaml',
      }),
      { abortSignal },
    ),
  );
}
