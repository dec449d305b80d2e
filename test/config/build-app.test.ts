import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../src/cli/main';
import { evaluateTemplate } from '../../src/template/evaluate';

const FIXTURE = join(__dirname, 'fixtures', 'shop');
const API_KEY_ARN = 'arn:aws:secretsmanager:us-west-2:111122223333:secret:shop/api-key-AbCdEf';

async function build(dir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ['build', '--config', join(dir, 'fargate-oidc.config.ts'), ...args],
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

function appDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shop-'));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

type Obj = Record<string, unknown>;

describe("build with the issue's config", () => {
  const dir = appDir();
  let result: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    result = await build(dir);
  });
  const read = (...p: string[]) => readFileSync(join(dir, ...p), 'utf8');
  const template = () => JSON.parse(read('fargate-oidc', 'template.json')) as Obj;
  const stack = (env: string) =>
    evaluateTemplate(template() as never, {
      parameters: { ...(JSON.parse(read('fargate-oidc', 'params', `${env}.json`)) as Record<string, string>) },
      pseudo: { 'AWS::AccountId': '123456789012', 'AWS::Region': 'us-west-2' },
      physical: {
        TaskExecutionRole: { Arn: 'arn:aws:iam::123456789012:role/x' },
        TaskRole: { Arn: 'arn:aws:iam::123456789012:role/y' },
        Repository: { RepositoryUri: 'r', Arn: 'arn:aws:ecr:us-west-2:123456789012:repository/r' },
        Assets: { Arn: 'arn:aws:s3:::shop-assets' },
        GitHubOidcProvider: { Ref: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      },
    }).resources;

  it('succeeds and writes the template, one parameter file and one workflow pair per environment', () => {
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
    for (const f of [
      'fargate-oidc/template.yaml',
      'fargate-oidc/template.json',
      'fargate-oidc/params/staging.json',
      'fargate-oidc/params/production.json',
      '.github/workflows/deploy-staging.yml',
      '.github/workflows/start-stop-staging.yml',
      '.github/workflows/deploy-production.yml',
      '.github/workflows/start-stop-production.yml',
    ]) {
      expect(existsSync(join(dir, f))).toBe(true);
    }
  });

  it('gives each environment its own AppName and trust', () => {
    expect(JSON.parse(read('fargate-oidc', 'params', 'staging.json'))).toEqual({
      AppName: 'shop-staging',
      DeployBranch: 'main',
      ReleaseTagPattern: '',
      GitHubEnvironment: '',
    });
    expect(JSON.parse(read('fargate-oidc', 'params', 'production.json'))).toEqual({
      AppName: 'shop-production',
      DeployBranch: '',
      ReleaseTagPattern: 'v*.*.*',
      GitHubEnvironment: 'production',
    });
    const sub = (env: string) =>
      (
        (stack(env)['GitHubDeployRole']?.Properties as Obj)['AssumeRolePolicyDocument'] as {
          Statement: { Condition: Record<string, Record<string, unknown>> }[];
        }
      ).Statement.map(
        (s) =>
          s.Condition['StringEquals']?.['token.actions.githubusercontent.com:sub'] ??
          s.Condition['StringLike']?.['token.actions.githubusercontent.com:sub'],
      );
    expect(sub('staging')).toEqual([['repo:acme/shop:ref:refs/heads/main']]);
    expect(sub('production')).toEqual([['repo:acme/shop:environment:production']]);
  });

  it('carries both variables and both secrets, and the execution role reads exactly those two', () => {
    const r = stack('staging');
    const c = ((r['TaskDefinition']?.Properties as Obj)['ContainerDefinitions'] as Obj[])[0] as Obj;
    expect(c['Environment']).toEqual([
      { Name: 'PORT', Value: '8000' },
      { Name: 'FLASK_ENV', Value: 'production' },
      { Name: 'LOG_LEVEL', Value: 'info' },
      { Name: 'FRONT_DOOR_SECRET', Value: '0f1e2d3c-4b5a-4697-8a7b-6c5d4e3f2a10' },
    ]);
    expect(c['Secrets']).toEqual([
      { Name: 'DATABASE_URL', ValueFrom: 'arn:aws:ssm:us-west-2:123456789012:parameter/shop/database-url' },
      { Name: 'API_KEY', ValueFrom: API_KEY_ARN },
    ]);
    const statements = ((r['TaskExecutionRole']?.Properties as Obj)['Policies'] as { PolicyDocument: { Statement: Obj[] } }[])[1]
      ?.PolicyDocument.Statement;
    expect(statements?.slice(0, 2)).toEqual([
      {
        Sid: 'ReadContainerSsmParameters',
        Effect: 'Allow',
        Action: 'ssm:GetParameters',
        Resource: ['arn:aws:ssm:us-west-2:123456789012:parameter/shop/database-url'],
      },
      { Sid: 'ReadContainerSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [API_KEY_ARN] },
    ]);
  });

  it("adds the user module's bucket and its read grant on the task role", () => {
    const r = stack('staging');
    expect(r['Assets']?.Type).toBe('AWS::S3::Bucket');
    expect(
      ((r['TaskRole']?.Properties as Obj)['Policies'] as { PolicyDocument: { Statement: Obj[] } }[])[0]?.PolicyDocument.Statement,
    ).toEqual([
      { Sid: 'ListAssets', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::shop-assets' },
      { Sid: 'ReadAssets', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shop-assets/*' },
    ]);
  });

  it('writes workflows with distinct names, app names and role variables per environment', () => {
    const staging = parse(read('.github/workflows/deploy-staging.yml')) as Obj;
    const production = parse(read('.github/workflows/deploy-production.yml')) as Obj;
    expect(staging['name']).toBe('Deploy (staging)');
    expect(production['name']).toBe('Deploy (production)');
    expect(staging['on']).toEqual({ push: { branches: ['main'] }, workflow_dispatch: {} });
    expect(production['on']).toEqual({ push: { tags: ['v*.*.*'] }, workflow_dispatch: {} });
    expect((staging['env'] as Obj)['DEPLOYER_FUNCTION']).toBe('shop-staging-deployer');
    expect((production['env'] as Obj)['DEPLOYER_FUNCTION']).toBe('shop-production-deployer');
    expect(read('.github/workflows/deploy-staging.yml')).toContain('${{ vars.AWS_ROLE_ARN_STAGING }}');
    expect(read('.github/workflows/deploy-production.yml')).toContain('${{ vars.AWS_ROLE_ARN_PRODUCTION }}');
    expect(((production['jobs'] as Obj)['deploy'] as Obj)['environment']).toBe('production');
  });

  it('its next steps name the secret set command of each SSM secret, per environment, before the deploy', () => {
    const staging = result.out.indexOf('staging: first write its secret (SSM), once:');
    expect(staging).toBeGreaterThanOrEqual(0);
    expect(result.out[staging + 1]).toBe(
      '  printf %s "$DATABASE_URL" | npx --no fargate-oidc secret set DATABASE_URL --app shop --env staging --parameter-name /shop/database-url',
    );
    expect(result.out[staging + 2]).toMatch(/^staging: npx --no fargate-oidc deploy --env staging/);
  });

  it('rebuilds over its own workflows, but refuses a workflow it did not write unless --force', async () => {
    expect((await build(dir)).code).toBe(0);
    writeFileSync(join(dir, '.github/workflows/deploy-staging.yml'), 'name: mine\n');
    const refused = await build(dir);
    expect(refused.code).toBe(2);
    expect(refused.err[0]).toContain(
      `refusing to overwrite ${join(dir, '.github/workflows/deploy-staging.yml')}: not written by fargate-oidc for this app and environment.`,
    );
    // build has no --out: the way to write them elsewhere is the config's workflowsDir.
    expect(refused.err[0]).toContain('Move them away, set workflowsDir in the config, or pass --force to overwrite.');
    expect(read('.github/workflows/deploy-staging.yml')).toBe('name: mine\n');
    expect((await build(dir, '--force')).code).toBe(0);
    expect(read('.github/workflows/deploy-staging.yml')).toContain('# fargate-oidc: app=shop-staging environment=staging');
  });
});

describe('workflows with a config', () => {
  it('writes one pair per environment, and says which variable holds each role', async () => {
    const dir = appDir();
    const wf = mkdtempSync(join(tmpdir(), 'wf-'));
    const out: string[] = [];
    const code = await main(
      ['workflows', '--config', join(dir, 'fargate-oidc.config.ts'), '--out', wf],
      (l) => out.push(l),
      () => undefined,
    );
    expect(code).toBe(0);
    expect(out).toEqual([
      `wrote ${join(wf, 'deploy-staging.yml')}`,
      `wrote ${join(wf, 'start-stop-staging.yml')}`,
      `wrote ${join(wf, 'deploy-production.yml')}`,
      `wrote ${join(wf, 'start-stop-production.yml')}`,
      'staging: set the repository variable AWS_ROLE_ARN_STAGING to the DeployRoleArn output of shop-staging.',
      'production: set the repository variable AWS_ROLE_ARN_PRODUCTION to the DeployRoleArn output of shop-production.',
    ]);
  });
});

describe('build with a config that breaks a rule', () => {
  function withConfig(body: string) {
    const dir = mkdtempSync(join(tmpdir(), 'bad-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'fargate-oidc.config.ts'), body);
    return build(dir);
  }
  const base = "appName: 'shop', github: { owner: 'acme', repo: 'shop' }";

  it.each([
    [
      `{ ${base}, environments: { staging: {} } }`,
      'fargate-oidc.config.ts: environments.staging: Nothing could deploy this stack: give DeployBranch, ReleaseTagPattern or GitHubEnvironment. (rule SomethingMayDeploy: environments.staging.deployBranch="", environments.staging.releaseTagPattern="", environments.staging.githubEnvironment="")',
    ],
    [
      `{ ${base.replace("repo: 'shop' }", "repo: 'shop', ownerId: '12' }")}, environments: { s: { deployBranch: 'main' } } }`,
      'fargate-oidc.config.ts: github.ownerId, github.repoId: Immutable subject claims need both GitHubOwnerId and GitHubRepoId; give both or neither. (rule GitHubIdsComeTogether: github.ownerId="12", github.repoId="")',
    ],
    [
      `{ ${base}, container: { port: 80.5 }, environments: { s: { deployBranch: 'main' } } }`,
      'fargate-oidc.config.ts: container.port: "80.5" is not a whole number. Must be a port number from 1 to 65535.',
    ],
    [
      `{ ${base}, container: { port: 70000 }, environments: { s: { deployBranch: 'main' } } }`,
      'fargate-oidc.config.ts: container.port: "70000" is more than the maximum 65535. Must be a port number from 1 to 65535.',
    ],
    [
      `{ ${base}, container: { port: '8000' }, environments: { s: { deployBranch: 'main' } } }`,
      'fargate-oidc.config.ts: container.port: must be a number, e.g. port: 8000.',
    ],
    [
      `{ ${base}, environments: {} }`,
      "fargate-oidc.config.ts: environments: needs at least one environment, e.g. { staging: { deployBranch: 'main' } }.",
    ],
    [
      `{ ${base}, environments: { s: { deployBranch: 'feat*' } } }`,
      'fargate-oidc.config.ts: environments.s.deployBranch: "feat*" does not match the pattern',
    ],
    [
      `{ ${base}, container: { secrets: { K: { secretsManager: 'shop/key' } } }, environments: { s: { deployBranch: 'main' } } }`,
      'fargate-oidc.config.ts: container.secrets.K.secretsManager: "shop/key" is not the full ARN of a Secrets Manager secret',
    ],
    [`{ ${base}, contianer: {}, environments: { s: { deployBranch: 'main' } } }`, 'fargate-oidc.config.ts: contianer: unknown field.'],
    [
      `{ ${base}, container: { cpu: '256', memory: '4096' }, environments: { s: { deployBranch: 'main' } } }`,
      'fargate-oidc.config.ts: container.cpu, container.memory: With TaskCpu 256, TaskMemory must be one of 512, 1024, 2048 MiB. (rule TaskSizeIsValidOnFargate: container.cpu="256", container.memory="4096")',
    ],
    [
      `{ appName: 'a-very-long-application-name', github: { owner: 'acme', repo: 'shop' }, environments: { production: { releaseTagPattern: 'v*' } } }`,
      'fargate-oidc.config.ts: environments.production: the stack\'s AppName "a-very-long-application-name-production" is 39 characters, over 32',
    ],
  ])('%s', async (config, message) => {
    const r = await withConfig(`export default ${config};\n`);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain(`fargate-oidc build: ${message}`);
  });

  it('says in words when workflowsDir cannot be written (a file stands there), not with a raw EEXIST', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wfdir-'));
    writeFileSync(join(dir, 'wf'), 'not a directory');
    writeFileSync(
      join(dir, 'fargate-oidc.config.ts'),
      `export default { ${base}, workflowsDir: 'wf', environments: { s: { deployBranch: 'main' } } };\n`,
    );
    const r = await build(dir);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `fargate-oidc build: workflowsDir ${join(dir, 'wf')}: ${join(dir, 'wf')} (or a directory above it) is a file, not a directory. Give a directory you can write to.`,
    ]);
  });

  it('says where a config does not compile', async () => {
    const r = await withConfig('export default {;\n');
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^fargate-oidc build: fargate-oidc.config.ts: cannot compile it: line 1:\d+: /);
  });

  it('loads a plain .mjs config too, and refuses two config files side by side', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mjs-'));
    writeFileSync(
      join(dir, 'fargate-oidc.config.mjs'),
      `import { defineConfig } from 'fargate-oidc';\nexport default defineConfig({ ${base}, environments: { staging: { deployBranch: 'main' } } });\n`,
    );
    const out: string[] = [];
    const err: string[] = [];
    expect(
      await main(
        ['build', '--config', join(dir, 'fargate-oidc.config.mjs')],
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'fargate-oidc', 'params', 'staging.json'), 'utf8'))['AppName']).toBe('shop-staging');
    writeFileSync(join(dir, 'fargate-oidc.config.ts'), 'export default {};\n');
    const { findConfigFile } = await import('../../src/config/load');
    expect(() => findConfigFile(dir)).toThrow(
      'fargate-oidc.config.ts: found fargate-oidc.config.ts and fargate-oidc.config.mjs: keep one config file.',
    );
  });

  it('warns about a plain variable that looks like a secret and points to secrets', async () => {
    const r = await withConfig(
      `export default { ${base}, container: { environment: { STRIPE_KEY: 'sk_live', DB_PASSWORD: 'x', LOG_LEVEL: 'info' } }, environments: { s: { deployBranch: 'main' } } };\n`,
    );
    expect(r.code).toBe(0);
    expect(r.err).toEqual([
      expect.stringMatching(
        /^warning: container\.environment\.STRIPE_KEY looks like a secret but is a plain value.*Move it to container\.secrets/,
      ),
      expect.stringMatching(/^warning: container\.environment\.DB_PASSWORD looks like a secret/),
    ]);
  });
});
