/**
 * The fault-injection suite: deploy and destroy, with the real SDK clients over real HTTP,
 * through test/fault-proxy.ts in front of a moto_server. Each test names the exit code and the
 * state moto is left in (read from moto directly, not through the proxy).
 *
 * Pauses between retries are real but short (the jitter's random number is fixed low), and the
 * request timeouts are small, so each test takes a few seconds. No assertion depends on timing:
 * jest's own timeout only guards against a hang, which is the defect being tested.
 */
import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListStackResourcesCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { cloudFormationClient, type RequestTimeouts } from '../../src/aws/clients';
import { realSleep } from '../../src/aws/poll';
import { templateFromFile } from '../../src/stack/template';
import { AwsSetupError, InterruptedError, WaitDeadlineError } from '../../src/errors';
import { deploy, type DeployDeps, type DeployOptions, EXIT } from '../../src/stack/deploy';
import { destroy, DESTROY_EXIT, type DestroyDeps } from '../../src/stack/destroy';
import { makeColors } from '../../src/ui/color';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FaultProxy, RETRY_AFTER_SECONDS, startFaultProxy } from '../fault-proxy';
import { describeWithMoto, type Moto, startMoto } from '../moto';

const SMALL = (name: string): string => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: ${name}-logs
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: ${name}-topic
`;

/** Time limits for the tests: moto on a busy machine can take seconds to answer its first calls. */
const NORMAL: RequestTimeouts = { connectMs: 2000, responseMs: 15_000 };
/** For the tests where a request hangs on purpose: it times out quickly. */
const QUICK: RequestTimeouts = { connectMs: 1000, responseMs: 2000 };

describeWithMoto('faults: deploy and destroy through a fault-injecting proxy in front of moto_server', () => {
  jest.setTimeout(60_000);
  let moto: Moto | undefined;
  let proxy: FaultProxy;
  let direct: CloudFormationClient;
  let stacks = 0;

  beforeAll(async () => {
    moto = await startMoto('us-east-1');
    proxy = await startFaultProxy(moto.endpoint);
    process.env['AWS_ENDPOINT_URL'] = proxy.endpoint; // the clients under test go through the proxy
    direct = new CloudFormationClient({ endpoint: moto.endpoint, region: 'us-east-1' });
    // Warm moto up: it loads each service on its first call, which can take seconds.
    await direct.send(new ValidateTemplateCommand({ TemplateBody: SMALL('warm-up') }));
    await direct.send(new DescribeStacksCommand({})).catch(() => undefined);
  });
  afterAll(async () => {
    await proxy.close();
    direct.destroy();
    moto?.stop();
  });

  /** What moto says about the stack (by name), not through the proxy. */
  async function stateOf(name: string): Promise<{ status: string; resources: number }> {
    const stack = await direct.send(new DescribeStacksCommand({ StackName: name })).then(
      (r) => r.Stacks?.[0],
      () => undefined,
    );
    if (!stack) return { status: 'none', resources: 0 };
    const resources = await direct.send(new ListStackResourcesCommand({ StackName: stack.StackId })).then(
      (r) => r.StackResourceSummaries?.length ?? 0,
      () => -1,
    );
    return { status: stack.StackStatus ?? '?', resources };
  }

  function deps(o: { timeouts?: RequestTimeouts; interrupt?: AbortSignal } = {}) {
    const lines: string[] = [];
    const d: DeployDeps & DestroyDeps = {
      cfn: cloudFormationClient({ region: 'us-east-1', timeouts: o.timeouts ?? NORMAL }),
      s3: () => Promise.reject(new Error('no S3 here')),
      ecr: () => Promise.reject(new Error('no ECR here')),
      out: (l) => {
        lines.push(l);
        if (process.env['FAULT_DEBUG']) process.stderr.write(`${new Date().toISOString().slice(17, 23)} ${l}\n`);
      },
      err: (l) => lines.push(l),
      colors: makeColors(false),
      interactive: false,
      confirm: () => Promise.resolve(false),
      sleep: realSleep,
      now: () => new Date(),
      random: () => 0.05,
      ...(o.interrupt ? { interrupt: o.interrupt } : {}),
    };
    return { d, lines };
  }

  function deployOptions(name: string, o: Partial<DeployOptions> = {}): DeployOptions {
    return { stackName: name, template: templateFromFile(`${name}.yaml`, () => SMALL(name)), parameters: {}, tags: [], yes: true, ...o };
  }

  const fresh = (): string => `fault-${++stacks}`;

  /** Runs `run` with the clients pointed at `endpoint`; returns its result or what it threw. */
  async function viaEndpoint(endpoint: string, run: () => Promise<number>): Promise<unknown> {
    process.env['AWS_ENDPOINT_URL'] = endpoint;
    try {
      return await run().catch((x: unknown) => x);
    } finally {
      process.env['AWS_ENDPOINT_URL'] = proxy.endpoint;
    }
  }

  describe('deploy', () => {
    it.each([
      ['CreateChangeSet', 'drop-after'],
      ['CreateChangeSet', 'drop-before'],
      ['ExecuteChangeSet', 'drop-after'],
      ['ExecuteChangeSet', 'drop-before'],
    ] as const)('%s %s: exit 0, the stack CREATE_COMPLETE with its 2 resources', async (action, fault) => {
      const name = fresh();
      proxy.inject(action, fault);
      const { d, lines } = deps();
      const t0 = Date.now();
      const code = await deploy(deployOptions(name), d);
      if (process.env['FAULT_DEBUG']) process.stderr.write(`${Date.now() - t0}ms\n${lines.join('\n')}\n${proxy.log.join(' ')}\n`);
      expect(code).toBe(EXIT.ok);
      expect(proxy.log).toContain(`${action} ${fault}`);
      expect(lines.some((l) => l.startsWith(`${action}: `))).toBe(true); // it said it was resolving the lost answer
      expect(await stateOf(name)).toEqual({ status: 'CREATE_COMPLETE', resources: 2 });
      d.cfn.destroy();
    });

    it('every call throttled 5 times: exit 0, CREATE_COMPLETE with its 2 resources, one line per retry', async () => {
      const name = fresh();
      const actions = [
        'ValidateTemplate',
        'DescribeStacks',
        'CreateChangeSet',
        'DescribeChangeSet',
        'ExecuteChangeSet',
        'DescribeStackEvents',
        'ListStackResources',
      ];
      for (const a of actions) proxy.inject(a, 'throttle', 5);
      const { d, lines } = deps();
      expect(await deploy(deployOptions(name), d)).toBe(EXIT.ok);
      for (const a of actions) expect(lines.filter((l) => l.includes(`(${a}): throttled; retry`))).toHaveLength(5);
      expect(await stateOf(name)).toEqual({ status: 'CREATE_COMPLETE', resources: 2 });
      d.cfn.destroy();
    });

    it('a stall in the middle of following (a request that never answers): timed out, retried, exit 0, CREATE_COMPLETE', async () => {
      const name = fresh();
      proxy.inject('DescribeStackEvents', 'hang', 1, 'ExecuteChangeSet');
      const { d, lines } = deps({ timeouts: QUICK });
      expect(await deploy(deployOptions(name), d)).toBe(EXIT.ok);
      expect(lines.some((l) => /\(reading the events of fault-\d+ \(DescribeStackEvents\): TimeoutError/.test(l))).toBe(true);
      expect(await stateOf(name)).toEqual({ status: 'CREATE_COMPLETE', resources: 2 });
      d.cfn.destroy();
    });

    it('an endpoint that accepts connections and never answers: --dry-run ends at the deadline (exit 5), nothing created', async () => {
      const name = fresh();
      const hanging = await startFaultProxy(moto?.endpoint ?? '');
      hanging.hangEverything();
      const { d } = deps({ timeouts: QUICK });
      const e = await viaEndpoint(hanging.endpoint, () => deploy(deployOptions(name, { dryRun: true, timeoutMs: 4000 }), d));
      expect(e).toBeInstanceOf(WaitDeadlineError);
      expect((e as WaitDeadlineError).exitCode).toBe(5);
      // The last request is cut at the deadline, or the deadline falls between retries of timed-out requests.
      expect((e as Error).message).toMatch(
        /^Reached the time limit \(--timeout\) while validating the template \(ValidateTemplate\)(: no answer yet\.|, which kept failing: TimeoutError)/,
      );
      expect(hanging.log.length).toBeGreaterThan(0);
      expect(await stateOf(name)).toEqual({ status: 'none', resources: 0 });
      d.cfn.destroy();
      await hanging.close();
    });

    it('a refused endpoint: one line per retry, and before anything changed it gives up within 30 s (exit 2); waits on an injected clock', async () => {
      const name = fresh();
      const gone = await startFaultProxy(moto?.endpoint ?? '');
      await gone.close(); // nothing listens on its port now: connections are refused
      const { d, lines } = deps();
      const t0 = Date.now();
      let t = t0;
      d.now = () => new Date(t);
      d.sleep = async (ms) => {
        t += ms;
      };
      const e = await viaEndpoint(gone.endpoint, () => deploy(deployOptions(name), d));
      expect(e).toBeInstanceOf(AwsSetupError);
      expect((e as AwsSetupError).exitCode).toBe(2);
      expect((e as Error).message).toMatch(/^The AWS endpoint refused the connection while validating the template \(ValidateTemplate\)/);
      const retries = lines.filter((l) => l.startsWith('(validating the template (ValidateTemplate): '));
      expect(retries.length).toBeGreaterThanOrEqual(3);
      for (const [i, l] of retries.entries()) expect(l).toMatch(new RegExp(`ECONNREFUSED.*; retry ${i + 1} in \\d+\\.\\ds\\)$`));
      expect(t - t0).toBeLessThanOrEqual(30_000);
      d.cfn.destroy();
    });

    it('Ctrl-C during a request that hangs ends the deploy at once (exit 130), nothing created', async () => {
      const name = fresh();
      proxy.inject('ValidateTemplate', 'hang');
      const ctrlC = new AbortController();
      const { d } = deps({ timeouts: { connectMs: 1000, responseMs: 600_000 }, interrupt: ctrlC.signal });
      const running = deploy(deployOptions(name), d).catch((x: unknown) => x);
      await proxy.nextHang();
      ctrlC.abort();
      const e = await running;
      expect(e).toBeInstanceOf(InterruptedError);
      expect((e as InterruptedError).exitCode).toBe(130);
      expect(await stateOf(name)).toEqual({ status: 'none', resources: 0 });
      d.cfn.destroy();
    });

    it('Ctrl-C during a hung request while following: exit 130, and CloudFormation carries on (CREATE_COMPLETE)', async () => {
      const name = fresh();
      const ctrlC = new AbortController();
      const { d, lines } = deps({ timeouts: { connectMs: 1000, responseMs: 600_000 }, interrupt: ctrlC.signal });
      proxy.inject('DescribeStackEvents', 'hang', 1, 'ExecuteChangeSet');
      const running = deploy(deployOptions(name), d);
      await proxy.nextHang();
      ctrlC.abort();
      expect(await running).toBe(EXIT.interrupted);
      expect(lines.find((l) => l.startsWith('Stopped following (Ctrl-C)'))).toMatch(
        /^Stopped following \(Ctrl-C\)\. CloudFormation carries on: stack fault-\d+ is /,
      );
      expect(await stateOf(name)).toEqual({ status: 'CREATE_COMPLETE', resources: 2 });
      d.cfn.destroy();
    });
  });

  describe('destroy', () => {
    async function created(): Promise<string> {
      const name = fresh();
      const { d } = deps();
      expect(await deploy(deployOptions(name), d)).toBe(EXIT.ok);
      d.cfn.destroy();
      return name;
    }

    it.each([['drop-after'], ['drop-before'], ['throttle']] as const)('DeleteStack %s: exit 0, the stack gone', async (fault) => {
      const name = await created();
      proxy.inject('DeleteStack', fault, fault === 'throttle' ? 5 : 1);
      const { d, lines } = deps();
      expect(await destroy({ stackName: name, yes: true }, d)).toBe(DESTROY_EXIT.ok);
      expect(proxy.log).toContain(`DeleteStack ${fault}`);
      expect(lines.some((l) => /^Stack fault-\d+: DELETE_COMPLETE/.test(l))).toBe(true);
      expect(await stateOf(name)).toEqual({ status: 'none', resources: 0 });
      d.cfn.destroy();
    });

    it('every call throttled 5 times and a stall while following: exit 0, the stack gone', async () => {
      const name = await created();
      for (const a of ['DescribeStacks', 'ListStackResources', 'GetTemplate', 'DescribeStackEvents']) proxy.inject(a, 'throttle', 5);
      proxy.inject('DescribeStackEvents', 'hang', 1, 'DeleteStack');
      const { d } = deps({ timeouts: { connectMs: 2000, responseMs: 4000 } });
      const running = destroy({ stackName: name, yes: true }, d);
      expect(await running).toBe(DESTROY_EXIT.ok);
      expect(await stateOf(name)).toEqual({ status: 'none', resources: 0 });
      d.cfn.destroy();
    });

    it('Ctrl-C during a request that hangs, before deleting: exit 130, the stack untouched', async () => {
      const name = await created();
      proxy.inject('GetTemplate', 'hang');
      const ctrlC = new AbortController();
      const { d, lines } = deps({ timeouts: { connectMs: 1000, responseMs: 600_000 }, interrupt: ctrlC.signal });
      const running = destroy({ stackName: name, yes: true }, d);
      await proxy.nextHang();
      ctrlC.abort();
      expect(await running).toBe(DESTROY_EXIT.interrupted);
      expect(lines.at(-1)).toBe(`Interrupted (Ctrl-C) before deleting: stack ${name} was not deleted.`);
      expect(await stateOf(name)).toEqual({ status: 'CREATE_COMPLETE', resources: 2 });
      d.cfn.destroy();
    });

    it('an endpoint that never answers: ends at the deadline (exit 5), the stack untouched', async () => {
      const name = await created();
      const hanging = await startFaultProxy(moto?.endpoint ?? '');
      hanging.hangEverything();
      const { d } = deps({ timeouts: QUICK });
      const e = await viaEndpoint(hanging.endpoint, () => destroy({ stackName: name, yes: true, timeoutMs: 4000 }, d));
      expect(e).toBeInstanceOf(WaitDeadlineError);
      expect((e as WaitDeadlineError).exitCode).toBe(5);
      expect(hanging.log.length).toBeGreaterThan(0);
      expect(await stateOf(name)).toEqual({ status: 'CREATE_COMPLETE', resources: 2 });
      d.cfn.destroy();
      await hanging.close();
    });
  });

  /**
   * The real command (dist/cli.cjs, bundled once here) in a child process, through the proxy:
   * what a CI job sees, exit code included.
   */
  describe('the command line (dist/cli.cjs)', () => {
    const root = join(__dirname, '..', '..');
    const CLI = join(root, 'dist', 'cli.cjs');
    let dir: string;
    beforeAll(() => {
      execFileSync(process.execPath, [join(root, 'scripts', 'bundle.mjs'), 'cli'], { cwd: root, stdio: 'ignore' });
      dir = mkdtempSync(join(tmpdir(), 'fargate-oidc-cli-'));
    });

    /** The environment the command runs in: the proxy as its endpoint, dummy keys, no terminal. */
    const env = (): NodeJS.ProcessEnv => ({
      PATH: process.env['PATH'],
      HOME: dir,
      AWS_ENDPOINT_URL: proxy.endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      NO_COLOR: '1',
    });

    interface Ran {
      code: number | null;
      stdout: string;
      stderr: string;
    }

    /** Runs `fargate-oidc ARGS`; `pipe` (e.g. "head -1") reads its stdout, and the code is the command's own (PIPESTATUS). */
    function start(args: string[], o: { pipe?: string } = {}): { child: ChildProcess; done: Promise<Ran> } {
      const quoted = [CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
      const child = o.pipe
        ? spawn('bash', ['-c', `"${process.execPath}" ${quoted} | ${o.pipe}; exit \${PIPESTATUS[0]}`], { cwd: dir, env: env() })
        : spawn(process.execPath, [CLI, ...args], { cwd: dir, env: env() });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
      const done = new Promise<Ran>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
      return { child, done };
    }
    const cli = (args: string[], o: { pipe?: string } = {}): Promise<Ran> => start(args, o).done;

    function templateFile(name: string): string {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, SMALL(name));
      return file;
    }
    const deployArgs = (name: string, ...more: string[]): string[] => [
      'deploy',
      '--stack-name',
      name,
      '--template-file',
      templateFile(name),
      ...more,
    ];

    it('--version and -V print the version, --help and -h the usage (exit 0)', async () => {
      const version = (JSON.parse(execFileSync('cat', [join(root, 'package.json')]).toString()) as { version: string }).version;
      for (const flag of ['--version', '-V']) expect(await cli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
      for (const flag of ['--help', '-h']) {
        const r = await cli([flag]);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^Usage: fargate-oidc <command> \[options\]/);
      }
    });

    it('deploy --yes | head -1: the reader leaves before anything changed: exit 141, nothing left behind', async () => {
      const name = fresh();
      const from = proxy.log.length;
      const r = await cli(deployArgs(name, '--yes'), { pipe: 'head -1' });
      expect(r.stdout).toBe(
        `Template: ${join(dir, `${name}.yaml`)}, sha256 ${r.stdout.split('sha256 ')[1]?.split(' ')[0] ?? ''} (${Buffer.byteLength(SMALL(name))} bytes)\n`,
      );
      expect(r.code).toBe(141);
      expect(proxy.log.slice(from).filter((l) => l.startsWith('ExecuteChangeSet'))).toEqual([]);
      expect(await stateOf(name)).toEqual({ status: 'none', resources: 0 });
    });

    it('a deploy that rolls back, piped into head -9: it carries on quietly to the end and exits 1, not 0', async () => {
      const name = fresh();
      proxy.inject('DescribeStacks', 'rollback', 50, 'ExecuteChangeSet');
      const from = proxy.log.length;
      const r = await cli(deployArgs(name, '--yes'), { pipe: 'head -9' });
      expect(r.code).toBe(1);
      expect(r.stdout.split('\n').length).toBeLessThanOrEqual(10);
      // It followed to the final status after the reader left.
      const log = proxy.log.slice(from);
      expect(log.lastIndexOf('DescribeStacks rollback')).toBeGreaterThan(log.indexOf('ExecuteChangeSet'));
      expect(await stateOf(name)).toEqual({ status: 'CREATE_COMPLETE', resources: 2 }); // what moto holds; the proxy said ROLLBACK_COMPLETE
      proxy.clear('DescribeStacks');
    });

    it('a rollback without a pipe: exit 1 and the failure summary', async () => {
      const name = fresh();
      proxy.inject('DescribeStacks', 'rollback', 50, 'ExecuteChangeSet');
      const r = await cli(deployArgs(name, '--yes'));
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`Stack ${name}: ROLLBACK_COMPLETE after`);
      expect(r.stdout).toContain('The stack was never created and can only be deleted.');
      proxy.clear('DescribeStacks');
    });

    it.each([
      ['SIGTERM', 143],
      ['SIGHUP', 129],
      ['SIGINT', 130],
    ] as const)(
      '%s while following: stops at once, prints the status and how to keep watching, exit %i; CloudFormation carries on',
      async (signal, code) => {
        const name = fresh();
        proxy.inject('DescribeStackEvents', 'hang', 1, 'ExecuteChangeSet');
        const run = start(deployArgs(name, '--yes'));
        await proxy.nextHang();
        const sent = Date.now();
        run.child.kill(signal);
        const r = await run.done;
        expect(Date.now() - sent).toBeLessThan(1000);
        expect(r.code).toBe(code);
        const stop = signal === 'SIGINT' ? 'Ctrl-C' : signal;
        expect(r.stdout).toMatch(new RegExp(`Stopped following \\(${stop}\\)\\. CloudFormation carries on: stack ${name} is `));
        expect(r.stdout).toMatch(/Keep watching: aws cloudformation describe-stack-events --stack-name arn:/);
        expect(await stateOf(name)).toEqual({ status: 'CREATE_COMPLETE', resources: 2 });
      },
    );

    it('SIGTERM before executing: the change set is removed, nothing changed, exit 143', async () => {
      const name = fresh();
      proxy.inject('DescribeChangeSet', 'hang');
      const run = start(deployArgs(name, '--yes'));
      await proxy.nextHang();
      run.child.kill('SIGTERM');
      const r = await run.done;
      expect(r.code).toBe(143);
      expect(r.stdout).toContain('Interrupted (SIGTERM) before executing: the stack was not changed.');
      expect(await stateOf(name)).toEqual({ status: 'none', resources: 0 });
    });

    it("ExecuteChangeSet answered by a proxy's HTML page (200): a lost answer, read and executed again: exit 0, CREATE_COMPLETE", async () => {
      const name = fresh();
      proxy.inject('ExecuteChangeSet', 'html');
      const r = await cli(deployArgs(name, '--yes'));
      expect(r.stdout).toContain('ExecuteChangeSet: MalformedAnswer: HTTP 200 without a well-formed AWS answer');
      expect(r.stdout).toContain('It did not run (ExecutionStatus AVAILABLE): executing it again.');
      expect(r.code).toBe(0);
      expect(await stateOf(name)).toEqual({ status: 'CREATE_COMPLETE', resources: 2 });
    });

    it('ExecuteChangeSet always answered by HTML: "not executed" at once (exit 1), never "CloudFormation carries on"', async () => {
      const name = fresh();
      proxy.inject('ExecuteChangeSet', 'html', 10);
      const r = await cli(deployArgs(name, '--yes'));
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('was not executed: after 4 calls whose answers were lost');
      expect(r.stdout + r.stderr).not.toContain('carries on');
      expect(await stateOf(name)).toEqual({ status: 'REVIEW_IN_PROGRESS', resources: 0 });
      proxy.clear('ExecuteChangeSet');
      expect(await cli(['destroy', '--stack-name', name, '--yes'])).toMatchObject({ code: 0 });
      expect(await stateOf(name)).toEqual({ status: 'none', resources: 0 });
    });

    it('ExecuteChangeSet took effect but its 200 answer was cut in half: read, it ran: exit 0', async () => {
      const name = fresh();
      proxy.inject('ExecuteChangeSet', 'truncate');
      const r = await cli(deployArgs(name, '--yes'));
      expect(r.stdout).toMatch(/ExecuteChangeSet: .*HTTP 200.*Reading the change set to see whether it ran/);
      expect(r.stdout).toContain('It ran (ExecutionStatus EXECUTE_COMPLETE).');
      expect(r.code).toBe(0);
      expect(await stateOf(name)).toEqual({ status: 'CREATE_COMPLETE', resources: 2 });
    });

    it('DescribeStacks answered by HTML is not "no such stack": retried, and the update goes on (exit 0)', async () => {
      const name = fresh();
      expect((await cli(deployArgs(name, '--yes'))).code).toBe(0);
      proxy.inject('DescribeStacks', 'html', 2);
      const r = await cli(deployArgs(name, '--yes'));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Stack ${name} in us-east-1: update (now CREATE_COMPLETE)`);
    });

    it('DeleteStack answered by HTML: read, deleted again: exit 0, the stack gone', async () => {
      const name = fresh();
      expect((await cli(deployArgs(name, '--yes'))).code).toBe(0);
      proxy.inject('DeleteStack', 'html');
      const r = await cli(['destroy', '--stack-name', name, '--yes']);
      expect(r.stdout).toContain('DeleteStack: MalformedAnswer');
      expect(r.code).toBe(0);
      expect(await stateOf(name)).toEqual({ status: 'none', resources: 0 });
    });

    it('a 503 with Retry-After is retried after the seconds it asks for', async () => {
      const name = fresh();
      proxy.inject('ValidateTemplate', 'retry-after');
      const r = await cli(deployArgs(name, '--dry-run'));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`retry 1 in ${RETRY_AFTER_SECONDS.toFixed(1)}s)`);
    });

    it('RequestExpired says to check the clock (exit 2), before anything changed', async () => {
      const name = fresh();
      proxy.inject('ValidateTemplate', 'request-expired');
      const r = await cli(deployArgs(name, '--yes'));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("check this machine's clock");
      expect(await stateOf(name)).toEqual({ status: 'none', resources: 0 });
    });

    it('credentials that expire after the operation started: the stack id, that CloudFormation carries on, and how to watch (exit 2)', async () => {
      const name = fresh();
      proxy.inject('DescribeStackEvents', 'expired-token', 1, 'ExecuteChangeSet');
      const r = await cli(deployArgs(name, '--yes'));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Your AWS credentials have expired \(ExpiredToken\)/);
      expect(r.stderr).toMatch(
        new RegExp(
          `The create of stack ${name} had started, and CloudFormation carries on with it \\(stack id arn:aws:cloudformation:us-east-1:\\d+:stack/${name}/`,
        ),
      );
      expect(r.stderr).toMatch(/or wait for it: aws cloudformation wait stack-create-complete --stack-name arn:/);
      expect(await stateOf(name)).toEqual({ status: 'CREATE_COMPLETE', resources: 2 });
    });

    it('destroy removes a stack left in REVIEW_IN_PROGRESS (deploy --dry-run --keep-change-set) with its change set: exit 0', async () => {
      const name = fresh();
      expect((await cli(deployArgs(name, '--dry-run', '--keep-change-set'))).code).toBe(0);
      expect(await stateOf(name)).toEqual({ status: 'REVIEW_IN_PROGRESS', resources: 0 });
      const r = await cli(['destroy', '--stack-name', name, '--yes']);
      expect(r.stdout).toMatch(
        new RegExp(
          `Stack ${name} in us-east-1 \\(REVIEW_IN_PROGRESS\\) was made for a change set that was never executed: it holds no resources\\. Deleting it removes it and its change set ${name}-\\d{8}T\\d{6}Z\\.`,
        ),
      );
      expect(r.code).toBe(0);
      expect(await stateOf(name)).toEqual({ status: 'none', resources: 0 });
    });
  });
});
