/**
 * `fargate-oidc secret set NAME --app APP --env ENV`: writes a container secret as an SSM
 * SecureString named `/<APP>-<ENV>/<NAME>`, the value read from stdin (never from the command
 * line, where shell history and `ps` would keep it).
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import { parseArgs } from 'node:util';
import { ssmClient } from '../aws/clients';
import { putSecureString } from '../aws/ssm';
import { UserError } from '../errors';

export const SECRET_USAGE = `Usage: fargate-oidc secret set NAME --app APP --env ENV [options] < value

Writes the value on stdin as the SSM SecureString /<APP>-<ENV>/<NAME> (or --parameter-name),
overwriting an older version. Reference it in fargate-oidc.config.ts once for every environment:
  container: { secrets: { NAME: { ssmParameter: '/\${AppName}/NAME' } } }
(\${AppName} is each stack's own, e.g. shop-staging). Running tasks keep the old value until they
restart: deploy, or stop and start the app.

  --app APP                  the config's appName (required)
  --env ENV                  the environment (required)
  --parameter-name NAME      write this parameter instead of /<APP>-<ENV>/<NAME>
  --kms-key KEY              KMS key id, alias or ARN (default: the account's aws/ssm key)
  --region REGION            AWS region (default: AWS_REGION, the profile's region, AWS_DEFAULT_REGION)
  --profile PROFILE          profile of ~/.aws/config

Example: printf %s "$DATABASE_URL" | npx --no fargate-oidc secret set DATABASE_URL --app shop --env staging`;

/** What `secret` needs from outside. */
export interface SecretDeps {
  /** Reads all of stdin. */
  readStdin: () => Promise<string>;
  /** True when stdin is a terminal (then the user types the value and ends it with Ctrl-D). */
  stdinIsTty: boolean;
  /** Builds the SSM client. */
  ssm: (target: { region?: string; profile?: string }) => Promise<SSMClient>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SEGMENT = /^[a-z][a-z0-9-]*$/;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const PROCESS_DEPS: SecretDeps = {
  readStdin: () => readAll(process.stdin),
  stdinIsTty: Boolean(process.stdin.isTTY),
  ssm: ssmClient,
};

/** Runs `secret` with command-line arguments; returns the exit code. */
export async function secretCommand(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void,
  deps: SecretDeps = PROCESS_DEPS,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        app: { type: 'string' },
        env: { type: 'string' },
        'parameter-name': { type: 'string' },
        'kms-key': { type: 'string' },
        region: { type: 'string' },
        profile: { type: 'string' },
        value: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n\n${SECRET_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(SECRET_USAGE);
    return 0;
  }
  if (values.value !== undefined) {
    throw new UserError('--value is refused: a value on the command line stays in shell history and `ps`. Pipe it on stdin instead.');
  }
  const [action, name, ...extra] = positionals;
  if (action !== 'set' || !name || extra.length > 0) throw new UserError(`expected "secret set NAME".\n\n${SECRET_USAGE}`);
  if (!NAME.test(name)) throw new UserError(`${name}: a secret's name is the variable the app reads: letters, digits and underscores.`);
  const app = values.app;
  const env = values.env;
  if (!app || !SEGMENT.test(app)) throw new UserError('--app: give the config\'s appName (lowercase letters, digits, hyphens).');
  if (!env || !SEGMENT.test(env)) throw new UserError('--env: give the environment (lowercase letters, digits, hyphens).');
  const parameterName = values['parameter-name'] ?? `/${app}-${env}/${name}`;

  if (deps.stdinIsTty) err(`Type the value of ${name}, then press Ctrl-D (it is not echoed anywhere else).`);
  let value = await deps.readStdin();
  if (value.endsWith('\n')) value = value.slice(0, value.endsWith('\r\n') ? -2 : -1);
  if (value === '') throw new UserError(`no value on stdin for ${name}: pipe it in, e.g. printf %s "$${name}" | fargate-oidc secret set ${name} --app ${app} --env ${env}`);

  const target = { ...(values.region ? { region: values.region } : {}), ...(values.profile ? { profile: values.profile } : {}) };
  const ssm = await deps.ssm(target);
  try {
    const version = await putSecureString(ssm, { name: parameterName, value, ...(values['kms-key'] ? { kmsKeyId: values['kms-key'] } : {}) });
    out(`wrote SecureString ${parameterName}${version === undefined ? '' : ` (version ${version})`}`);
    out(`The ${app}-${env} stack reads it with container.secrets.${name}: { ssmParameter: '/\${AppName}/${name}' }; running tasks get it at their next start.`);
  } finally {
    ssm.destroy();
  }
  return 0;
}
