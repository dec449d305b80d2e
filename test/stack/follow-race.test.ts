import { deploy, type DeployOptions } from '../../src/stack/deploy';
import { bodySizedTemplate } from './body-sized-template';
import { fakeCloud, throttling } from './fake-cloud';

const options: DeployOptions = {
  stackName: 'web',
  template: bodySizedTemplate(),
  parameters: { GitHubOrg: 'acme', GitHubRepo: 'web' },
  tags: [],
  yes: true,
};

describe('following an update', () => {
  it("does not take the previous operation's final status for this one when an events call is retried", async () => {
    // DescribeStacks runs before the update's first event (still UPDATE_COMPLETE from the last
    // update); the events call is throttled, and its retry returns this update's first event.
    const f = fakeCloud({
      stack: { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo'] },
      changes: [
        { Type: 'Resource', ResourceChange: { Action: 'Modify', LogicalResourceId: 'LogGroup', ResourceType: 'AWS::Logs::LogGroup' } },
      ],
      execution: [
        { at: 200, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
        { at: 5000, id: 'LogGroup', type: 'AWS::Logs::LogGroup', status: 'UPDATE_COMPLETE' },
        { at: 8000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_COMPLETE' },
      ],
    });
    // Throttle the first DescribeStackEvents after ExecuteChangeSet.
    let executed = false;
    const origOut = f.deps.out;
    f.deps.out = (l) => {
      if (!executed && l.startsWith('Executing ')) {
        executed = true;
        f.failNext('DescribeStackEvents', throttling());
      }
      origOut(l);
    };
    const code = await deploy(options, f.deps);
    expect(code).toBe(0);
    const { executedAt } = f.marks();
    // It returned only after the update's own final event, 8 s after executing.
    expect(f.elapsed() - (executedAt as number)).toBeGreaterThanOrEqual(8000);
    expect(f.lines.some((l) => /LogGroup\s+AWS::Logs::LogGroup\s+UPDATE_COMPLETE/.test(l))).toBe(true);
  });
});

describe('the final status', () => {
  it('is followed by one more read of the events: none of the operation goes unprinted when the status read was retried (throttled)', async () => {
    const f = fakeCloud({
      stack: { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo'] },
      changes: [
        { Type: 'Resource', ResourceChange: { Action: 'Modify', LogicalResourceId: 'LogGroup', ResourceType: 'AWS::Logs::LogGroup' } },
      ],
      execution: [
        { at: 0, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
        { at: 300, id: 'LogGroup', type: 'AWS::Logs::LogGroup', status: 'UPDATE_COMPLETE' },
        { at: 400, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_COMPLETE' },
      ],
    });
    // The first status read after executing is throttled: its retries end after the events landed.
    let executed = false;
    const origOut = f.deps.out;
    f.deps.out = (l) => {
      if (!executed && l.startsWith('Executing ')) {
        executed = true;
        f.failNext('DescribeStacks', throttling(), 3);
      }
      origOut(l);
    };
    expect(await deploy(options, f.deps)).toBe(0);
    const events = f.lines.filter((l) => /^\d\d:\d\d:\d\d \+/.test(l));
    expect(events.map((l) => l.split(/\s+/).slice(2, 5).join(' '))).toEqual([
      'web AWS::CloudFormation::Stack UPDATE_IN_PROGRESS',
      'LogGroup AWS::Logs::LogGroup UPDATE_COMPLETE',
      'web AWS::CloudFormation::Stack UPDATE_COMPLETE',
    ]);
  });
});
