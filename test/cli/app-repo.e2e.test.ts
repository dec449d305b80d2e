/**
 * The commands in an app repository, through the real command (dist/cli.cjs, bundled here) in a
 * child process whose working directory holds a `fargate-oidc.config.ts` built by `build`:
 * `url --env`, a bare `lint` and `publish --env` (against moto_server's S3) work on the
 * environment's built template, and without --env they refuse with deploy's message.
 */
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { describeWithMoto, type Moto, startMoto } from '../moto';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.cjs');
const FIXTURE = join(__dirname, '..', 'config', 'fixtures', 'shop');
const TEMPLATE_URL = 'https://shop-templates.s3.us-west-2.amazonaws.com/shop/template.yaml';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

describeWithMoto('an app repository: url --env, lint and publish --env through dist/cli.cjs', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let moto: Moto | undefined;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), 'cli'], { cwd: ROOT, stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'shop-app-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const err: string[] = [];
    expect(
      await main(
        ['build', '--config', join(dir, 'fargate-oidc.config.ts')],
        () => undefined,
        (l) => err.push(l),
      ),
    ).toBe(0);
    moto = await startMoto('us-west-2');
  });
  afterAll(() => moto?.stop());

  function cli(args: string[]): Promise<Ran> {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: dir,
      env: {
        PATH: process.env['PATH'],
        HOME: dir,
        AWS_ENDPOINT_URL: moto?.endpoint,
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_REGION: 'us-west-2',
        NO_COLOR: '1',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  const refusal = (command: string, alternative = '--template-file'): string =>
    `fargate-oidc ${command}: this directory has an app config: ${command} one of its environments with --env NAME (or give ${alternative}).`;

  it("url --env staging: the environment's template, parameters and stack name (no GitHubOrg asked for)", async () => {
    const r = await cli(['url', '--env', 'staging', '--template-url', TEMPLATE_URL]);
    expect(r.stderr).toContain('Values checked against: fargate-oidc/template.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stackName=shop-staging');
    expect(r.stdout).toContain(encodeURIComponent(TEMPLATE_URL));
  });

  it.each(['url', 'publish', 'deploy'])("%s without --env refuses with deploy's message (exit 2)", async (command) => {
    const args =
      command === 'url'
        ? ['--template-url', TEMPLATE_URL]
        : command === 'publish'
          ? ['--bucket', 'shop-templates']
          : ['--stack-name', 'shop-staging'];
    const r = await cli([command, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(refusal(command));
  });

  it('destroy without --env or --stack-name refuses with the same message (exit 2)', async () => {
    const r = await cli(['destroy']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(refusal('destroy', '--stack-name'));
  });

  it("a bare lint lints the app's built template, not out/template.yaml", async () => {
    const r = await cli(['lint', '--skip-cfn-lint', '--format', 'json']);
    expect(r.stderr).not.toContain('out/template.yaml');
    expect([0, 1]).toContain(r.code);
    const files = new Set((JSON.parse(r.stdout) as { findings?: { file?: string }[] }).findings?.map((f) => f.file) ?? []);
    for (const file of files) expect(file).toBe('fargate-oidc/template.yaml');
  });

  it("publish --env staging uploads the app's built template (its modules included) and prints a URL for shop-staging", async () => {
    const s3 = new S3Client({
      region: 'us-west-2',
      endpoint: moto?.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'shop-templates', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }));
    const r = await cli(['publish', '--env', 'staging', '--bucket', 'shop-templates']);
    expect(r.stderr).not.toContain('src/template');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stackName=shop-staging');
    const key = /shop-templates\.s3\.us-west-2\.amazonaws\.com\/([^\s)&]+)/.exec(decodeURIComponent(r.stdout))?.[1];
    expect(key).toBeDefined();
    const uploaded = await (await s3.send(new GetObjectCommand({ Bucket: 'shop-templates', Key: key ?? '' }))).Body?.transformToString();
    expect(uploaded).toBe(readFileSync(join(dir, 'fargate-oidc', 'template.yaml'), 'utf8'));
    s3.destroy();
  });
});
