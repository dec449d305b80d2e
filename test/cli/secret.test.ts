import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../src/cli/main';
import { secretCommand, type SecretDeps } from '../../src/cli/secret';
import { compileTemplate } from '../../src/template/compile';
import { evaluateTemplate } from '../../src/template/evaluate';

const ssm = mockClient(SSMClient);
afterEach(() => ssm.reset());

function deps(stdin: string): SecretDeps {
  return { readStdin: async () => stdin, stdinIsTty: false, ssm: async () => new SSMClient({ region: 'us-west-2' }) };
}

async function run(argv: string[], stdin: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await secretCommand(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
    deps(stdin),
  );
  return { code, out, err };
}

describe('fargate-oidc secret set', () => {
  it("refuses a value over SSM's 4,096-byte standard tier before any call, offering --tier advanced up to 8,192 bytes", async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 1 });
    const argv = ['set', 'CERT', '--app', 'shop', '--env', 'staging'];
    await expect(run(argv, 'é'.repeat(2049))).rejects.toThrow(
      "the value of CERT is 4098 bytes, over SSM's 4096-byte limit for a standard parameter. Re-run with --tier advanced (up to 8,192 bytes; advanced parameters are billed per month), or shorten it.",
    );
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
    expect((await run([...argv, '--tier', 'advanced'], 'x'.repeat(8192))).code).toBe(0);
    expect(ssm.commandCalls(PutParameterCommand)[0]?.args[0].input).toMatchObject({ Tier: 'Advanced' });
    await expect(run([...argv, '--tier', 'advanced'], 'x'.repeat(8193))).rejects.toThrow(
      "over SSM's 8192-byte limit for a advanced parameter. Shorten it",
    );
    expect((await run(argv, `${'x'.repeat(4096)}\n`)).code).toBe(0); // the one trailing newline is not part of the value
  });

  it('its help documents the newline rule and every exit code it returns (1 included)', async () => {
    const out: string[] = [];
    expect(
      await main(
        ['secret', '--help'],
        (l) => out.push(l),
        () => undefined,
      ),
    ).toBe(0);
    const help = out.join('\n');
    expect(help).toContain('except one trailing newline');
    const codes = help.slice(help.indexOf('Exit codes:')).replace(/\s+/g, ' ');
    // 129 and 143 too: bin stops it on SIGHUP and SIGTERM as on Ctrl-C (src/cli/process-io.ts).
    for (const code of [0, 1, 2, 5, 129, 130, 143]) expect(codes).toMatch(new RegExp(`[:,] ${code} `));
  });

  it('writes the value from stdin as a SecureString /<app>-<env>/<NAME>, and never prints it', async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 3 });
    const r = await run(['set', 'DATABASE_URL', '--app', 'shop', '--env', 'staging'], 'postgres://u:p@db/shop\n');
    expect(r.code).toBe(0);
    expect(ssm.commandCalls(PutParameterCommand).map((c) => c.args[0].input)).toEqual([
      { Name: '/shop-staging/DATABASE_URL', Value: 'postgres://u:p@db/shop', Type: 'SecureString', Overwrite: true },
    ]);
    expect(r.out[0]).toBe('wrote SecureString /shop-staging/DATABASE_URL (version 3)');
    expect([...r.out, ...r.err].join('\n')).not.toContain('postgres://');
  });

  it('takes a KMS key and another parameter name', async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 1 });
    await run(
      ['set', 'API_KEY', '--app', 'shop', '--env', 'production', '--kms-key', 'alias/shop', '--parameter-name', '/shop/api-key'],
      'k',
    );
    expect(ssm.commandCalls(PutParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/shop/api-key',
      Value: 'k',
      Type: 'SecureString',
      Overwrite: true,
      KeyId: 'alias/shop',
    });
  });

  it('refuses a value on the command line, and an empty stdin, before any AWS call', async () => {
    const argv = ['secret', 'set', 'X', '--app', 'shop', '--env', 'staging', '--value', 'hunter2'];
    const err: string[] = [];
    expect(
      await main(
        argv,
        () => undefined,
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err[0]).toBe(
      'fargate-oidc secret: --value is refused: a value on the command line stays in shell history and `ps`. Pipe it on stdin instead.',
    );
    await expect(run(['set', 'X', '--app', 'shop', '--env', 'staging'], '')).rejects.toThrow('no value on stdin for X: pipe it in');
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
  });

  it('names what is missing', async () => {
    await expect(run(['set', 'X', '--env', 'staging'], 'v')).rejects.toThrow("--app: give the config's appName");
    await expect(run(['put', 'X'], 'v')).rejects.toThrow('expected "secret set NAME".');
  });

  it("a config's /${AppName}/NAME is each stack's own parameter, readable by that stack only", () => {
    const { plain } = compileTemplate({}, { secrets: { DATABASE_URL: { ssmParameter: '/${AppName}/DATABASE_URL' } } });
    const stack = evaluateTemplate(plain, {
      parameters: { GitHubOrg: 'acme', GitHubRepo: 'shop', AppName: 'shop-staging' },
      pseudo: { 'AWS::AccountId': '123456789012', 'AWS::Region': 'us-west-2' },
      physical: { Repository: { RepositoryUri: 'r' }, TaskExecutionRole: { Arn: 'e' }, TaskRole: { Arn: 't' } },
    });
    const arn = 'arn:aws:ssm:us-west-2:123456789012:parameter/shop-staging/DATABASE_URL';
    const td = stack.resources['TaskDefinition']?.Properties as { ContainerDefinitions: { Secrets: unknown }[] };
    expect(td.ContainerDefinitions[0]?.Secrets).toEqual([{ Name: 'DATABASE_URL', ValueFrom: arn }]);
    expect(JSON.stringify(stack.resources['TaskExecutionRole'])).toContain(`"Resource":["${arn}"]`);
  });
});
