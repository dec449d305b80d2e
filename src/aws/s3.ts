/** The S3 call of `deploy`: uploading a template too large to send as a body. */
import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { CallContext } from './call';
import { objectUrl, putTemplateObject } from './s3-publish';

/**
 * Puts the template at `fargate-oidc/STACK/SHA256.yaml|json` in `bucket` and returns the URL
 * CloudFormation reads it from (the bucket must be in the stack's region). Bucket names with
 * dots get a path-style URL: the virtual-host certificate does not cover them. The upload shares
 * the deploy's call context (retries, Ctrl-C, deadline).
 */
export async function uploadTemplate(
  s3: S3Client,
  bucket: string,
  stackName: string,
  body: string,
  extension: 'yaml' | 'json',
  ctx: CallContext,
): Promise<string> {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const key = `fargate-oidc/${stackName}/${hash}.${extension}`;
  await putTemplateObject(s3, bucket, key, body, ctx);
  return objectUrl(bucket, await s3.config.region(), key);
}
