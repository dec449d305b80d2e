/**
 * The generated workflows' shell, run with bash: `aws lambda invoke` is a stand-in on PATH
 * (test/workflows/fake-bin/aws) that answers as the deployer would, `sleep` returns at once
 * and `date` is a clock the test moves. What the job log and the job summary say is asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildTemplate } from '../../src/template';
import { renderWorkflows } from '../../src/workflows';

type Step = { id?: string; name?: string; run?: string; env?: Record<string, string> };
const files = renderWorkflows(buildTemplate());
const steps = (file: string): Step[] => {
  const wf = parse(files[file] ?? '') as { jobs: Record<string, { steps: Step[] }> };
  return Object.values(wf.jobs)[0]?.steps ?? [];
};
const deployStep = steps('deploy.yml').find((s) => s.id === 'deploy') as Step;
const waitStep = steps('deploy.yml').find((s) => s.name === 'Wait for the rollout') as Step;
const startStopStep = steps('start-stop.yml')[1] as Step;

const DIGEST = `sha256:${'a'.repeat(64)}`;
const status = (o: { state: string; desired?: number; running?: number; stoppedReason?: string; url?: string }) =>
  JSON.stringify({
    action: 'status',
    desiredCount: o.desired ?? 1,
    runningCount: o.running ?? 0,
    pendingCount: 0,
    rollout: { state: o.state, reason: o.state === 'FAILED' ? 'tasks failed to start' : '', taskDefinition: 'arn:td:7', revision: 7 },
    stoppedReason: o.stoppedReason ?? '',
    url: o.url ?? '',
    events: ['(service portfolio) has started 1 tasks'],
  });

/** Runs `script` with bash in a fresh directory, the fake answers written first. */
function run(script: string, answers: Record<string, string>, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'wf-script-'));
  for (const [name, text] of Object.entries(answers)) writeFileSync(join(dir, name), text);
  const output = join(dir, 'github-output');
  const summary = join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const r = spawnSync('bash', ['-c', script], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: `${join(__dirname, 'fake-bin')}:${process.env['PATH'] ?? ''}`,
      FAKE_DIR: dir,
      DEPLOYER_FUNCTION: 'portfolio-deployer',
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      ...env,
    },
  });
  const calls = readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n');
  return {
    code: r.status,
    out: r.stdout,
    err: r.stderr,
    output: readFileSync(output, 'utf8'),
    summary: readFileSync(summary, 'utf8'),
    calls,
  };
}

