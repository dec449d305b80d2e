import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { checkParameterInputs } from '../../src/stack/parameters';
import { compiledTemplate } from '../../src/stack/template';

const TEMPLATE = 'https://my-templates.s3.us-west-2.amazonaws.com/fargate-oidc/template-0123456789abcdef.yaml';
const ENCODED = encodeURIComponent(TEMPLATE);
const CONSOLE = 'https://us-west-2.console.aws.amazon.com/cloudformation/home?region=us-west-2#/stacks/create/review?';
const dir = mkdtempSync(join(tmpdir(), 'url-cli-'));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ['url', ...argv],
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

function file(name: string, data: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(data));
  return path;
}

describe('fargate-oidc url', () => {
  it('prints the URL, what was left out, and the Markdown button', async () => {
    const r = await run([
      '--template-url',
      TEMPLATE,
      '--stack-name',
      'web',
      '--parameter',
      'GitHubOrg=acme',
      '--parameter',
      'GitHubRepo=web',
      '--parameter',
      'AppName=portfolio',
    ]);
    const url = `${CONSOLE}templateURL=${ENCODED}&stackName=web&param_GitHubOrg=acme&param_GitHubRepo=web`;
    expect(r).toEqual({
      code: 0,
      err: [`Values checked against: compiled from src/template, sha256 ${compiledTemplate().sha256}`],
      out: [
        `Quick-create URL (${url.length} of 1,024 characters):`,
        url,
        'Left out (equal to their defaults, which the console fills in): AppName.',
        '',
        'Launch Stack button (Markdown):',
        `[![Launch Stack](https://s3.amazonaws.com/cloudformation-examples/cloudformation-launch-stack.png)](${url})`,
      ],
    });
  });

  it("takes a parameters file in both of deploy's shapes, the flags winning", async () => {
    const plain = file('plain.json', { GitHubOrg: 'acme', GitHubRepo: 'web', DesiredCount: 1 });
    const list = file('list.json', [
      { ParameterKey: 'GitHubOrg', ParameterValue: 'acme' },
      { ParameterKey: 'GitHubRepo', ParameterValue: 'web' },
      { ParameterKey: 'DesiredCount', ParameterValue: '1' },
    ]);
    const expected = `${CONSOLE}templateURL=${ENCODED}&param_GitHubOrg=acme&param_GitHubRepo=site&param_DesiredCount=1`;
    for (const f of [plain, list]) {
      const r = await run(['--template-url', TEMPLATE, '--parameters-file', f, '--parameter', 'GitHubRepo=site']);
      expect(r.out[1]).toBe(expected);
    }
  });

  it('says which required parameters the console will ask for', async () => {
    const r = await run(['--template-url', TEMPLATE]);
    expect(r.code).toBe(0);
    expect(r.out[1]).toBe(`${CONSOLE}templateURL=${ENCODED}`);
    expect(r.out[2]).toBe('Required, no value given (the console asks for them): GitHubOrg, GitHubRepo.');
  });

  it("refuses the values deploy refuses, with deploy's own messages (exit 2)", async () => {
    const specs = compiledTemplate().parameters;
    const cases: [string[], { [k: string]: string }][] = [
      [['GitHubOrg=ac*me'], { GitHubOrg: 'ac*me' }],
      [['githuborg=acme'], { githuborg: 'acme' }],
      [['ContainerPort=http', 'TaskCpu=300'], { ContainerPort: 'http', TaskCpu: '300' }],
    ];
    for (const [flags, values] of cases) {
      let expected = '';
      try {
        checkParameterInputs({ Parameters: specs }, values, 'unknown');
      } catch (e) {
        expected = (e as Error).message;
      }
      expect(expected).not.toBe('');
      const r = await run(['--template-url', TEMPLATE, ...flags.flatMap((f) => ['--parameter', f])]);
      expect(r).toEqual({ code: 2, out: [], err: [`fargate-oidc url: ${expected}`] });
    }
  });

  it('refuses a malformed --parameter and a key given twice, as deploy does', async () => {
    expect((await run(['--template-url', TEMPLATE, '--parameter', 'GitHubOrg'])).err).toEqual([
      'fargate-oidc url: --parameter GitHubOrg: expected Key=Value.',
    ]);
    expect((await run(['--template-url', TEMPLATE, '--parameter', 'GitHubOrg=a', '--parameter', 'GitHubOrg=b'])).err).toEqual([
      'fargate-oidc url: --parameter GitHubOrg is given twice.',
    ]);
  });

  it('refuses UsePreviousValue, which means nothing for a new stack', async () => {
    const f = file('previous.json', [{ ParameterKey: 'AppName', UsePreviousValue: true }]);
    const r = await run(['--template-url', TEMPLATE, '--parameters-file', f]);
    expect(r).toEqual({
      code: 2,
      out: [],
      err: ['fargate-oidc url: AppName: UsePreviousValue means nothing in a link that creates a new stack; give a value or leave it out.'],
    });
  });

  it('refuses a template URL that is not HTTPS S3, and one in another region than the stack', async () => {
    expect((await run(['--template-url', 'http://b.s3.us-west-2.amazonaws.com/t.yaml'])).err[0]).toMatch(/only over HTTPS from S3/);
    expect((await run(['--template-url', 'https://example.com/t.yaml'])).err[0]).toBe(
      'fargate-oidc url: --template-url https://example.com/t.yaml is not an S3 URL: CloudFormation reads templates only from S3 ' +
        '(https://BUCKET.s3.REGION.amazonaws.com/KEY). Upload it with "fargate-oidc publish --bucket BUCKET".',
    );
    expect(await run(['--template-url', TEMPLATE, '--region', 'eu-west-1'])).toEqual({
      code: 2,
      out: [],
      err: [
        "fargate-oidc url: The template URL is in us-west-2, but the stack's region is eu-west-1: CloudFormation reads a template only " +
          "from a bucket in the stack's region. Use --region us-west-2, or copy the template to a bucket in eu-west-1.",
      ],
    });
  });

  it('takes the region from --region for a global S3 URL, and asks for one when there is none', async () => {
    const global = 'https://b.s3.amazonaws.com/t.yaml';
    const r = await run(['--template-url', global, '--region', 'eu-north-1']);
    expect(r.out[1]).toBe(
      `https://eu-north-1.console.aws.amazon.com/cloudformation/home?region=eu-north-1#/stacks/create/review?templateURL=${encodeURIComponent(global)}`,
    );
    const saved = { AWS_REGION: process.env['AWS_REGION'], AWS_DEFAULT_REGION: process.env['AWS_DEFAULT_REGION'] };
    delete process.env['AWS_REGION'];
    delete process.env['AWS_DEFAULT_REGION'];
    try {
      expect((await run(['--template-url', global])).err[0]).toMatch(/^fargate-oidc url: No region: pass --region/);
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
    }
  });

  it('refuses an overlong URL with exit 2, naming its length', async () => {
    const r = await run([
      '--template-url',
      TEMPLATE,
      '--stack-name',
      'a'.repeat(128),
      '--parameter',
      `ExistingSubnetIds=${Array(30).fill('subnet-0123456789abcdef0').join(',')}`,
      '--parameter',
      'ExistingVpcId=vpc-0123456789abcdef0',
    ]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(
      /^fargate-oidc url: The quick-create URL is \d+ characters, \d+ over the console's 1,024-character limit\. Leave out ExistingSubnetIds/,
    );
  });

  it('refuses a bad stack name and prints its help', async () => {
    expect((await run(['--template-url', TEMPLATE, '--stack-name', '1web'])).err[0]).toMatch(/a stack name starts with a letter/);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out[0]).toMatch(/^Usage: fargate-oidc url --template-url URL/);
  });
});
