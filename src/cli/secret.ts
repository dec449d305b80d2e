/**
 * `fargate-oidc secret set NAME --app APP --env ENV`: writes a container secret as an SSM
 * SecureString named `/<APP>-<ENV>/<NAME>`, the value read from stdin (never from the command
 * line, where shell history and `ps` would keep it). Ctrl-C (SIGINT) ends the request in flight
 * (exit 130); throttling is retried with one line per retry on stderr, for at most
 * {@link SECRET_TIMEOUT_MS}.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import { ssmClient } from '../aws/clients';
import { realSleep, type Sleep } from '../aws/sleep';
import { putSecureString } from '../aws/ssm';
import { EXIT, UsageError, UserError } from '../errors';
import { SECRET } from './commands';
import { parseCommand, usageText } from './spec';
import { type CommandStop, withStop } from './process-io';

/** `fargate-oidc secret --help`. */
export const SECRET_USAGE = usageText(SECRET);

/** What `secret` needs from outside. */
export interface SecretDeps {
  /** Reads all of stdin. */
  readStdin: () => Promise<string>;
  /** True when stdin is a terminal (then the user types the value and ends it with Ctrl-D). */
  stdinIsTty: boolean;
  /** Builds the SSM client. */
  ssm: (target: { region?: string; profile?: string }) => Promise<SSMClient>;
  /** Pauses between retries (default: a real timer). */
  sleep?: Sleep;
  /** Random number in [0, 1) for the retry jitter (default Math.random). */
  random?: () => number;
}

/** The deadline of the write: two minutes, the retry budget of one call (src/aws/call.ts). */
export const SECRET_TIMEOUT_MS = 120_000;

/** SSM's size limit of a parameter value, by tier, in bytes (AWS Systems Manager User Guide, "Parameter tiers"). */
export const SECRET_TIER_LIMITS = { standard: 4096, advanced: 8192 } as const;

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
  stop?: CommandStop,
): Promise<number> {
  const { values, positionals } = parseCommand(SECRET, argv);
  if (values.help) {
    out(SECRET_USAGE);
    return EXIT.ok;
  }
  if (values.value !== undefined) {
    throw new UserError('--value is refused: a value on the command line stays in shell history and `ps`. Pipe it on stdin instead.');
  }
  const [action, name, ...extra] = positionals;
  if (action !== 'set' || !name || extra.length > 0)
    throw new UsageError('expected "secret set NAME". Run "fargate-oidc secret --help" for its options.');
  if (!NAME.test(name)) throw new UserError(`${name}: a secret's name is the variable the app reads: letters, digits and underscores.`);
  const app = values.app;
  const env = values.env;
  if (!app || !SEGMENT.test(app)) throw new UserError("--app: give the config's appName (lowercase letters, digits, hyphens).");
  if (!env || !SEGMENT.test(env)) throw new UserError('--env: give the environment (lowercase letters, digits, hyphens).');
  const parameterName = values['parameter-name'] ?? `/${app}-${env}/${name}`;

  if (deps.stdinIsTty) err(`Type the value of ${name}, then press Ctrl-D (it is not echoed anywhere else).`);
  let value = await deps.readStdin();
  if (value.endsWith('\n')) value = value.slice(0, value.endsWith('\r\n') ? -2 : -1);
  if (value === '')
    throw new UserError(
      `no value on stdin for ${name}: pipe it in, e.g. printf %s "$${name}" | fargate-oidc secret set ${name} --app ${app} --env ${env}`,
    );
  const tier = values.tier ?? 'standard';
  if (tier !== 'standard' && tier !== 'advanced') throw new UserError(`--tier ${tier}: give standard or advanced.`);
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > SECRET_TIER_LIMITS[tier]) {
    throw new UserError(
      `the value of ${name} is ${bytes} bytes, over SSM's ${SECRET_TIER_LIMITS[tier]}-byte limit for a ${tier} parameter` +
        (tier === 'standard' && bytes <= SECRET_TIER_LIMITS.advanced
          ? '. Re-run with --tier advanced (up to 8,192 bytes; advanced parameters are billed per month), or shorten it.'
          : '. Shorten it, or keep it elsewhere (e.g. S3) and pass its location.'),
    );
  }

  const target = { ...(values.region ? { region: values.region } : {}), ...(values.profile ? { profile: values.profile } : {}) };
  const ssm = await deps.ssm(target);
  return withStop(stop, async (s) => {
    try {
      const ctx = {
        sleep: deps.sleep ?? realSleep,
        now: () => new Date(),
        signal: s.first,
        deadline: Date.now() + SECRET_TIMEOUT_MS,
        onRetry: err,
        ...(deps.random ? { random: deps.random } : {}),
      };
      s.started();
      const version = await putSecureString(
        ssm,
        {
          name: parameterName,
          value,
          ...(values['kms-key'] ? { kmsKeyId: values['kms-key'] } : {}),
          ...(tier === 'advanced' ? { tier: 'Advanced' as const } : {}),
        },
        ctx,
      );
      out(`wrote SecureString ${parameterName}${version === undefined ? '' : ` (version ${version})`}`);
      out(
        `The ${app}-${env} stack reads it with container.secrets.${name}: { ssmParameter: '/\${AppName}/${name}' }; running tasks get it at their next start.`,
      );
    } finally {
      ssm.destroy();
    }
    return EXIT.ok;
  });
}