describe('deploy.yml scripts', () => {
  it('deploys the digest and hands the revision and image to the next step', () => {
    const r = run(
      deployStep.run ?? '',
      {
        'deploy.json': JSON.stringify({
          action: 'deploy',
          image: `1.dkr.ecr.r.amazonaws.com/p@${DIGEST}`,
          digest: DIGEST,
          taskDefinition: 'arn:td:7',
          revision: 7,
        }),
      },
      { DIGEST },
    );
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([`{"action":"deploy","image":"${DIGEST}"}`]);
    expect(r.output).toBe(`revision=7\nimage=1.dkr.ecr.r.amazonaws.com/p@${DIGEST}\n`);
  });

  it("stops with the deployer's refusal in the log", () => {
    const r = run(
      deployStep.run ?? '',
      {
        'deploy.error': JSON.stringify({
          errorType: 'RefusedRequest',
          errorMessage: 'Refused: repository p has no image with digest x: push it first.',
        }),
      },
      { DIGEST },
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('::error::The deployer did not do it: Refused: repository p has no image with digest x: push it first.');
  });

  it('waits until the rollout completes, then writes the URL, revision and digest to the job summary', () => {
    const r = run(
      waitStep.run ?? '',
      {
        'status.1.json': status({ state: 'IN_PROGRESS' }),
        'status.json': status({ state: 'COMPLETED', running: 1, url: 'https://abc.execute-api.us-west-2.amazonaws.com' }),
      },
      { DIGEST, REVISION: '7', IMAGE: `img@${DIGEST}` },
    );
    expect(r.code).toBe(0);
    expect(r.calls).toHaveLength(2);
    expect(r.summary).toBe(
      '### Deployed revision 7\n- URL: https://abc.execute-api.us-west-2.amazonaws.com\n- Revision: 7\n' +
        `- Image: \`img@${DIGEST}\`\n- Digest: \`${DIGEST}\`\n`,
    );
  });

  it('fails a rollout that fails, printing why the task stopped', () => {
    const r = run(
      waitStep.run ?? '',
      { 'status.json': status({ state: 'FAILED', stoppedReason: 'CannotPullContainerError: pull access denied' }) },
      { DIGEST, REVISION: '7', IMAGE: 'x' },
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('::error::The rollout of revision 7 failed: ECS rolled back to the previous revision.');
    expect(r.out).toContain('Why the task stopped: CannotPullContainerError: pull access denied');
    expect(r.out).toContain('(service portfolio) has started 1 tasks');
  });

  it('succeeds at once for a stopped service: the revision runs at the next start', () => {
    const r = run(
      waitStep.run ?? '',
      { 'status.json': status({ state: 'IN_PROGRESS', desired: 0 }) },
      { DIGEST, REVISION: '7', IMAGE: 'x' },
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('The service is stopped: revision 7 runs at the next start.');
    expect(r.summary).toContain('- URL: (none yet: the app is stopped, or starting)');
  });

  it('fails a rollout that ECS rolled back (the newest deployment is another revision), even though that one completes', () => {
    const r = run(
      waitStep.run ?? '',
      {
        'status.json': JSON.stringify({
          ...JSON.parse(status({ state: 'COMPLETED', running: 1, stoppedReason: 'revision 7: Essential container in task exited' })),
          rollout: { state: 'COMPLETED', reason: '', taskDefinition: 'arn:td:6', revision: 6 },
        }),
      },
      { DIGEST, REVISION: '7', IMAGE: 'x' },
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('::error::Revision 7 is not the newest deployment any more (revision 6 is): ECS rolled it back.');
    expect(r.out).toContain('Why the task stopped: revision 7: Essential container in task exited');
  });

  it('fails when the rollout outlasts the time limit', () => {
    const r = run(
      waitStep.run ?? '',
      { 'status.json': status({ state: 'IN_PROGRESS' }) },
      { DIGEST, REVISION: '7', IMAGE: 'x', FAKE_CLOCK_STEP: '301' },
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('::error::Revision 7 was not rolled out within 15 minutes (rollout IN_PROGRESS).');
  });
});

describe('start-stop.yml script', () => {
  it('starts, waits for a running task and writes its URL to the summary', () => {
    const r = run(
      startStopStep.run ?? '',
      {
        'start.json': JSON.stringify({ action: 'start', desiredCount: 1 }),
        'status.1.json': status({ state: 'COMPLETED', running: 0 }),
        'status.json': status({ state: 'COMPLETED', running: 1, url: 'http://203.0.113.7:8000' }),
      },
      { ACTION: 'start' },
    );
    expect(r.code).toBe(0);
    expect(r.calls).toEqual(['{"action":"start"}', '{"action":"status"}', '{"action":"status"}']);
    expect(r.summary).toContain('### Running at http://203.0.113.7:8000');
  });

  it('stops and waits until no task runs', () => {
    const r = run(
      startStopStep.run ?? '',
      {
        'stop.json': JSON.stringify({ action: 'stop', desiredCount: 0 }),
        'status.json': status({ state: 'COMPLETED', desired: 0, running: 0 }),
      },
      { ACTION: 'stop' },
    );
    expect(r.code).toBe(0);
    expect(r.summary).toBe('### Stopped: no task runs\n');
  });

  it('fails a start whose task cannot start, printing why', () => {
    const r = run(
      startStopStep.run ?? '',
      {
        'start.json': '{}',
        'status.json': status({ state: 'FAILED', stoppedReason: 'Essential container in task exited' }),
      },
      { ACTION: 'start' },
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('Why the task stopped: Essential container in task exited');
  });
});
