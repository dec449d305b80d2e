/**
 * Deploy benchmark: against a simulated CloudFormation (test/stack/fake-cloud.ts: the real
 * SDK client and commands answered by aws-sdk-client-mock on a virtual clock) whose change
 * set and stack finish after set times, how long after completion `deploy` notices, and how
 * many API calls one deploy makes. Beside it, what the SDK waiters' defaults would give
 * (minDelay 30 s, maxDelay 120 s, exponential backoff with jitter, as in @smithy/util-waiter).
 *
 * Virtual time: no real waiting, so the figures are exact for the polling schedule and the
 * run takes about a second. `npm run bench` calls `benchDeploy()`. The template is the project's
 * under the 51,200-byte body limit (test/stack/body-sized-template.ts): the managed bucket's
 * upload is not what this measures.
 */
import { ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { deploy } from '../src/stack/deploy';
import { bodySizedTemplate } from '../test/stack/body-sized-template';
import { fakeCloud, type ScriptedEvent } from '../test/stack/fake-cloud';

const TARGET_P95_MS = 2000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Seeded jitter so the waiter model prints the same figures every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** When a smithy waiter (first check at once, then jittered backoff) first sees `doneAt`. */
function waiterNotices(doneAt: number, random: () => number, minDelay = 30_000, maxDelay = 120_000): number {
  const ceiling = Math.log(maxDelay / minDelay) / Math.log(2) + 1;
  let t = 0;
  for (let attempt = 1; t < doneAt; attempt++) {
    const delay = attempt > ceiling ? maxDelay : minDelay + random() * (minDelay * 2 ** (attempt - 1) - minDelay);
    t += delay;
  }
  return t - doneAt;
}

function createEvents(doneMs: number): ScriptedEvent[] {
  return [
    { at: 0, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'CREATE_IN_PROGRESS', reason: 'User Initiated' },
    { at: Math.floor(doneMs / 3), id: 'LogGroup', type: 'AWS::Logs::LogGroup', status: 'CREATE_IN_PROGRESS' },
    { at: Math.floor((2 * doneMs) / 3), id: 'LogGroup', type: 'AWS::Logs::LogGroup', status: 'CREATE_COMPLETE' },
    { at: doneMs, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'CREATE_COMPLETE' },
  ];
}

/** One simulated create: latencies (ms) of noticing the change set and the stack, and API calls. */
async function oneDeploy(changeSetMs: number, stackMs: number) {
  const f = fakeCloud({ changeSetMs, execution: createEvents(stackMs), changes: [] }, 'web');
  const code = await deploy(
    { stackName: 'web', template: bodySizedTemplate(), parameters: { GitHubOrg: 'acme', GitHubRepo: 'web' }, tags: [], yes: true },
    f.deps,
  );
  const { changeSetAt, executedAt } = f.marks();
  if (code !== 0 || changeSetAt === undefined || executedAt === undefined) {
    throw new Error(`simulated deploy failed (exit ${code}): ${f.lines.slice(-3).join(' | ')}`);
  }
  // Calls while following: everything after ExecuteChangeSet, over the time from it to the end.
  const all = f.mock.calls();
  const executeIndex = all.findIndex((c) => c.args[0] instanceof ExecuteChangeSetCommand);
  return {
    changeSet: executedAt - (changeSetAt + changeSetMs),
    stack: f.elapsed() - (executedAt + stackMs),
    calls: all.length,
    followPerMinute: (all.length - executeIndex - 1) / ((f.elapsed() - executedAt) / 60_000),
  };
}

export async function benchDeploy(): Promise<string[]> {
  const changeSet: number[] = [];
  const stack: number[] = [];
  const calls: number[] = [];
  const followPerMinute: number[] = [];
  const waiterChangeSet: number[] = [];
  const waiterStack: number[] = [];
  const random = seeded(7);
  // Change sets finishing between 2 s and 30 s, stacks between 20 s and 10 min, at odd steps
  // so completions fall at every phase of the polling schedule.
  for (let cs = 2000; cs <= 30_000; cs += 1733) {
    for (let st = 20_000; st <= 600_000; st += 37_013) {
      const r = await oneDeploy(cs, st);
      changeSet.push(r.changeSet);
      stack.push(r.stack);
      calls.push(r.calls);
      followPerMinute.push(r.followPerMinute);
      waiterChangeSet.push(waiterNotices(cs, random));
      waiterStack.push(waiterNotices(st, random));
    }
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const p95 = Math.max(percentile(changeSet, 95), percentile(stack, 95));
  return [
    `deploy, simulated CloudFormation (${changeSet.length} creates; change sets 2-30 s, stacks 20 s-10 min):`,
    `  noticed after the change set is ready:   p50 ${s(percentile(changeSet, 50))}, p95 ${s(percentile(changeSet, 95))}, max ${s(Math.max(...changeSet))}`,
    `  noticed after the stack completes:       p50 ${s(percentile(stack, 50))}, p95 ${s(percentile(stack, 95))}, max ${s(Math.max(...stack))}`,
    `  SDK waiter defaults (30-120 s backoff):  change set p95 ${s(percentile(waiterChangeSet, 95))}, stack p95 ${s(percentile(waiterStack, 95))}`,
    `  API calls per deploy: median ${percentile(calls, 50)}, max ${Math.max(...calls)}`,
    `  API calls per minute while following: median ${percentile(followPerMinute, 50).toFixed(0)}, max ${Math.max(...followPerMinute).toFixed(0)} ` +
      '(events every 1-2 s, the stack status every fifth poll or on a stack event)',
    `  target p95 <= ${s(TARGET_P95_MS)}: ${p95 <= TARGET_P95_MS ? 'met' : 'NOT met'}`,
  ];
}
