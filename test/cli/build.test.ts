import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOutputs } from '../../src/cli/build';
import { main } from '../../src/cli/main';
import { compileTemplate } from '../../src/template/compile';

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  ).then((code) => ({ code, out, err }));
}

describe('fargate-oidc build', () => {
  it('writes the template and the workflows into --out-dir and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'build-'));
    const r = await run(['build', '--out-dir', dir]);
    const compiled = compileTemplate();
    const outputs = buildOutputs();
    expect(outputs.slice(0, 4).map((f) => f.path)).toEqual([
      'template.yaml',
      'template.json',
      join('github', 'workflows', 'deploy.yml'),
      join('github', 'workflows', 'start-stop.yml'),
    ]);
    expect(r).toEqual({
      code: 0,
      out: [
        // Over the 51,200-byte body limit: a note that deploy sends it through S3, not an error.
        ...['yaml', 'json'].map(
          (ext, i) =>
            `note: template.${ext} is ${Buffer.byteLength(i === 0 ? compiled.yaml : compiled.json)} bytes, over CloudFormation's 51200-byte limit for a template sent in the API call: ` +
            '`fargate-oidc deploy` uploads it through its managed S3 bucket (or --s3-bucket), and the console takes it with "Upload a template file".',
        ),
        ...outputs.map((f) => `wrote ${join(dir, f.path)} (${Buffer.byteLength(f.text)} bytes)`),
      ],
      err: [],
    });
    expect(readFileSync(join(dir, 'template.yaml'), 'utf8')).toBe(compiled.yaml);
    for (const f of outputs) expect(readFileSync(join(dir, f.path), 'utf8')).toBe(f.text);
  });

  it('refuses an unknown flag with exit code 2 and the usage', async () => {
    const r = await run(['build', '--outdir', 'x']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      'fargate-oidc build: unknown option --outdir (did you mean --out-dir?). Run "fargate-oidc build --help" for its options.',
    ]);
  });
});

describe('fargate-oidc', () => {
  it('exits 2 with the usage on an unknown command', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^fargate-oidc: unknown command "frobnicate"\./);
  });

  it('prints the usage for help', async () => {
    const r = await run(['help']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^Usage: fargate-oidc <command>/);
  });
});
