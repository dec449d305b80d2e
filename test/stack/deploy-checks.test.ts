import { CreateChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { deploy, type DeployOptions } from '../../src/stack/deploy';
import { ParameterInputError } from '../../src/errors';
import { bodySizedTemplate } from './body-sized-template';
import { fakeCloud } from './fake-cloud';

const template = bodySizedTemplate();

function options(parameters: DeployOptions['parameters']): DeployOptions {
  return { stackName: 'web', template, parameters, tags: [], yes: true };
}

const EVENTS = [{ at: 500, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_COMPLETE' }];

describe('deploy checks the template Rules once it knows the stack, before any change set', () => {
  it('refuses GitHubOwnerId without GitHubRepoId for a new stack (GitHubRepoId defaults to empty)', async () => {
    const f = fakeCloud({ execution: EVENTS });
    const run = deploy(options({ GitHubOrg: 'acme', GitHubRepo: 'web', GitHubOwnerId: '123' }), f.deps);
    await expect(run).rejects.toThrow(ParameterInputError);
    await expect(deploy(options({ GitHubOrg: 'acme', GitHubRepo: 'web', GitHubOwnerId: '123' }), fakeCloud({}).deps)).rejects.toThrow(
      'Parameter GitHubOwnerId="123", GitHubRepoId="": Immutable subject claims need both GitHubOwnerId and GitHubRepoId; give both or neither. (rule GitHubIdsComeTogether)',
    );
    expect(f.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  it('takes an update that gives GitHubOwnerId when the stack already has a GitHubRepoId', async () => {
    const f = fakeCloud({
      stack: { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo', 'GitHubRepoId'] },
      changes: [],
      execution: EVENTS,
    });
    await deploy(options({ GitHubOwnerId: '123' }), f.deps);
    expect(f.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(1);
  });

  it('does not refuse an update over a value it cannot know (a parameter the stack does not report)', async () => {
    const f = fakeCloud({ stack: { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo'] }, changes: [], execution: EVENTS });
    await deploy(options({ TaskCpu: '4096' }), f.deps);
    expect(f.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(1);
  });
});

describe('a dry run says what it does', () => {
  it('never says "executing" for a change set without resource changes', async () => {
    const f = fakeCloud({ stack: { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo'] }, changes: [], execution: EVENTS });
    const code = await deploy({ ...options({ AppName: 'portfolio' }), dryRun: true }, f.deps);
    expect(code).toBe(0);
    expect(f.lines.join('\n')).not.toMatch(/executing/i);
    expect(f.lines).toContain('No resource changes: the change set updates only parameter values, tags or outputs.');
  });
});
