/**
 * The deploy transcript in docs/deploy.md, recorded from the CLI against the local AWS
 * (`npm run local-aws`): a create of the default stack and a parameter update, as printed, with
 * times, generated ids and hashes masked so a re-run prints the same text. `npm run
 * record-transcript` writes it; test/transcript.e2e.test.ts fails when the docs no longer match
 * what the CLI prints.
 */
import { spawn } from 'node:child_process';

/** Where the transcript goes, between these two lines. */
export const DOC = 'docs/deploy.md';
export const BEGIN = '<!-- transcript: recorded by npm run record-transcript; do not edit -->';
export const END = '<!-- /transcript -->';

/** The commands recorded, as a reader types them (after `npm run -s deploy --`). */
export const COMMANDS: readonly (readonly string[])[] = [
  ['--stack-name', 'portfolio', '--region', 'us-west-2', '--parameters-file', 'params/example.json', '--tags', 'env=prod', '--yes'],
  ['--stack-name', 'portfolio', '--region', 'us-west-2', '--parameter', 'LogRetentionDays=30', '--yes'],
];

/** Masks what changes from run to run: clock times, timestamps, generated ids and names, hashes, durations. */
export function mask(line: string): string {
  return line
    .replace(/\b[0-9a-f]{64}\b/g, '<sha256>')
    .replace(/\/[0-9a-f]{16}\.yaml\b/g, '/<sha256:16>.yaml')
    .replace(/\bfargate-oidc-managed-bucket-bucket-[a-z0-9]{12}\b/g, 'fargate-oidc-managed-bucket-bucket-<id>')
    .replace(/-\d{8}T\d{6}Z\b/g, '-YYYYMMDDTHHMMSSZ')
    .replace(/^\d\d:\d\d:\d\d \+\d+s/, 'hh:mm:ss +0s')
    .replace(/\b(vpc|subnet|sg|igw|rtb|eigw)-[0-9a-f]{8,17}\b/g, '$1-<id>')
    .replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '/<uuid>')
    .replace(/https:\/\/[a-z0-9]{8,10}\.execute-api\./g, 'https://<api-id>.execute-api.')
    .replace(/ in \d+s\./g, ' in 0s.');
}

/** Runs `node cli deploy ...args` with `env`; resolves with its exit code and its stdout and stderr, interleaved as printed. */
function runDeploy(
  cli: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ code: number | null; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', 'exec "$0" "$@" 2>&1', process.execPath, cli, 'deploy', ...args], {
      env,
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let text = '';
    child.stdout.on('data', (b: Buffer) => (text += b.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, lines: text.replace(/\n$/, '').split('\n') }));
  });
}

/**
 * Runs each command with the bundled CLI (`cli`, dist/cli.cjs: what `npm run -s deploy --` runs),
 * without a terminal, against `endpoint`, from `cwd`; returns the masked transcript, `$ ` lines
 * included. Node's own end-of-life note (it depends on the Node version) is left out.
 */
export async function recordTranscript(endpoint: string, cli: string, cwd: string): Promise<string[]> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    NO_COLOR: '1',
  };
  for (const k of ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_SESSION_TOKEN', 'FORCE_COLOR']) delete env[k];
  const lines: string[] = [];
  for (const args of COMMANDS) {
    lines.push(`$ npm run -s deploy -- ${args.join(' ')}`);
    const run = await runDeploy(cli, args, env, cwd);
    lines.push(...run.lines.filter((l) => !l.startsWith('note: Node.js')), '$ echo $?', String(run.code));
  }
  return lines.map(mask);
}

/** The transcript block of `doc` (the lines between the markers, fences excluded), or undefined. */
export function readTranscript(doc: string): string[] | undefined {
  const lines = doc.split('\n');
  const begin = lines.indexOf(BEGIN);
  const end = lines.indexOf(END);
  if (begin < 0 || end < begin) return undefined;
  return lines.slice(begin + 2, end - 1);
}

/** `doc` with its transcript block replaced by `transcript` (in a code fence). */
export function writeTranscript(doc: string, transcript: readonly string[]): string {
  const lines = doc.split('\n');
  const begin = lines.indexOf(BEGIN);
  const end = lines.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${DOC} has no ${BEGIN} ... ${END} block to write the transcript into`);
  return [...lines.slice(0, begin + 1), '```', ...transcript, '```', ...lines.slice(end)].join('\n');
}
