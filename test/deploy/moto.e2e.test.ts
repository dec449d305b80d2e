import { compileTemplate } from '../../src/template/compile';
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
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, ListChangeSetsCommand } from '@aws-sdk/client-cloudformation';
import { main } from '../../src/cli/main';
import { describeWithMoto, startMoto, type Moto } from '../moto';

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
describeWithMoto('deploy end to end against moto_server', () => {
  jest.setTimeout(60_000);
  let moto: Moto | undefined;
  let endpoint = '';
  const dir = mkdtempSync(join(tmpdir(), 'deploy-e2e-'));

  beforeAll(async () => {
    moto = await startMoto('us-east-1');
    endpoint = moto.endpoint;
  });

  afterAll(() => moto?.stop());

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
    // Every resource of the compiled template: with these parameters every condition is true.
    const resources = Object.keys(compileTemplate().template.Resources).length;
    expect(first.out).toContain(`${resources} to add, 0 to modify, 0 to remove, 0 replacements`);
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
