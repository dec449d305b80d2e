/**
 * End to end over real HTTP: the CLI (`main(['deploy', ...])`) with the real SDK clients,
 * pointed with AWS_ENDPOINT_URL at a moto_server started on a free loopback port.
 *
 * moto's gaps, accounted for here:
 * - it runs a change set synchronously inside ExecuteChangeSet and writes only stack-level
 *   events (no per-resource events), so the followed events are the stack's own;
 * - it creates no AWS::IAM::OIDCProvider resource and returns no stack Outputs after a change
 *   set, so outputs are not asserted ("The stack has no outputs.");
 * - its ValidateTemplate reports no capabilities, and it ignores parameter changes when
 *   computing a change set and rejects templates with unused parameters, so the update with
 *   one change uses a small template (a renamed SNS topic); the compiled template is used for
 *   a create and a no-change re-run.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, ListChangeSetsCommand } from '@aws-sdk/client-cloudformation';
import { main } from '../../src/cli/main';

function hasMoto(): boolean {
  try {
    execFileSync('moto_server', ['--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const SMALL = (topic: string): string => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Retention:
    Type: Number
    Default: 7
    AllowedValues: [1, 7, 14]
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '\${AWS::StackName}-logs'
      RetentionInDays: !Ref Retention
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: ${topic}
`;

// Skipped where moto is not installed, except in CI (CI=true), where a missing moto must fail.
const suite = hasMoto() || process.env['CI'] ? describe : describe.skip;

suite('deploy end to end against moto_server', () => {
  jest.setTimeout(60_000);
  let moto: ChildProcess | undefined;
  let endpoint = '';
  const saved: { [k: string]: string | undefined } = {};
  const savedTty = { out: process.stdout.isTTY, err: process.stderr.isTTY, in: process.stdin.isTTY };
  const dir = mkdtempSync(join(tmpdir(), 'deploy-e2e-'));

  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    await waitForServer(`${endpoint}/moto-api/`, 20_000);
    const env = {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_PROFILE: undefined,
      NO_COLOR: '1',
    };
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    // Plain lines, collected by `out`, whatever terminal jest runs in.
    Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    Object.defineProperty(process.stdin, 'isTTY', { value: false, configurable: true });
  });

  afterAll(() => {
    moto?.kill('SIGTERM');
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    Object.defineProperty(process.stdout, 'isTTY', { value: savedTty.out, configurable: true });
    Object.defineProperty(process.stderr, 'isTTY', { value: savedTty.err, configurable: true });
    Object.defineProperty(process.stdin, 'isTTY', { value: savedTty.in, configurable: true });
  });

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['deploy', ...args], (l) => out.push(l), (l) => err.push(l));
    return { code, out, err };
  }

  const cfn = (): CloudFormationClient => new CloudFormationClient({ endpoint, region: 'us-east-1' });

  it('creates the compiled stack, then a re-run reports no changes (exit 0 both times)', async () => {
    const params = ['--parameter', 'GitHubOrg=acme', '--parameter', 'GitHubRepo=web'];
    const first = await cli('--stack-name', 'e2e-full', ...params, '--tags', 'env=test', '--yes');
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Stack e2e-full in us-east-1: create (new stack)');
    expect(first.out).toContain('20 to add, 0 to modify, 0 to remove, 0 replacements');
    expect(first.out.some((l) => /^\d\d:\d\d:\d\d \+0s\s+e2e-full\s+AWS::CloudFormation::Stack\s+CREATE_COMPLETE$/.test(l))).toBe(true);
    expect(first.out).toContain('The stack has no outputs.'); // moto: no outputs after change sets
    const stack = (await cfn().send(new DescribeStacksCommand({ StackName: 'e2e-full' }))).Stacks?.[0];
    expect(stack?.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack?.Tags).toEqual([{ Key: 'env', Value: 'test' }]);

    const again = await cli('--stack-name', 'e2e-full', '--yes');
    expect(again.code).toBe(0);
    expect(again.out).toContain('Stack e2e-full in us-east-1: update (now CREATE_COMPLETE)');
    expect(again.out).toContain('No changes: the stack already matches the template and parameters.');
  });

  it('creates a small stack, updates it with one change, then reports no changes', async () => {
    const v1 = join(dir, 'v1.yaml');
    const v2 = join(dir, 'v2.yaml');
    writeFileSync(v1, SMALL('e2e-topic'));
    writeFileSync(v2, SMALL('e2e-topic-renamed'));

    const create = await cli('--stack-name', 'e2e-small', '--template-file', v1, '--yes');
    expect(create.code).toBe(0);
    expect(create.out).toContain('2 to add, 0 to modify, 0 to remove, 0 replacements');

    const update = await cli('--stack-name', 'e2e-small', '--template-file', v2, '--yes', '--json');
    expect(update.code).toBe(0);
    expect(update.out).toHaveLength(1);
    const result = JSON.parse(update.out[0] ?? '') as { result: string; operation: string; status: string; changes: { action: string; logicalId: string }[] };
    expect(result).toMatchObject({ result: 'deployed', operation: 'update', status: 'UPDATE_COMPLETE' });
    expect(result.changes.map((c) => `${c.action} ${c.logicalId}`)).toEqual(['Modify Topic']);

    const none = await cli('--stack-name', 'e2e-small', '--template-file', v2, '--yes');
    expect(none.code).toBe(0);
    expect(none.out).toContain('No changes: the stack already matches the template and parameters.');
  });

  it('without a terminal and without --yes stops with exit 3 and the command to execute; --dry-run leaves nothing behind', async () => {
    const v1 = join(dir, 'v1.yaml');
    writeFileSync(v1, SMALL('e2e-dry'));
    const stop = await cli('--stack-name', 'e2e-dry', '--template-file', v1);
    expect(stop.code).toBe(3);
    const command = stop.out.find((l) => l.startsWith('  aws cloudformation execute-change-set'));
    expect(command).toMatch(/^ {2}aws cloudformation execute-change-set --stack-name e2e-dry --change-set-name e2e-dry-\d{8}T\d{6}Z --region us-east-1$/);
    const sets = await cfn().send(new ListChangeSetsCommand({ StackName: 'e2e-dry' }));
    // moto lists every stack's change sets here, so filter by stack.
    expect(sets.Summaries?.filter((s) => s.StackName === 'e2e-dry').map((s) => s.Status)).toEqual(['CREATE_COMPLETE']);

    const dry = await cli('--stack-name', 'e2e-dry2', '--template-file', v1, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out.at(-1)).toMatch(/^Deleted change set e2e-dry2-\d{8}T\d{6}Z and the empty stack e2e-dry2 \(dry run\)\.$/);
  });

  it('refuses an unknown parameter before any call (exit 2)', async () => {
    const r = await cli('--stack-name', 'e2e-full', '--parameter', 'Nope=1', '--yes');
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^fargate-oidc deploy: Parameter Nope: the template has no such parameter\./);
  });
});
