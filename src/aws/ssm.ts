/**
 * SSM Parameter Store calls: writing a secret for the container (`fargate-oidc secret set`),
 * through src/aws/call.ts (retries, Ctrl-C, deadline). PutParameter with Overwrite is retried
 * after a lost answer too: writing the same value again leaves the same value (one version more).
 */
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { awsCall, type CallContext } from './call';

/** What to write. */
export interface SecureStringInput {
  /** Parameter name, e.g. `/shop-staging/DATABASE_URL`. */
  name: string;
  /** The secret value; never logged. */
  value: string;
  /** KMS key id, alias or ARN; default the account's `aws/ssm` key. */
  kmsKeyId?: string;
  /** `Advanced` for values over 4,096 bytes (up to 8,192; billed); default the standard tier. */
  tier?: 'Advanced';
}

/** Creates or overwrites a SecureString parameter; returns its new version. */
export async function putSecureString(ssm: SSMClient, input: SecureStringInput, ctx: CallContext): Promise<number | undefined> {
  const r = await awsCall(ctx, `writing parameter ${input.name} (ssm:PutParameter)`, (abortSignal) =>
    ssm.send(
      new PutParameterCommand({
        Name: input.name,
        Value: input.value,
        Type: 'SecureString',
        Overwrite: true,
        ...(input.kmsKeyId ? { KeyId: input.kmsKeyId } : {}),
        ...(input.tier ? { Tier: input.tier } : {}),
      }),
      { abortSignal },
    ),
  );
  return r.Version;
}
