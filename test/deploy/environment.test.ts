import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentTarget, siblingProvider } from '../../src/stack/environment';

/** The call context the deploy gives: no real waiting in tests. */
const ctx = (client: CloudFormationClient) => ({ client, sleep: async () => undefined, now: () => new Date() });
import { main } from '../../src/cli/main';

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

function built(): string {
  const dir = mkdtempSync(join(tmpdir(), 'env-'));
  mkdirSync(join(dir, 'params'));
  writeFileSync(join(dir, 'template.yaml'), 'Resources: {}\n');
  writeFileSync(join(dir, 'params', 'staging.json'), JSON.stringify({ AppName: 'shop-staging' }));
  writeFileSync(join(dir, 'params', 'production.json'), JSON.stringify({ AppName: 'shop-production' }));
  return dir;
}

const missing = () => Object.assign(new Error('Stack with id x does not exist'), { name: 'ValidationError', $metadata: {} });

describe('deploy --env', () => {
  it("picks the environment's stack, template and parameter file, and knows the other environments' stacks", () => {
    const dir = built();
    expect(environmentTarget(dir, 'production')).toEqual({
      stackName: 'shop-production',
      templateFile: join(dir, 'template.yaml'),
      parametersFile: join(dir, 'params', 'production.json'),
      siblingStacks: ['shop-staging'],
    });
  });

  it('refuses an environment that was not built, naming the ones that were and the fix', () => {
    const dir = built();
    expect(() => environmentTarget(dir, 'prod')).toThrow(
      `--env prod: no ${join(dir, 'params', 'prod.json')} (environments built: production, staging). Add the environment to fargate-oidc.config.ts and run \`npx --no fargate-oidc build\` first.`,
    );
  });

  it("a new stack reuses the OIDC provider another environment's stack has", async () => {
    const cfn = mockClient(CloudFormationClient);
    cfn.on(DescribeStacksCommand, { StackName: 'shop-production' }).rejects(missing());
    cfn.on(DescribeStacksCommand, { StackName: 'shop-staging' }).resolves({
      Stacks: [
        {
          StackName: 'shop-staging',
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: [{ OutputKey: 'OidcProviderArn', OutputValue: PROVIDER }],
        },
      ],
    });
    expect(await siblingProvider(ctx(new CloudFormationClient({ region: 'us-west-2' })), ['shop-staging'])).toBe(PROVIDER);
    cfn.restore();
  });

  it('a sibling without the output, or no sibling, means none', async () => {
    const cfn = mockClient(CloudFormationClient);
    cfn.on(DescribeStacksCommand, { StackName: 'shop-staging' }).rejects(missing());
    const client = new CloudFormationClient({ region: 'us-west-2' });
    expect(await siblingProvider(ctx(client), ['shop-staging'])).toBeUndefined();
    expect(await siblingProvider(ctx(client), [])).toBeUndefined();
    cfn.restore();
  });

  it("refuses to deploy the generic template from an app's directory without --env", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'app-'));
    writeFileSync(join(dir, 'fargate-oidc.config.ts'), 'export default {};\n');
    const cwd = process.cwd();
    process.chdir(dir);
    const err: string[] = [];
    try {
      const code = await main(
        ['deploy', '--stack-name', 'shop'],
        () => undefined,
        (l) => err.push(l),
      );
      expect({ code, err }).toEqual({
        code: 2,
        err: [
          'fargate-oidc deploy: this directory has an app config: deploy one of its environments with --env NAME (or give --template-file).',
        ],
      });
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses --stack-name beside --env', async () => {
    const err: string[] = [];
    const code = await main(
      ['deploy', '--env', 'staging', '--stack-name', 'x'],
      () => undefined,
      (l) => err.push(l),
    );
    expect({ code, err }).toEqual({
      code: 2,
      err: ['fargate-oidc deploy: --env picks the stack, template and parameters file: leave out --stack-name.'],
    });
  });
});
