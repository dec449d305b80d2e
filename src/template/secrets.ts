/**
 * The container's secrets: ECS reads each one with the execution role when the task starts
 * and hands it to the app as an environment variable, so no value is ever in the template.
 * The execution role may read exactly these: `ssm:GetParameters` on these parameters,
 * `secretsmanager:GetSecretValue` on these secrets, and `kms:Decrypt` only through those
 * services (`kms:ViaService`), as the ECS developer guide describes:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
 */
import { Fn, type PolicyStatement, type Value } from './cfn';
import type { Grant, Grantee } from './grants';
import type { ContainerSecret } from './service';

/** Where one secret's value is kept. Give exactly one of the two fields. */
export interface SecretSource {
  /**
   * Name (`/shop/database-url`) or full ARN of an SSM Parameter Store parameter, ideally a
   * `SecureString`. A name is taken in the stack's own account and region.
   */
  ssmParameter?: string;
  /**
   * Full ARN of a Secrets Manager secret, with the six-character suffix AWS adds
   * (`arn:aws:secretsmanager:us-west-2:111122223333:secret:shop/api-key-AbCdEf`).
   */
  secretsManager?: string;
}

/** The container's secrets and what the execution role needs to read them. */
export interface ContainerSecrets {
  /** The task definition's `Secrets`, in the order given. */
  secrets: ContainerSecret[];
  /** Statements for the execution role: read exactly these, decrypt only through their services. */
  grants: Grant[];
}

const SECRET_ARN = /^arn:(aws[a-z-]*):secretsmanager:([a-z0-9-]+):(\d{12}):secret:.+$/;
const SSM_ARN = /^arn:(aws[a-z-]*):ssm:([a-z0-9-]+):(\d{12}):parameter\/.+$/;

/** The full ARN of an SSM parameter given by name or ARN. */
export function ssmParameterArn(nameOrArn: string): Value<string> {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  const name = nameOrArn.startsWith('/') ? nameOrArn.slice(1) : nameOrArn;
  return Fn.Sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${name}`);
}

/** Where an ARN lives. */
interface Place {
  partition: string;
  region: string;
  account: string;
}

/** Partition, region and account of an ARN, or `undefined` for a name in the stack's own. */
function placeOf(arn: string, pattern: RegExp): Place | undefined {
  const m = pattern.exec(arn);
  return m?.[1] && m[2] && m[3] ? { partition: m[1], region: m[2], account: m[3] } : undefined;
}

/** Secrets as the container's `Secrets` plus the execution role's grants to read them. */
export function containerSecrets(sources: Readonly<Record<string, SecretSource>>, to: Grantee): ContainerSecrets {
  const secrets: ContainerSecret[] = [];
  const parameterArns: Value<string>[] = [];
  const secretArns: string[] = [];
  const keys = new Map<string, Value<string>>();
  const services = new Map<string, Value<string>>();
  const stackKey = Fn.Sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*');
  for (const [name, source] of Object.entries(sources)) {
    if (source.ssmParameter !== undefined) {
      const arn = ssmParameterArn(source.ssmParameter);
      secrets.push({ Name: name, ValueFrom: arn });
      parameterArns.push(arn);
      addService(keys, services, 'ssm', placeOf(source.ssmParameter, SSM_ARN), stackKey);
    } else if (source.secretsManager !== undefined) {
      secrets.push({ Name: name, ValueFrom: source.secretsManager });
      secretArns.push(source.secretsManager);
      addService(keys, services, 'secretsmanager', placeOf(source.secretsManager, SECRET_ARN), stackKey);
    }
  }
  const statements: PolicyStatement[] = [];
  if (parameterArns.length > 0) {
    statements.push({ Sid: 'ReadContainerSsmParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: parameterArns });
  }
  if (secretArns.length > 0) {
    statements.push({ Sid: 'ReadContainerSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArns });
  }
  if (statements.length > 0) {
    // SecureString parameters and secrets are encrypted with KMS keys: decrypt only when SSM
    // or Secrets Manager asks on the role's behalf, never directly.
    statements.push({
      Sid: 'DecryptContainerSecretsViaTheirServices',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: [...keys.values()],
      Condition: { StringEquals: { 'kms:ViaService': [...services.values()] } },
    });
  }
  return { secrets, grants: statements.map((statement) => ({ grantee: to, statement })) };
}

function addService(
  keys: Map<string, Value<string>>,
  services: Map<string, Value<string>>,
  service: 'ssm' | 'secretsmanager',
  place: Place | undefined,
  stackKey: Value<string>,
): void {
  if (place) {
    keys.set(`${place.partition}:${place.region}:${place.account}`, `arn:${place.partition}:kms:${place.region}:${place.account}:key/*`);
    services.set(`${service}.${place.region}`, `${service}.${place.region}.amazonaws.com`);
  } else {
    keys.set('stack', stackKey);
    services.set(`${service}.stack`, Fn.Sub(`${service}.\${AWS::Region}.amazonaws.com`));
  }
}
