import { compileTemplate } from '../../src/template/compile';
import { secretAccess, unreadableSecrets } from '../../src/verify/secrets';
import { evaluateTemplate } from '../../src/template/evaluate';
import { ACCOUNT, PHYSICAL, REGION, REQUIRED } from './helpers';

const API_KEY_ARN = 'arn:aws:secretsmanager:us-west-2:111122223333:secret:shop/api-key-AbCdEf';
const PARAMETER_ARN = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/shop/database-url`;

function stack(extensions: Parameters<typeof compileTemplate>[1]) {
  const { plain } = compileTemplate({}, extensions);
  return evaluateTemplate(plain, {
    parameters: REQUIRED,
    pseudo: { 'AWS::AccountId': ACCOUNT, 'AWS::Region': REGION },
    physical: PHYSICAL,
  }).resources;
}

type Props = Record<string, unknown>;
const container = (r: ReturnType<typeof stack>) =>
  ((r['TaskDefinition']?.Properties as Props)['ContainerDefinitions'] as Props[])[0] as Props;

describe('container environment variables and secrets', () => {
  const resources = stack({
    environment: { FLASK_ENV: 'production', LOG_LEVEL: 'info' },
    secrets: { DATABASE_URL: { ssmParameter: '/shop/database-url' }, API_KEY: { secretsManager: API_KEY_ARN } },
  });

  it('puts the variables in the container Environment after PORT', () => {
    expect(container(resources)['Environment']).toEqual([
      { Name: 'PORT', Value: '8000' },
      { Name: 'FLASK_ENV', Value: 'production' },
      { Name: 'LOG_LEVEL', Value: 'info' },
      // The front door's origin secret (the stack id's UUID; see test/template/front-door.test.ts).
      { Name: 'FRONT_DOOR_SECRET', Value: '0f1e2d3c-4b5a-4697-8a7b-6c5d4e3f2a10' },
    ]);
  });

  it('puts the secrets in the container Secrets as full ARNs', () => {
    expect(container(resources)['Secrets']).toEqual([
      { Name: 'DATABASE_URL', ValueFrom: PARAMETER_ARN },
      { Name: 'API_KEY', ValueFrom: API_KEY_ARN },
    ]);
  });

  it('lets the execution role read exactly those two, and decrypt only through SSM and Secrets Manager', () => {
    expect(((resources['TaskExecutionRole']?.Properties as Props)['Policies'] as Props[]).slice(1)).toEqual([
      {
        PolicyName: 'read-container-secrets',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'ReadContainerSsmParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: [PARAMETER_ARN] },
            { Sid: 'ReadContainerSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [API_KEY_ARN] },
            {
              Sid: 'DecryptContainerSecretsViaTheirServices',
              Effect: 'Allow',
              Action: 'kms:Decrypt',
              Resource: [`arn:aws:kms:${REGION}:${ACCOUNT}:key/*`, 'arn:aws:kms:us-west-2:111122223333:key/*'],
              Condition: { StringEquals: { 'kms:ViaService': [`ssm.${REGION}.amazonaws.com`, 'secretsmanager.us-west-2.amazonaws.com'] } },
            },
          ],
        },
      },
    ]);
  });

  it('gives the task role nothing for them', () => {
    expect((resources['TaskRole']?.Properties as Props)['Policies']).toBeUndefined();
  });

  it('takes an SSM parameter given by ARN as it is', () => {
    const arn = 'arn:aws:ssm:eu-west-1:111122223333:parameter/other';
    const r = stack({ secrets: { X: { ssmParameter: arn } } });
    expect(container(r)['Secrets']).toEqual([{ Name: 'X', ValueFrom: arn }]);
    const statements = ((r['TaskExecutionRole']?.Properties as Props)['Policies'] as { PolicyDocument: { Statement: Props[] } }[])[1]
      ?.PolicyDocument.Statement;
    expect(statements?.[1]).toEqual({
      Sid: 'DecryptContainerSecretsViaTheirServices',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: ['arn:aws:kms:eu-west-1:111122223333:key/*'],
      Condition: { StringEquals: { 'kms:ViaService': ['ssm.eu-west-1.amazonaws.com'] } },
    });
  });

  it('without secrets, the container has no Secrets and the execution role only its pull-and-logs policy', () => {
    const r = stack({});
    expect(container(r)['Secrets']).toBeUndefined();
    expect(((r['TaskExecutionRole']?.Properties as Props)['Policies'] as { PolicyName: string }[]).map((p) => p.PolicyName)).toEqual([
      'pull-image-and-write-logs',
    ]);
  });
});

describe('a secret the execution role cannot read', () => {
  const { plain } = compileTemplate(
    {},
    { secrets: { DATABASE_URL: { ssmParameter: '/shop/database-url' }, API_KEY: { secretsManager: API_KEY_ARN } } },
  );
  type Raw = { Resources: Record<string, { Properties: Record<string, unknown> }> };

  it('is none when the secrets come from container.secrets', () => {
    expect(unreadableSecrets(plain)).toEqual([]);
  });

  it('is named, with the action and resource it needs, when the grant is missing', () => {
    const copy = JSON.parse(JSON.stringify(plain)) as Raw;
    const policy = (
      copy.Resources['TaskExecutionRole']?.Properties['Policies'] as { PolicyDocument: { Statement: { Sid: string }[] } }[]
    )[1];
    if (policy) policy.PolicyDocument.Statement = policy.PolicyDocument.Statement.filter((s) => s.Sid !== 'ReadContainerSecrets');
    expect(unreadableSecrets(copy as never)).toEqual([
      `TaskDefinition: secret API_KEY (${API_KEY_ARN}) is not readable by the execution role TaskExecutionRole: it needs secretsmanager:GetSecretValue on ${API_KEY_ARN}. Declare the secret in container.secrets, which grants exactly that.`,
    ]);
  });

  it('reads a json-key reference against the secret itself', () => {
    expect(secretAccess(`${API_KEY_ARN}:password::`)).toEqual({ action: 'secretsmanager:GetSecretValue', resource: API_KEY_ARN });
  });
});
