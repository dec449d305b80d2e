import { main } from '../../src/cli/main';

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  ).then((code) => ({ code, out, err }));
}

describe('fargate-oidc deploy (command line)', () => {
  it('is listed in the help', async () => {
    const r = await run(['help']);
    expect(r.out.join('\n')).toContain('deploy    create or update the stack through a reviewed change set, and follow it');
  });

  it('prints its usage with --help, including the exit codes', async () => {
    const r = await run(['deploy', '--help']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^Usage: fargate-oidc deploy --stack-name NAME/);
    expect(r.out[0]).toContain('3 not confirmed');
  });

  it('needs --stack-name (exit 2, one line and the usage)', async () => {
    const r = await run(['deploy']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^fargate-oidc deploy: --stack-name \(or --env\) is required\./);
  });

  it('refuses unknown flags and bad stack names', async () => {
    expect((await run(['deploy', '--stack-name', 'web', '--colour'])).code).toBe(2);
    const bad = await run(['deploy', '--stack-name', '1web']);
    expect(bad.err[0]).toBe(
      'fargate-oidc deploy: --stack-name 1web: a stack name starts with a letter and has only letters, digits and hyphens (at most 128).',
    );
  });

  it('refuses a bad parameters file before any AWS call, naming the key and the rule', async () => {
    const r = await run([
      'deploy',
      '--stack-name',
      'web',
      '--region',
      'us-east-1',
      '--parameter',
      'GitHubOrg=acme',
      '--parameter',
      'GitHubRepo=web',
      '--parameter',
      'TaskCpu=300',
    ]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^fargate-oidc deploy: Parameter TaskCpu: "300" is not one of 256, 512, 1024, 2048, 4096\./);
  });

  it('refuses a missing parameters file', async () => {
    const r = await run(['deploy', '--stack-name', 'web', '--parameters-file', 'nope.json']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^fargate-oidc deploy: Cannot read --parameters-file nope\.json: ENOENT/);
  });
});
