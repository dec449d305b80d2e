/** The one S3 call: uploading a template too large to send as a body. */
import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { withContext } from './cloudformation';

/**
 * Puts the template at `fargate-oidc/STACK/SHA256.yaml|json` in `bucket` and returns the URL
 * CloudFormation reads it from (the bucket must be in the stack's region).
 */
export async function uploadTemplate(
  s3: S3Client,
  bucket: string,
  stackName: string,
  body: string,
  extension: 'yaml' | 'json',
): Promise<string> {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const key = `fargate-oidc/${stackName}/${hash}.${extension}`;
  await withContext(`uploading the template to s3://${bucket}/${key} (PutObject)`, () =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/plain' })),
  );
  const region = await s3.config.region();
  return `https://${bucket}.s3.${region}.amazonaws.com/${key}`;
}
