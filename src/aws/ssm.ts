/**
 * SSM Parameter Store calls: writing a secret for the container (`fargate-oidc secret set`),
 * through src/aws/call.ts (retries, Ctrl-C, deadline). PutParameter with Overwrite is retried
 * after a lost answer too: writing the same value again leaves the same value (one version more).
 */
import { GetParametersCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
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

/**
 * Which of `names` do not exist (GetParameters, ten names a call, without decrypting anything:
 * a read-only check that needs only ssm:GetParameters).
 */
export async function missingParameters(ssm: SSMClient, names: readonly string[], ctx: CallContext): Promise<string[]> {
  const missing: string[] = [];
  for (let i = 0; i < names.length; i += 10) {
    const batch = names.slice(i, i + 10);
    const r = await awsCall(ctx, `checking the secrets' parameters (ssm:GetParameters)`, (abortSignal) =>
      ssm.send(new GetParametersCommand({ Names: batch, WithDecryption: false }), { abortSignal }),
    );
    missing.push(...(r.InvalidParameters ?? []));
  }
  return missing;
}
