import {
  CancelUpdateStackCommand,
  type Change,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { deploy, type DeployOptions, EXIT } from '../../src/stack/deploy';
import type { DeployTemplate } from '../../src/stack/template';
import { MANAGED_BUCKET_STACK } from '../../src/stack/managed-bucket';
import { bodySizedTemplate } from './body-sized-template';
import { InterruptedError, StackStateError, type UserError } from '../../src/errors';
import { makeColors } from '../../src/ui/color';
import { terminalPrinter } from '../../src/ui/progress';
import { BASE, connectionReset, fakeCloud, type Scenario, type ScriptedEvent, STACK_ID, throttling } from './fake-cloud';

const template = bodySizedTemplate();
const REQUIRED = { GitHubOrg: 'acme', GitHubRepo: 'web' };

function options(o: Partial<DeployOptions> = {}): DeployOptions {
  return { stackName: 'web', template, parameters: { ...REQUIRED }, tags: [], yes: true, ...o };
}

/** Whitespace-normalised lines, so tests state content without column padding. */
function norm(lines: string[]): string[] {
  return lines.map((l) => l.replace(/\s+/g, ' ').trim());
}

const ADD_LOGS: Change = {
  Type: 'Resource',
  ResourceChange: { Action: 'Add', LogicalResourceId: 'LogGroup', ResourceType: 'AWS::Logs::LogGroup' },
};

const CREATE_EVENTS: ScriptedEvent[] = [
  { at: 500, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'CREATE_IN_PROGRESS', reason: 'User Initiated' },
  { at: 1500, id: 'LogGroup', type: 'AWS::Logs::LogGroup', status: 'CREATE_IN_PROGRESS' },
  { at: 2000, id: 'Repository', type: 'AWS::ECR::Repository', status: 'CREATE_IN_PROGRESS' },
  { at: 4000, id: 'LogGroup', type: 'AWS::Logs::LogGroup', status: 'CREATE_COMPLETE' },
  { at: 6000, id: 'Repository', type: 'AWS::ECR::Repository', status: 'CREATE_COMPLETE' },
  { at: 9000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'CREATE_COMPLETE' },
];

function createScenario(extra: Partial<Scenario> = {}): Scenario {
  return {
    changes: [ADD_LOGS],
    execution: CREATE_EVENTS,
    outputs: [
      { OutputKey: 'RepositoryUri', OutputValue: '123456789012.dkr.ecr.us-east-1.amazonaws.com/portfolio' },
      { OutputKey: 'ClusterName', OutputValue: 'portfolio' },
    ],
    ...extra,
  };
}

describe('deploy: create', () => {
  it('creates a CREATE change set with the capabilities ValidateTemplate reports, the parameters and the tags', async () => {
    const f = fakeCloud(createScenario({ capabilities: ['CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] }));
    const code = await deploy(options({ tags: [{ Key: 'env', Value: 'prod' }] }), f.deps);
    expect(code).toBe(EXIT.ok);
    expect(f.mock.commandCalls(ValidateTemplateCommand)[0]?.args[0].input).toEqual({ TemplateBody: template.body });
    const input = f.mock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
    expect(input).toEqual({
      StackName: 'web',
      ChangeSetName: 'web-20261127T100000Z',
      ChangeSetType: 'CREATE',
      ClientToken: expect.stringMatching(/^fargate-oidc-/),
      TemplateBody: template.body,
      Parameters: [
        { ParameterKey: 'GitHubOrg', ParameterValue: 'acme' },
        { ParameterKey: 'GitHubRepo', ParameterValue: 'web' },
      ],
      Capabilities: ['CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
      Tags: [{ Key: 'env', Value: 'prod' }],
      Description: 'Created by fargate-oidc deploy',
    });
    expect(f.mock.commandCalls(ExecuteChangeSetCommand)[0]?.args[0].input).toMatchObject({
      StackName: STACK_ID,
      ChangeSetName: 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/web-20261127T100000Z/x',
      ClientRequestToken: expect.stringMatching(/^fargate-oidc-/),
    });
  });

  it("polls the change set from 1 s, growing to 2 s (not the SDK waiters' 30 s), and notices it within 2 s", async () => {
    const f = fakeCloud(createScenario({ changeSetMs: 20_000 }));
    await deploy(options(), f.deps);
    // Change set: 1 s, 1.5 s, then 2 s until it is ready at 20 s: seen at 20.5 s.
    expect(f.sleeps.slice(0, 12)).toEqual([1000, 1500, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 1000]);
    expect(Math.max(...f.sleeps)).toBeLessThanOrEqual(2000);
  });

  it('waits for another operation with delays growing to 5 s', async () => {
    const f = fakeCloud({
      stack: { status: 'UPDATE_IN_PROGRESS', parameters: ['GitHubOrg', 'GitHubRepo'] },
      busyUntil: { status: 'UPDATE_IN_PROGRESS', until: BASE + 30_000, then: 'UPDATE_COMPLETE' },
      changeSetStatus: 'FAILED',
      changeSetReason: 'No updates are to be performed.',
    });
    await deploy(options({ parameters: {} }), f.deps);
    expect(f.sleeps.slice(0, 8)).toEqual([1000, 1500, 2250, 3375, 5000, 5000, 5000, 5000]);
  });

  it('prints the whole run: review, each event once and in order with elapsed time, the outputs', async () => {
    const f = fakeCloud(createScenario());
    await deploy(options(), f.deps);
    expect(norm(f.lines)).toEqual([
      `Template: compiled from src/template, sha256 ${template.sha256} (${template.bytes} bytes)`,
      'Capabilities: CAPABILITY_NAMED_IAM (The following resource(s) require capabilities: [AWS::IAM::Role])',
      'Stack web in us-east-1: create (new stack)',
      'Creating change set web-20261127T100000Z ...',
      'Action Logical id Type Replacement Changes',
      '------ ---------- ------------------- ----------- -------',
      'Add LogGroup AWS::Logs::LogGroup',
      '1 to add, 0 to modify, 0 to remove, 0 replacements',
      'Executing web-20261127T100000Z (create) ...',
      '10:00:05 +0s web AWS::CloudFormation::Stack CREATE_IN_PROGRESS User Initiated',
      '10:00:06 +1s LogGroup AWS::Logs::LogGroup CREATE_IN_PROGRESS',
      '10:00:06 +2s Repository AWS::ECR::Repository CREATE_IN_PROGRESS',
      '10:00:08 +4s LogGroup AWS::Logs::LogGroup CREATE_COMPLETE',
      '10:00:10 +6s Repository AWS::ECR::Repository CREATE_COMPLETE',
      '10:00:13 +9s web AWS::CloudFormation::Stack CREATE_COMPLETE',
      'Stack web: CREATE_COMPLETE in 9s.',
      'Outputs:',
      'Key Value',
      '------------- ------------------------------------------------------',
      'RepositoryUri 123456789012.dkr.ecr.us-east-1.amazonaws.com/portfolio',
      'ClusterName portfolio',
    ]);
  });

  it('refuses a required parameter without a value before creating any change set', async () => {
    const f = fakeCloud(createScenario());
    await expect(deploy(options({ parameters: { GitHubOrg: 'acme' } }), f.deps)).rejects.toThrow(
      'Required parameter without a value: GitHubRepo. Give them in --parameters-file or with --parameter Key=Value.',
    );
    expect(f.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  it('refuses unknown parameters and broken values before any API call', async () => {
    const f = fakeCloud(createScenario());
    await expect(deploy(options({ parameters: { ...REQUIRED, Colour: 'blue' } }), f.deps)).rejects.toThrow(
      /^Parameter Colour: the template has no such parameter\./,
    );
    await expect(deploy(options({ parameters: { ...REQUIRED, TaskCpu: '3' } }), f.deps)).rejects.toThrow(
      /^Parameter TaskCpu: "3" is not one of 256, 512/,
    );
    expect(f.mock.calls()).toHaveLength(0);
  });
});

describe('deploy: the stack state decides create or update', () => {
  it('updates an existing stack, sending UsePreviousValue for parameters not given', async () => {
    const f = fakeCloud({
      stack: { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo', 'ImageTag'] },
      changes: [ADD_LOGS],
      execution: [
        { at: 100, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
        { at: 3000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_COMPLETE' },
      ],
    });
    const code = await deploy(options({ parameters: { ImageTag: 'v2' } }), f.deps);
    expect(code).toBe(EXIT.ok);
    const input = f.mock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
    expect(input?.ChangeSetType).toBe('UPDATE');
    expect(input?.Parameters).toEqual([
      { ParameterKey: 'GitHubOrg', UsePreviousValue: true },
      { ParameterKey: 'GitHubRepo', UsePreviousValue: true },
      { ParameterKey: 'ImageTag', ParameterValue: 'v2' },
    ]);
    expect(f.lines).toContain('Stack web in us-east-1: update (now UPDATE_COMPLETE)');
  });

  it.each(['CREATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE', 'UPDATE_FAILED'])('updates a stack in %s', async (status) => {
    const f = fakeCloud({
      stack: { status, parameters: ['GitHubOrg', 'GitHubRepo'] },
      changeSetStatus: 'FAILED',
      changeSetReason: 'No updates are to be performed.',
    });
    expect(await deploy(options({ parameters: {} }), f.deps)).toBe(EXIT.ok);
    expect(f.mock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ChangeSetType).toBe('UPDATE');
  });

  it('refuses ROLLBACK_FAILED like ROLLBACK_COMPLETE: only a delete helps', async () => {
    const f = fakeCloud({ stack: { status: 'ROLLBACK_FAILED' } });
    await expect(deploy(options(), f.deps)).rejects.toThrow(/^Stack web is ROLLBACK_FAILED: its first create failed/);
  });

  it('treats REVIEW_IN_PROGRESS (a change set never executed) as new: ChangeSetType CREATE, no previous values', async () => {
    const f = fakeCloud(createScenario({ stack: { status: 'REVIEW_IN_PROGRESS', parameters: [] } }));
    expect(await deploy(options(), f.deps)).toBe(EXIT.ok);
    const input = f.mock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
    expect(input?.ChangeSetType).toBe('CREATE');
    expect(input?.Parameters?.some((p) => p.UsePreviousValue)).toBe(false);
    expect(f.lines).toContain('Stack web in us-east-1: create (REVIEW_IN_PROGRESS: nothing executed yet)');
  });

  it('refuses ROLLBACK_COMPLETE without --replace-failed-stack, with exit code 4 and the way out', async () => {
    const f = fakeCloud({ stack: { status: 'ROLLBACK_COMPLETE', reason: 'The following resource(s) failed to create: [Service].' } });
    const e = await deploy(options(), f.deps).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StackStateError);
    expect((e as UserError).exitCode).toBe(4);
    expect((e as Error).message).toBe(
      'Stack web is ROLLBACK_COMPLETE (The following resource(s) failed to create: [Service].): its first create failed, ' +
        'and such a stack can only be deleted. Re-run with --replace-failed-stack to delete and re-create it, or delete it ' +
        'yourself: aws cloudformation delete-stack --stack-name web --region us-east-1',
    );
    expect(f.mock.commandCalls(DeleteStackCommand)).toHaveLength(0);
    expect(f.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  it('with --replace-failed-stack deletes the ROLLBACK_COMPLETE stack, waits until it is gone, and creates it', async () => {
    const f = fakeCloud(createScenario({ stack: { status: 'ROLLBACK_COMPLETE' }, deleteMs: 6000 }));
    expect(await deploy(options({ replaceFailedStack: true }), f.deps)).toBe(EXIT.ok);
    expect(f.mock.commandCalls(DeleteStackCommand)[0]?.args[0].input).toEqual({
      StackName: STACK_ID,
      ClientRequestToken: expect.stringMatching(/^fargate-oidc-/),
    });
    expect(f.mock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ChangeSetType).toBe('CREATE');
    expect(f.lines).toContain('Stack web is ROLLBACK_COMPLETE: deleting it to create it again (--replace-failed-stack) ...');
    expect(f.lines).toContain('Deleted stack web.');
  });

  it('Ctrl-C while the failed stack is being deleted stops waiting and says the delete goes on (exit 130)', async () => {
    const f = fakeCloud(createScenario({ stack: { status: 'ROLLBACK_COMPLETE' }, deleteMs: 60_000 }));
    const interrupt = new AbortController();
    f.deps.interrupt = interrupt.signal;
    const sleep = f.deps.sleep;
    f.deps.sleep = (ms, signal) => {
      if (f.mock.commandCalls(DeleteStackCommand).length === 1) interrupt.abort();
      return sleep(ms, signal);
    };
    const e = await deploy(options({ replaceFailedStack: true }), f.deps).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InterruptedError);
    expect((e as InterruptedError).exitCode).toBe(130);
    expect((e as Error).message).toBe(
      'Stopped waiting (Ctrl-C) while stack web is being deleted; the delete goes on. ' +
        `Watch it with aws cloudformation describe-stacks --stack-name ${STACK_ID} --region us-east-1, then deploy again to create it.`,
    );
    expect(f.mock.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
    expect(f.lines).not.toContain('Interrupted (Ctrl-C) before executing: the stack was not changed.');
  });

  it('waits for an operation in progress, saying so, then updates', async () => {
    const f = fakeCloud({
      stack: { status: 'UPDATE_IN_PROGRESS', parameters: ['GitHubOrg', 'GitHubRepo'] },
      busyUntil: { status: 'UPDATE_IN_PROGRESS', until: BASE + 7000, then: 'UPDATE_COMPLETE' },
      changeSetStatus: 'FAILED',
      changeSetReason: 'No updates are to be performed.',
    });
    expect(await deploy(options({ parameters: {} }), f.deps)).toBe(EXIT.ok);
    expect(f.lines).toContain('Stack web is UPDATE_IN_PROGRESS: waiting for that operation to finish before deploying ...');
    expect(f.lines).toContain('Stack web is now UPDATE_COMPLETE.');
    expect(f.mock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ChangeSetType).toBe('UPDATE');
  });

  it('with --no-wait refuses an operation in progress (exit 4)', async () => {
    const f = fakeCloud({ stack: { status: 'UPDATE_ROLLBACK_IN_PROGRESS' } });
    await expect(deploy(options({ noWait: true }), f.deps)).rejects.toThrow(
      'Stack web is UPDATE_ROLLBACK_IN_PROGRESS: another operation is running. Wait for it to finish, or re-run without --no-wait to wait here.',
    );
  });

  it('explains ContinueUpdateRollback for UPDATE_ROLLBACK_FAILED', async () => {
    const f = fakeCloud({ stack: { status: 'UPDATE_ROLLBACK_FAILED' } });
    const e = (await deploy(options(), f.deps).catch((x: unknown) => x)) as StackStateError;
    expect(e.exitCode).toBe(4);
    expect(e.message).toContain('aws cloudformation continue-update-rollback --stack-name web --region us-east-1');
    expect(e.message).toContain('--resources-to-skip');
  });

  it('says what to do with DELETE_FAILED', async () => {
    const f = fakeCloud({
      stack: { status: 'DELETE_FAILED', reason: 'The repository cannot be deleted because it still contains images' },
    });
    const e = (await deploy(options(), f.deps).catch((x: unknown) => x)) as StackStateError;
    expect(e.exitCode).toBe(4);
    expect(e.message).toBe(
      'Stack web is DELETE_FAILED (The repository cannot be deleted because it still contains images): a delete did not ' +
        'finish. Remove what blocks it (e.g. empty the ECR repository), then delete it again: aws cloudformation ' +
        'delete-stack --stack-name web --region us-east-1 (add --retain-resources LogicalId to leave a resource behind); ' +
        'then deploy to create it anew.',
    );
  });
});

describe('deploy: change set outcomes', () => {
  const existing = { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo'] };

  it.each([
    "The submitted information didn't contain changes. Submit different information to create a change set.",
    'No updates are to be performed.',
  ])('an empty change set ("%s") prints No changes, deletes it and exits 0', async (reason) => {
    const f = fakeCloud({ stack: existing, changeSetStatus: 'FAILED', changeSetReason: reason });
    expect(await deploy(options({ parameters: {} }), f.deps)).toBe(EXIT.ok);
    expect(f.lines).toContain('No changes: the stack already matches the template and parameters.');
    expect(f.mock.commandCalls(DeleteChangeSetCommand)[0]?.args[0].input).toEqual({
      StackName: STACK_ID,
      ChangeSetName: 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/web-20261127T100000Z/x',
    });
    expect(f.mock.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(f.mock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('any other FAILED change set prints the reason and exits 1', async () => {
    const reason = 'Parameters: [GitHubRepo] must have values';
    const f = fakeCloud({ stack: existing, changeSetStatus: 'FAILED', changeSetReason: reason });
    expect(await deploy(options({ parameters: {} }), f.deps)).toBe(EXIT.failed);
    expect(f.lines).toContain(`Change set web-20261127T100000Z failed: ${reason}`);
    expect(f.mock.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
  });

  it('a failed CREATE change set on a new name also removes the empty REVIEW_IN_PROGRESS stack it made', async () => {
    const f = fakeCloud({ changeSetStatus: 'FAILED', changeSetReason: 'Template error: bad' });
    expect(await deploy(options(), f.deps)).toBe(EXIT.failed);
    expect(f.mock.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(f.mock.commandCalls(DeleteStackCommand)).toHaveLength(1);
    expect(f.lines).toContain('Deleted change set web-20261127T100000Z and the empty stack web (failed).');
  });
});

describe('deploy: review and confirmation', () => {
  const existing = { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo'] };
  const changes: Change[] = [
    {
      Type: 'Resource',
      ResourceChange: {
        Action: 'Modify',
        LogicalResourceId: 'Repository',
        ResourceType: 'AWS::ECR::Repository',
        Replacement: 'True',
        PolicyAction: 'ReplaceAndDelete',
        Details: [
          {
            Target: {
              Attribute: 'Properties',
              Name: 'RepositoryName',
              RequiresRecreation: 'Always',
              BeforeValue: 'portfolio',
              AfterValue: 'shop',
            },
          },
        ],
      },
    },
    {
      Type: 'Resource',
      ResourceChange: {
        Action: 'Modify',
        LogicalResourceId: 'LogGroup',
        ResourceType: 'AWS::Logs::LogGroup',
        Replacement: 'False',
        Details: [
          {
            Target: { Attribute: 'Properties', Name: 'RetentionInDays', RequiresRecreation: 'Never', BeforeValue: '14', AfterValue: '30' },
          },
        ],
      },
    },
  ];

  it('shows the table, the summary and calls out replacing a stateful resource', async () => {
    const f = fakeCloud({ stack: existing, changes });
    await deploy(options({ parameters: {}, dryRun: true }), f.deps);
    expect(norm(f.lines).slice(4, 9)).toEqual([
      'Action Logical id Type Replacement Changes',
      '------ ---------- -------------------- ----------- --------------------------------------------',
      'Modify Repository AWS::ECR::Repository REPLACE RepositoryName: portfolio → shop (recreates)',
      'Modify LogGroup AWS::Logs::LogGroup no RetentionInDays: 14 → 30',
      '0 to add, 2 to modify, 0 to remove, 1 replacement',
    ]);
    expect(f.lines).toContain(
      'WARNING: This change set replaces Repository (AWS::ECR::Repository): the old resource is deleted, and with it the images pushed to it.',
    );
  });

  it('--dry-run stops after the review, deletes the change set and exits 0', async () => {
    const f = fakeCloud({ stack: existing, changes });
    expect(await deploy(options({ parameters: {}, dryRun: true }), f.deps)).toBe(EXIT.ok);
    expect(f.mock.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(f.mock.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(f.lines.at(-1)).toBe('Deleted change set web-20261127T100000Z (dry run).');
  });

  it('--dry-run --keep-change-set keeps it and says how to execute it', async () => {
    const f = fakeCloud({ stack: existing, changes });
    expect(await deploy(options({ parameters: {}, dryRun: true, keepChangeSet: true }), f.deps)).toBe(EXIT.ok);
    expect(f.mock.commandCalls(DeleteChangeSetCommand)).toHaveLength(0);
    expect(f.lines.at(-1)).toBe(
      'Dry run: kept change set web-20261127T100000Z. To execute it: aws cloudformation execute-change-set --stack-name web --change-set-name web-20261127T100000Z --region us-east-1',
    );
  });

  it('with no terminal and no --yes, stops before executing with exit 3 and prints the command to execute', async () => {
    const f = fakeCloud({ stack: existing, changes });
    expect(await deploy(options({ parameters: {}, yes: false }), f.deps)).toBe(EXIT.didNotProceed);
    expect(EXIT.didNotProceed).toBe(3);
    expect(f.lines.slice(-3)).toEqual([
      'Not executed: no terminal to confirm in and no --yes. The change set is kept; to execute it:',
      '  aws cloudformation execute-change-set --stack-name web --change-set-name web-20261127T100000Z --region us-east-1',
      'or re-run with --yes.',
    ]);
    expect(f.mock.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(f.mock.commandCalls(DeleteChangeSetCommand)).toHaveLength(0);
  });

  it('in a terminal asks; "no" deletes the change set and exits 3, "yes" executes', async () => {
    const no = fakeCloud({ stack: existing, changes });
    const questions: string[] = [];
    no.deps.interactive = true;
    no.deps.confirm = (q) => {
      questions.push(q);
      return Promise.resolve(false);
    };
    expect(await deploy(options({ parameters: {}, yes: false }), no.deps)).toBe(EXIT.didNotProceed);
    expect(questions).toEqual(['Execute change set web-20261127T100000Z on web in us-east-1? [y/N] ']);
    expect(no.mock.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);

    const yes = fakeCloud({
      stack: existing,
      changes,
      execution: [{ at: 1000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_COMPLETE' }],
    });
    yes.deps.interactive = true;
    yes.deps.confirm = () => Promise.resolve(true);
    expect(await deploy(options({ parameters: {}, yes: false }), yes.deps)).toBe(EXIT.ok);
    expect(yes.mock.commandCalls(ExecuteChangeSetCommand)).toHaveLength(1);
  });
});

describe('deploy: following the events', () => {
  const prior: ScriptedEvent[] = [
    { at: 0, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
    { at: 0, id: 'OldThing', type: 'AWS::SNS::Topic', status: 'DELETE_COMPLETE' },
    { at: 0, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_COMPLETE' },
  ];
  const execution: ScriptedEvent[] = [
    { at: 200, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
    { at: 900, id: 'TaskDefinition', type: 'AWS::ECS::TaskDefinition', status: 'UPDATE_IN_PROGRESS' },
    { at: 1800, id: 'TaskDefinition', type: 'AWS::ECS::TaskDefinition', status: 'UPDATE_COMPLETE' },
    { at: 2500, id: 'Service', type: 'AWS::ECS::Service', status: 'UPDATE_IN_PROGRESS' },
    { at: 3100, id: 'Service', type: 'AWS::ECS::Service', status: 'UPDATE_COMPLETE' },
    { at: 7000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' },
    { at: 9000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_COMPLETE' },
  ];
  const eventLines = (lines: string[]): string[] => norm(lines).filter((l) => /^\d\d:\d\d:\d\d /.test(l));
  const withoutTimes = (l: string[]): string[] => l.map((x) => x.split(' ').slice(2).join(' '));
  const expected = [
    '10:00:04 +0s web AWS::CloudFormation::Stack UPDATE_IN_PROGRESS User Initiated',
    '10:00:05 +0s TaskDefinition AWS::ECS::TaskDefinition UPDATE_IN_PROGRESS',
    '10:00:06 +1s TaskDefinition AWS::ECS::TaskDefinition UPDATE_COMPLETE',
    '10:00:07 +2s Service AWS::ECS::Service UPDATE_IN_PROGRESS',
    '10:00:07 +3s Service AWS::ECS::Service UPDATE_COMPLETE',
    '10:00:11 +7s web AWS::CloudFormation::Stack UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
    '10:00:13 +9s web AWS::CloudFormation::Stack UPDATE_COMPLETE',
  ];
  const scenario = (): Scenario => ({
    stack: { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo'] },
    priorEvents: prior,
    changes: [ADD_LOGS],
    execution,
    pageSize: 2,
  });

  it('prints each event of this operation once, oldest first, and none of earlier operations', async () => {
    const f = fakeCloud(scenario());
    expect(await deploy(options({ parameters: {} }), f.deps)).toBe(EXIT.ok);
    expect(eventLines(f.lines)).toEqual(expected);
  });

  it('retries throttling and a dropped connection without repeating or losing events', async () => {
    const f = fakeCloud(scenario());
    f.failNext('DescribeChangeSet', throttling(), 2);
    const calls = { n: 0 };
    const sleep = f.deps.sleep;
    f.deps.sleep = (ms, signal) => {
      // Once following has started, drop the connection on the next two events calls.
      if (f.mock.commandCalls(ExecuteChangeSetCommand).length === 1 && calls.n++ === 1) {
        f.failNext('DescribeStackEvents', connectionReset(), 2);
        f.failNext('DescribeStacks', throttling(), 1);
      }
      return sleep(ms, signal);
    };
    expect(await deploy(options({ parameters: {} }), f.deps)).toBe(EXIT.ok);
    // The retries add pauses, so times differ; the events, their order and count do not.
    expect(withoutTimes(eventLines(f.lines))).toEqual(withoutTimes(expected));
    // One line per retry, saying what was being done; pauses are jittered (random 0.5 here).
    expect(f.lines.filter((l) => l.startsWith('('))).toEqual([
      '(reading change set web-20261127T100000Z (DescribeChangeSet): throttled; retry 1 in 0.5s)',
      '(reading change set web-20261127T100000Z (DescribeChangeSet): throttled; retry 2 in 1.0s)',
      '(reading the events of web (DescribeStackEvents): ECONNRESET: socket hang up; retry 1 in 0.5s)',
      '(reading the events of web (DescribeStackEvents): ECONNRESET: socket hang up; retry 2 in 1.0s)',
      '(reading stack web (DescribeStacks): throttled; retry 1 in 0.5s)',
    ]);
  });

  it('keeps following through a connection drop of several minutes: CloudFormation carries on, so do we', async () => {
    const f = fakeCloud(scenario());
    let dropped = false;
    const sleep = f.deps.sleep;
    f.deps.sleep = (ms, signal) => {
      if (!dropped && f.mock.commandCalls(ExecuteChangeSetCommand).length === 1) {
        dropped = true;
        f.failNext('DescribeStackEvents', connectionReset(), 30); // 30 failures: over three minutes of backoff
      }
      return sleep(ms, signal);
    };
    expect(await deploy(options({ parameters: {} }), f.deps)).toBe(EXIT.ok);
    const retries = f.lines.filter((l) => l.includes('ECONNRESET'));
    expect(retries).toHaveLength(30);
    expect(retries.at(-1)).toBe('(reading the events of web (DescribeStackEvents): ECONNRESET: socket hang up; retry 30 in 7.5s)');
    expect(withoutTimes(eventLines(f.lines))).toEqual(withoutTimes(expected));
  });

  it('on failure repeats the root cause after the final status: the first failed resources and their reasons', async () => {
    const f = fakeCloud({
      stack: { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo'] },
      changes: [ADD_LOGS],
      execution: [
        { at: 200, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
        { at: 900, id: 'TaskRole', type: 'AWS::IAM::Role', status: 'UPDATE_IN_PROGRESS' },
        { at: 1000, id: 'Service', type: 'AWS::ECS::Service', status: 'UPDATE_IN_PROGRESS' },
        {
          at: 2000,
          id: 'Service',
          type: 'AWS::ECS::Service',
          status: 'UPDATE_FAILED',
          reason: 'Resource handler returned message: "Invalid request provided: CpuArchitecture ARM64 is not supported"',
        },
        { at: 2100, id: 'TaskRole', type: 'AWS::IAM::Role', status: 'UPDATE_FAILED', reason: 'Resource update cancelled' },
        {
          at: 2200,
          id: 'web',
          type: 'AWS::CloudFormation::Stack',
          status: 'UPDATE_ROLLBACK_IN_PROGRESS',
          reason: 'The following resource(s) failed to update: [Service].',
        },
        { at: 5000, id: 'Service', type: 'AWS::ECS::Service', status: 'UPDATE_COMPLETE' },
        { at: 6000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_ROLLBACK_COMPLETE' },
      ],
    });
    expect(await deploy(options({ parameters: {} }), f.deps)).toBe(EXIT.failed);
    const tail = norm(f.lines).slice(-4);
    expect(tail[0]).toMatch(/^Stack web: UPDATE_ROLLBACK_COMPLETE after \d+s\. The deploy failed\.$/);
    expect(tail.slice(1)).toEqual([
      'Root cause:',
      'Service (AWS::ECS::Service) UPDATE_FAILED: Resource handler returned message: "Invalid request provided: CpuArchitecture ARM64 is not supported"',
      'The stack was rolled back to its previous state and still works. Fix the cause and deploy again.',
    ]);
  });

  it('a failed create ends in ROLLBACK_COMPLETE with advice to re-run with --replace-failed-stack', async () => {
    const f = fakeCloud(
      createScenario({
        execution: [
          { at: 200, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'CREATE_IN_PROGRESS', reason: 'User Initiated' },
          {
            at: 900,
            id: 'GitHubOidcProvider',
            type: 'AWS::IAM::OIDCProvider',
            status: 'CREATE_FAILED',
            reason: 'Provider with url https://token.actions.githubusercontent.com already exists.',
          },
          { at: 1000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'ROLLBACK_IN_PROGRESS' },
          { at: 3000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'ROLLBACK_COMPLETE' },
        ],
      }),
    );
    expect(await deploy(options(), f.deps)).toBe(EXIT.failed);
    expect(norm(f.lines).slice(-4)).toEqual([
      'Root cause:',
      'GitHubOidcProvider (AWS::IAM::OIDCProvider) CREATE_FAILED: Provider with url https://token.actions.githubusercontent.com already exists.',
      'The stack was never created and can only be deleted. Fix the cause, then re-run with --replace-failed-stack',
      '(or delete it yourself: aws cloudformation delete-stack --stack-name web --region us-east-1).',
    ]);
  });

  it('Ctrl-C stops following, leaves CloudFormation to finish, and says how to keep watching (exit 130)', async () => {
    const f = fakeCloud(scenario());
    const ctrlC = new AbortController();
    f.deps.interrupt = ctrlC.signal;
    const sleep = f.deps.sleep;
    f.deps.sleep = (ms, signal) => {
      if (f.mock.commandCalls(ExecuteChangeSetCommand).length === 1 && f.elapsed() > 5000) ctrlC.abort();
      return sleep(ms, signal);
    };
    expect(await deploy(options({ parameters: {} }), f.deps)).toBe(EXIT.interrupted);
    expect(f.lines.slice(-4)).toEqual([
      'Stopped following (Ctrl-C). CloudFormation carries on: stack web is UPDATE_IN_PROGRESS.',
      `Keep watching: aws cloudformation describe-stack-events --stack-name ${STACK_ID} --region us-east-1`,
      `or wait for it: aws cloudformation wait stack-update-complete --stack-name ${STACK_ID} --region us-east-1`,
      'Not cancelled. To cancel the update: aws cloudformation cancel-update-stack --stack-name web --region us-east-1',
    ]);
    expect(f.mock.commandCalls(CancelUpdateStackCommand)).toHaveLength(0);
  });

  it('Ctrl-C with --cancel-on-interrupt cancels the update, and says so', async () => {
    const f = fakeCloud(scenario());
    const ctrlC = new AbortController();
    f.deps.interrupt = ctrlC.signal;
    const sleep = f.deps.sleep;
    f.deps.sleep = (ms, signal) => {
      if (f.mock.commandCalls(ExecuteChangeSetCommand).length === 1 && f.elapsed() > 5000) ctrlC.abort();
      return sleep(ms, signal);
    };
    expect(await deploy(options({ parameters: {}, cancelOnInterrupt: true }), f.deps)).toBe(EXIT.interrupted);
    expect(f.mock.commandCalls(CancelUpdateStackCommand)[0]?.args[0].input).toEqual({ StackName: 'web' });
    expect(f.lines.at(-1)).toBe('Cancelling the update of web (CancelUpdateStack): CloudFormation rolls it back to the previous state.');
  });

  it('--cancel-on-interrupt with a CancelUpdateStack that keeps failing: given up after its own 10 s deadline, not minutes of retries', async () => {
    const f = fakeCloud(scenario());
    const ctrlC = new AbortController();
    f.deps.interrupt = ctrlC.signal;
    let stoppedAt = 0;
    const sleep = f.deps.sleep;
    f.deps.sleep = (ms, signal) => {
      if (f.mock.commandCalls(ExecuteChangeSetCommand).length === 1 && f.elapsed() > 5000 && !ctrlC.signal.aborted) {
        stoppedAt = f.elapsed();
        ctrlC.abort();
      }
      return sleep(ms, signal);
    };
    f.failNext('CancelUpdateStack', connectionReset(), 1000);
    expect(await deploy(options({ parameters: {}, cancelOnInterrupt: true }), f.deps)).toBe(EXIT.interrupted);
    expect(f.elapsed() - stoppedAt).toBeLessThanOrEqual(10_000 + 2000);
    expect(f.lines.at(-1)).toMatch(
      /^Could not cancel the update \(.*\)\. To cancel it: aws cloudformation cancel-update-stack --stack-name web --region us-east-1$/,
    );
  });

  it('--cancel-on-interrupt: a second signal while CancelUpdateStack is retried stops it at once', async () => {
    const f = fakeCloud(scenario());
    const first = new AbortController();
    const second = new AbortController();
    f.deps.interrupt = first.signal;
    f.deps.secondInterrupt = second.signal;
    const sleep = f.deps.sleep;
    f.deps.sleep = (ms, signal) => {
      if (f.mock.commandCalls(ExecuteChangeSetCommand).length === 1 && f.elapsed() > 5000) first.abort();
      if (f.mock.commandCalls(CancelUpdateStackCommand).length > 0) second.abort('SIGTERM');
      return sleep(ms, signal);
    };
    f.failNext('CancelUpdateStack', connectionReset(), 1000);
    expect(await deploy(options({ parameters: {}, cancelOnInterrupt: true }), f.deps)).toBe(EXIT.interrupted);
    expect(f.mock.commandCalls(CancelUpdateStackCommand)).toHaveLength(1);
    expect(f.lines.at(-1)).toBe(
      'Could not cancel the update (stopped by a second SIGTERM). To cancel it: aws cloudformation cancel-update-stack --stack-name web --region us-east-1',
    );
  });

  it('a second Ctrl-C within 3 seconds cancels the update', async () => {
    const f = fakeCloud(scenario());
    const first = new AbortController();
    const second = new AbortController();
    f.deps.interrupt = first.signal;
    f.deps.secondInterrupt = second.signal;
    f.deps.interactive = true;
    const sleep = f.deps.sleep;
    f.deps.sleep = (ms, signal) => {
      if (f.mock.commandCalls(ExecuteChangeSetCommand).length === 1 && f.elapsed() > 5000) first.abort();
      if (signal === second.signal) second.abort();
      return sleep(ms, signal);
    };
    expect(await deploy(options({ parameters: {}, yes: true }), f.deps)).toBe(EXIT.interrupted);
    expect(f.lines).toContain('Press Ctrl-C again within 3 seconds to cancel the update (CancelUpdateStack rolls it back).');
    expect(f.mock.commandCalls(CancelUpdateStackCommand)).toHaveLength(1);
  });
});

describe("deploy --env: the other environments' OIDC provider", () => {
  it('an existing stack keeps its own setting: the sibling stacks are not even read', async () => {
    const f = fakeCloud({ ...createScenario(), stack: { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo'] } });
    expect(await deploy(options({ parameters: {}, siblingStacks: ['web-staging'] }), f.deps)).toBe(EXIT.ok);
    expect(f.mock.commandCalls(DescribeStacksCommand).filter((c) => c.args[0].input.StackName === 'web-staging')).toHaveLength(0);
    expect(f.lines.some((l) => l.includes("reuses the account's GitHub OIDC provider"))).toBe(false);
  });
});

describe('deploy --env: the secrets its containers read', () => {
  it('warns, with a read-only check, about each SSM parameter that does not exist yet, naming the secret set command', async () => {
    const ssm = mockClient(SSMClient);
    ssm.on(GetParametersCommand).resolves({ Parameters: [{ Name: '/web/API_KEY' }], InvalidParameters: ['/web/DATABASE_URL'] });
    const f = fakeCloud(createScenario());
    f.deps.ssm = async () => new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const secretParameters = [
      {
        variable: 'DATABASE_URL',
        parameter: '/web/DATABASE_URL',
        command: 'printf %s "$DATABASE_URL" | npx --no fargate-oidc secret set DATABASE_URL --app web --env prod',
      },
      {
        variable: 'API_KEY',
        parameter: '/web/API_KEY',
        command: 'printf %s "$API_KEY" | npx --no fargate-oidc secret set API_KEY --app web --env prod',
      },
    ];
    expect(await deploy(options({ secretParameters }), f.deps)).toBe(EXIT.ok);
    expect(ssm.commandCalls(GetParametersCommand).map((c) => c.args[0].input)).toEqual([
      { Names: ['/web/DATABASE_URL', '/web/API_KEY'], WithDecryption: false },
    ]);
    expect(f.lines.filter((l) => l.startsWith('warning: secret'))).toEqual([
      'warning: secret DATABASE_URL: SSM parameter /web/DATABASE_URL does not exist yet, and the task cannot start without it. Write it: printf %s "$DATABASE_URL" | npx --no fargate-oidc secret set DATABASE_URL --app web --env prod',
    ]);
    ssm.restore();
  });
});

describe('deploy: --json', () => {
  it('prints one result object on stdout and the progress on stderr', async () => {
    const f = fakeCloud(createScenario());
    expect(await deploy(options({ json: true }), f.deps)).toBe(EXIT.ok);
    expect(f.stdout).toHaveLength(1);
    const result = JSON.parse(f.stdout[0] ?? '') as { [k: string]: unknown };
    expect(result).toEqual({
      stackName: 'web',
      stackId: STACK_ID,
      region: 'us-east-1',
      operation: 'create',
      changeSetName: 'web-20261127T100000Z',
      changeSetId: 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/web-20261127T100000Z/x',
      result: 'deployed',
      status: 'CREATE_COMPLETE',
      exitCode: 0,
      changes: [{ action: 'Add', logicalId: 'LogGroup', type: 'AWS::Logs::LogGroup', replacement: '', what: [] }],
      summary: { add: 1, modify: 0, remove: 0, replace: 0 },
      outputs: {
        RepositoryUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/portfolio',
        ClusterName: 'portfolio',
      },
      failures: [],
      elapsedSeconds: expect.any(Number),
    });
    expect(f.errLines).toContain('Creating change set web-20261127T100000Z ...');
    expect(f.errLines.some((l) => l.startsWith('Outputs'))).toBe(false);
  });

  it('reports failures in the result object', async () => {
    const f = fakeCloud(
      createScenario({
        execution: [
          { at: 900, id: 'Repository', type: 'AWS::ECR::Repository', status: 'CREATE_FAILED', reason: 'portfolio already exists' },
          { at: 3000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'ROLLBACK_COMPLETE' },
        ],
      }),
    );
    expect(await deploy(options({ json: true }), f.deps)).toBe(EXIT.failed);
    const result = JSON.parse(f.stdout[0] ?? '') as { result: string; exitCode: number; failures: unknown[] };
    expect(result.result).toBe('failed');
    expect(result.exitCode).toBe(1);
    expect(result.failures).toEqual([
      {
        time: '2026-11-27T10:00:05.400Z',
        logicalId: 'Repository',
        type: 'AWS::ECR::Repository',
        status: 'CREATE_FAILED',
        reason: 'portfolio already exists',
      },
    ]);
  });
});

describe('deploy: template size', () => {
  const big = (bytes: number): DeployTemplate => ({
    body: `# ${'x'.repeat(bytes - 3)}\n`,
    bytes,
    origin: 'big.yaml',
    sha256: '0'.repeat(64),
    checked: {},
    extension: 'yaml',
    parameters: {},
  });

  it('sends a template over 51,200 bytes without --s3-bucket through the managed bucket, named in the output', async () => {
    const s3Mock = mockClient(S3Client);
    s3Mock.on(PutObjectCommand).resolves({});
    const f = fakeCloud(createScenario());
    f.mock.on(DescribeStacksCommand, { StackName: MANAGED_BUCKET_STACK }).resolves({
      Stacks: [
        {
          StackName: MANAGED_BUCKET_STACK,
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(0),
          Outputs: [{ OutputKey: 'BucketName', OutputValue: 'managed-b' }],
        },
      ],
    });
    f.deps.s3 = () => Promise.resolve(new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
    expect(await deploy(options({ template: big(60_000), parameters: {} }), f.deps)).toBe(EXIT.ok);
    const put = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(put?.Bucket).toBe('managed-b');
    expect(f.mock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.TemplateURL).toBe(
      `https://managed-b.s3.us-east-1.amazonaws.com/${put?.Key}`,
    );
    expect(f.lines.join('\n')).toContain('(managed bucket managed-b)');
    s3Mock.restore();
  });

  it('refuses a template over 1 MB even with a bucket', async () => {
    const f = fakeCloud(createScenario());
    await expect(deploy(options({ template: big(1_200_000), parameters: {}, s3Bucket: 'b' }), f.deps)).rejects.toThrow(
      /is 1200000 bytes, over CloudFormation's 1000000-byte limit even through S3/,
    );
  });

  it('uploads to S3 with --s3-bucket and sends the TemplateURL', async () => {
    const s3Mock = mockClient(S3Client);
    s3Mock.on(PutObjectCommand).resolves({});
    const f = fakeCloud(createScenario());
    f.deps.s3 = () => Promise.resolve(new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
    const t = big(60_000);
    expect(await deploy(options({ template: t, parameters: {}, s3Bucket: 'my-templates' }), f.deps)).toBe(EXIT.ok);
    const put = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(put?.Bucket).toBe('my-templates');
    expect(put?.Key).toMatch(/^fargate-oidc\/web\/[0-9a-f]{16}\.yaml$/);
    expect(put?.Body).toBe(t.body);
    const url = `https://my-templates.s3.us-east-1.amazonaws.com/${put?.Key}`;
    expect(f.mock.commandCalls(ValidateTemplateCommand)[0]?.args[0].input).toEqual({ TemplateURL: url });
    expect(f.mock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.TemplateURL).toBe(url);
    s3Mock.restore();
  });

  it('uses a path-style TemplateURL for a bucket name with dots (the virtual-host certificate does not cover it)', async () => {
    const s3Mock = mockClient(S3Client);
    s3Mock.on(PutObjectCommand).resolves({});
    const f = fakeCloud(createScenario());
    f.deps.s3 = () => Promise.resolve(new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
    expect(await deploy(options({ template: big(60_000), parameters: {}, s3Bucket: 'templates.example.com' }), f.deps)).toBe(EXIT.ok);
    const key = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.Key;
    expect(f.mock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.TemplateURL).toBe(
      `https://s3.us-east-1.amazonaws.com/templates.example.com/${key}`,
    );
    s3Mock.restore();
  });
});

describe('deploy: AWS errors are one clear line', () => {
  it('AccessDenied names what was being done (exit 2)', async () => {
    const f = fakeCloud(createScenario());
    f.failNext(
      'ValidateTemplate',
      Object.assign(new Error('User: arn:aws:iam::123456789012:user/dev is not authorized to perform: cloudformation:ValidateTemplate'), {
        name: 'AccessDenied',
      }),
    );
    const e = (await deploy(options(), f.deps).catch((x: unknown) => x)) as UserError;
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe(
      'Access denied while validating the template (ValidateTemplate): User: arn:aws:iam::123456789012:user/dev is not authorized to perform: cloudformation:ValidateTemplate',
    );
  });

  it('missing credentials say how to sign in', async () => {
    const f = fakeCloud(createScenario());
    f.failNext(
      'ValidateTemplate',
      Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
    );
    await expect(deploy(options(), f.deps)).rejects.toThrow(
      'No AWS credentials found while validating the template (ValidateTemplate). Sign in (e.g. "aws sso login --profile P"), pass --profile P, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.',
    );
  });

  it('expired credentials say to sign in again', async () => {
    const f = fakeCloud(createScenario());
    f.failNext(
      'ValidateTemplate',
      Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredToken' }),
    );
    await expect(deploy(options(), f.deps)).rejects.toThrow(/^Your AWS credentials have expired \(ExpiredToken\)/);
  });
});

describe('deploy: events filter', () => {
  it('reads only the first events page before executing (one call), then pages until a known event', async () => {
    const f = fakeCloud({
      stack: { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo'] },
      priorEvents: Array.from({ length: 9 }, (_, i) => ({ at: 0, id: `Old${i}`, type: 'AWS::SNS::Topic', status: 'CREATE_COMPLETE' })),
      pageSize: 3,
      changes: [ADD_LOGS],
      execution: [{ at: 100, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'UPDATE_COMPLETE' }],
    });
    expect(await deploy(options({ parameters: {} }), f.deps)).toBe(EXIT.ok);
    const eventCalls = f.mock.commandCalls(DescribeStackEventsCommand);
    // One before executing, then one per poll (the new event and the known newest fit in page one).
    expect(eventCalls.every((c) => c.args[0].input.NextToken === undefined)).toBe(true);
    expect(f.lines.filter((l) => l.includes('Old'))).toEqual([]);
  });
});

describe('deploy: interruptions before executing and errors with --json', () => {
  it('Ctrl-C while the change set is being created deletes it and changes nothing (exit 130)', async () => {
    const f = fakeCloud({
      stack: { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo'] },
      changes: [ADD_LOGS],
      changeSetMs: 10_000,
    });
    const ctrlC = new AbortController();
    f.deps.interrupt = ctrlC.signal;
    const sleep = f.deps.sleep;
    f.deps.sleep = (ms, signal) => {
      ctrlC.abort();
      return sleep(ms, signal);
    };
    expect(await deploy(options({ parameters: {} }), f.deps)).toBe(EXIT.interrupted);
    expect(f.mock.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(f.mock.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(f.lines.at(-1)).toBe('Interrupted (Ctrl-C) before executing: the stack was not changed.');
  });

  it('with --json, an error still prints one result object, then the error is raised for the exit code', async () => {
    const f = fakeCloud({ stack: { status: 'UPDATE_ROLLBACK_FAILED' } });
    const e = (await deploy(options({ json: true }), f.deps).catch((x: unknown) => x)) as UserError;
    expect(e.exitCode).toBe(4);
    expect(f.stdout).toHaveLength(1);
    expect(JSON.parse(f.stdout[0] ?? '')).toMatchObject({ stackName: 'web', result: 'error', exitCode: 4, error: e.message });
  });

  it('with --json and no changes, the result says so', async () => {
    const f = fakeCloud({
      stack: { status: 'UPDATE_COMPLETE', parameters: ['GitHubOrg', 'GitHubRepo'] },
      changeSetStatus: 'FAILED',
      changeSetReason: 'No updates are to be performed.',
    });
    expect(await deploy(options({ parameters: {}, json: true }), f.deps)).toBe(0);
    expect(JSON.parse(f.stdout[0] ?? '')).toMatchObject({
      result: 'no-changes',
      exitCode: 0,
      status: 'UPDATE_COMPLETE',
      operation: 'update',
    });
  });
});

describe('deploy: in a terminal', () => {
  it('draws a live status line below the events and removes it at the end; colours only when enabled', async () => {
    const f = fakeCloud(createScenario());
    const written: string[] = [];
    f.deps.printer = terminalPrinter({ write: (t: string) => written.push(t), columns: 120 });
    f.deps.colors = makeColors(true);
    expect(await deploy(options(), f.deps)).toBe(EXIT.ok);
    // The status line, each distinct text once (it is redrawn under every new line).
    const statuses = written.filter((w) => /^web: \S+ \(\d+s\)$/.test(w)).filter((w, i, all) => w !== all[i - 1]);
    expect(statuses.length).toBeGreaterThan(0);
    // Right after ExecuteChangeSet the stack may still say REVIEW_IN_PROGRESS.
    expect(statuses.slice(0, 2)).toEqual(['web: REVIEW_IN_PROGRESS (0s)', 'web: CREATE_IN_PROGRESS (1s)']);
    // Every event line is written whole, after the status line was erased.
    const events = written.filter((w) => w.includes('AWS::ECR::Repository'));
    expect(events.every((w) => w.endsWith('\n'))).toBe(true);
    expect(written.at(-1)).not.toMatch(/^web: /);
    expect(written.some((w) => w.includes('\u001b[32mCREATE_COMPLETE\u001b[39m'))).toBe(true);
    expect(f.lines).toEqual([]); // nothing went around the printer
  });
});
