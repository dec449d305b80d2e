/**
 * The fault-injection suite: deploy and destroy, with the real SDK clients over real HTTP,
 * through test/fault-proxy.ts in front of a moto_server. Each test names the exit code and the
 * state moto is left in (read from moto directly, not through the proxy).
 *
 * Pauses between retries are real but short (the jitter's random number is fixed low), and the
 * request timeouts are small, so each test takes a few seconds. No assertion depends on timing:
 * jest's own timeout only guards against a hang, which is the defect being tested.
 */
import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand, ValidateTemplateCommand } from '@aws-sdk/client-cloudformation';
import { cloudFormationClient, type RequestTimeouts } from '../../src/aws/clients';
import { realSleep } from '../../src/aws/poll';
import { templateFromFile } from '../../src/stack/template';
import { InterruptedError, WaitDeadlineError } from '../../src/errors';
import { deploy, type DeployDeps, type DeployOptions, EXIT } from '../../src/stack/deploy';
import { destroy, DESTROY_EXIT, type DestroyDeps } from '../../src/stack/destroy';
import { makeColors } from '../../src/ui/color';
import { type FaultProxy, startFaultProxy } from '../fault-proxy';
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
      const actions = ['ValidateTemplate', 'DescribeStacks', 'CreateChangeSet', 'DescribeChangeSet', 'ExecuteChangeSet', 'DescribeStackEvents', 'ListStackResources'];
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
      expect((e as Error).message).toMatch(/^Reached the time limit \(--timeout\) while validating the template \(ValidateTemplate\)(: no answer yet\.|, which kept failing: TimeoutError)/);
      expect(hanging.log.length).toBeGreaterThan(0);
      expect(await stateOf(name)).toEqual({ status: 'none', resources: 0 });
      d.cfn.destroy();
      await hanging.close();
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
      expect(lines.find((l) => l.startsWith('Stopped following (Ctrl-C)'))).toMatch(/^Stopped following \(Ctrl-C\)\. CloudFormation carries on: stack fault-\d+ is /);
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
});
