/** SSM Parameter Store calls: writing a secret for the container (`fargate-oidc secret set`). */
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { describeAwsError } from './errors';

/** What to write. */
export interface SecureStringInput {
  /** Parameter name, e.g. `/shop-staging/DATABASE_URL`. */
  name: string;
  /** The secret value; never logged. */
  value: string;
  /** KMS key id, alias or ARN; default the account's `aws/ssm` key. */
  kmsKeyId?: string;
}

/** Creates or overwrites a SecureString parameter; returns its new version. */
export async function putSecureString(ssm: SSMClient, input: SecureStringInput): Promise<number | undefined> {
  try {
    const r = await ssm.send(
      new PutParameterCommand({
        Name: input.name,
        Value: input.value,
        Type: 'SecureString',
        Overwrite: true,
        ...(input.kmsKeyId ? { KeyId: input.kmsKeyId } : {}),
      }),
    );
    return r.Version;
  } catch (e) {
    const wrapped = describeAwsError(e, `writing parameter ${input.name} (ssm:PutParameter)`);
    wrapped.cause = e;
    throw wrapped;
  }
}
