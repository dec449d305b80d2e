/**
 * `npm run record-transcript`: bundles the CLI, starts the local AWS (scripts/local-aws/server.py on a free port),
 * runs the deploy transcript's commands through the CLI against it, and writes the masked output
 * into docs/deploy.md. Run it after a change to what deploy prints or to the default template;
 * test/transcript.e2e.test.ts fails until then.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DOC, recordTranscript, writeTranscript } from './transcript';

const ROOT = resolve(__dirname, '..');

async function startLocalAws(): Promise<{ endpoint: string; stop: () => void }> {
  const server = spawn('python3', [join(ROOT, 'scripts', 'local-aws', 'server.py'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise<string>((ok, fail) => {
    server.stdout.on('data', (b: Buffer) => {
      const m = / at (http:\/\/127\.0\.0\.1:\d+)$/m.exec(b.toString('utf8'));
      if (m?.[1]) ok(m[1]);
    });
    server.once('exit', (code) => fail(new Error(`the local AWS exited (${code}) before it was ready`)));
  });
  return { endpoint, stop: () => server.kill('SIGTERM') };
}

async function run(): Promise<void> {
  process.chdir(ROOT);
  const aws = await startLocalAws();
  try {
    const transcript = await recordTranscript(aws.endpoint, join(ROOT, 'dist', 'transcript', 'cli.cjs'), ROOT);
    const file = join(ROOT, DOC);
    writeFileSync(file, writeTranscript(readFileSync(file, 'utf8'), transcript));
    process.stderr.write(`Wrote the transcript (${transcript.length} lines) into ${DOC}.\n`);
  } finally {
    aws.stop();
  }
}

run().catch((e: unknown) => {
  process.stderr.write(`record-transcript: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
