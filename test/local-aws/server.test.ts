/**
 * `npm run local-aws -- --port P`: moto's server with the patch layer. One line names the
 * endpoint once it listens; Ctrl-C (SIGINT to the terminal's process group) stops it with exit
 * 0; an installed moto other than the pinned one is refused with what to do.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { describeWithMoto, LOCAL_AWS, READY } from '../moto';

const ROOT = join(__dirname, '..', '..');

describeWithMoto('npm run local-aws', () => {
  jest.setTimeout(120_000);

  it('prints one line naming the endpoint when ready, answers there, and Ctrl-C stops it', async () => {
    // Its own process group, as a terminal's foreground job: Ctrl-C signals the whole group.
    const npm = spawn('npm', ['run', '-s', 'local-aws', '--', '--port', '0'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const ready = new Promise<string>((resolve, reject) => {
      npm.stdout.on('data', (b: Buffer) => {
        lines.push(
          ...b
            .toString('utf8')
            .split('\n')
            .filter((l) => l !== ''),
        );
        const m = READY.exec(lines[0] ?? '');
        if (m?.[1]) resolve(m[1]);
      });
      npm.once('exit', (code) => reject(new Error(`exited ${code} before the ready line`)));
    });
    const endpoint = await ready;
    expect(lines[0]).toMatch(/^local AWS \(moto 5\.2\.1 \+ \d+ patches\) at http:\/\/127\.0\.0\.1:\d+$/);
    const cfn = new CloudFormationClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    expect((await cfn.send(new ListStacksCommand({}))).StackSummaries).toEqual([]);
    cfn.destroy();

    const exited = new Promise<string>((resolve) => npm.once('exit', (code, signal) => resolve(`${code} ${signal}`)));
    process.kill(-(npm.pid ?? 0), 'SIGINT');
    // npm passes the interrupt on, as a shell does: it ends by the signal (the server itself exits 0, below).
    expect(['0 null', 'null SIGINT']).toContain(await exited);
    expect(lines).toHaveLength(1);
    await expect(fetch(`${endpoint}/moto-api/`)).rejects.toThrow();
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('the server exits 0 on %s', async (signal) => {
    const child = spawn('python3', [LOCAL_AWS, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (b: Buffer) => READY.test(b.toString('utf8').trim()) && resolve()));
    const exited = new Promise<string>((resolve) => child.once('exit', (code, sig) => resolve(`${code} ${sig}`)));
    child.kill(signal);
    expect(await exited).toBe('0 null');
  });

  it('refuses a moto other than the pinned one, naming both versions and the fix', async () => {
    const requirements = join(mkdtempSync(join(tmpdir(), 'req-')), 'requirements-dev.txt');
    writeFileSync(requirements, 'cfn-lint==1.51.0\nmoto[server]==9.9.9\n');
    const child = spawn('python3', [LOCAL_AWS, '--port', '0', '--requirements', requirements], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toBe(
      "local-aws: moto 5.2.1 is installed, but requirements-dev.txt pins moto 9.9.9; the patches are written against 9.9.9. Install it with 'pip install -r requirements-dev.txt' (or pass --any-moto to try anyway).\n",
    );
  });
});
