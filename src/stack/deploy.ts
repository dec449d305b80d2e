/**
 * `deploy`, top to bottom: template and parameters (checked before any API call), the stack's
 * state, a change set, the review, confirmation, execution, following the events, and the
 * result. Every AWS call is in src/aws; all printing goes through the injected printer and
 * `out`, so tests see exactly what a user sees.
 */
import { randomUUID } from 'node:crypto';
import type { Capability, CloudFormationClient, Stack, Tag } from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  cancelUpdateStack,
  type Cfn,
  deleteChangeSet,
  describeChangeSet,
  describeStack,
  type TemplateBodyOrUrl,
  validateTemplate,
} from '../aws/cloudformation';
import { DEFAULT_RETRY } from '../aws/call';
import { clientRegion } from '../aws/clients';
import { errorMessage } from '../aws/errors';
import { Backoff, pollUntil } from '../aws/poll';
import { uploadTemplate } from '../aws/s3';
import { listStackResources } from '../aws/stack-resources';
import { AwsSetupError, EXIT, InterruptedError, StackStateError, UserError, WaitDeadlineError } from '../errors';
import { colorStatus } from '../ui/color';
import { formatElapsed, plainPrinter, type Printer } from '../ui/progress';
import type { OperationDeps } from '../ui/operation';
import { renderTable } from '../ui/table';
import { type ChangeRow, renderReview, summarizeChanges } from './changes';
import {
  type EventSummary,
  eventsBefore,
  followStack,
  isFinalStatus,
  isSuccessStatus,
  rootCause,
  stoppedLines,
  summarizeEvent,
} from './follow';
import { createChangeSetSurely, deleteStackSurely, executeChangeSetSurely } from './outcome';
import { resourceCheck } from './resources';
import { formatDuration, operationContext, withoutLimits } from './operation';
import { checkParameterInputs, checkParameterValues, type ParameterValues, stackParameters } from './parameters';
import { checkTemplateSize, type DeployTemplate } from './template';

/** Exit codes: the CLI's one table (src/errors.ts), re-exported for the deploy's callers. */
export { EXIT };

/** Default time limit of a deploy, from start to the stack's final status: 60 minutes. */
export const DEFAULT_DEPLOY_TIMEOUT_MS = 60 * 60_000;

/** What the user asked for. */
export interface DeployOptions {
  stackName: string;
  template: DeployTemplate;
  /** Values from the parameters file and --parameter (the flags win). */
  parameters: ParameterValues;
  tags: Tag[];
  s3Bucket?: string;
  yes?: boolean;
  dryRun?: boolean;
  keepChangeSet?: boolean;
  replaceFailedStack?: boolean;
  noWait?: boolean;
  json?: boolean;
  cancelOnInterrupt?: boolean;
  /** Time limit of the whole deploy in ms (--timeout; default {@link DEFAULT_DEPLOY_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/** The world the flow talks to, injected so tests control all of it. */
export interface DeployDeps extends OperationDeps {
  cfn: CloudFormationClient;
  /** Made only when the template goes through S3. */
  s3: () => Promise<S3Client>;
  /** Standard error: human lines with --json (where `out` carries the one JSON object). */
  err: (line: string) => void;
  /** Aborted by a second Ctrl-C: cancel the update. */
  secondInterrupt?: AbortSignal;
}

/** The machine-readable result (`--json`). */
export interface DeployResult {
  stackName: string;
  stackId?: string;
  region?: string;
  operation?: 'create' | 'update';
  changeSetName?: string;
  changeSetId?: string;
  result: 'deployed' | 'no-changes' | 'dry-run' | 'not-confirmed' | 'failed' | 'interrupted' | 'timed-out' | 'error';
  /** With result "error": the message also printed on stderr. */
  error?: string;
  status?: string;
  exitCode: number;
  changes: ChangeRow[];
  summary?: { add: number; modify: number; remove: number; replace: number };
  outputs: { [key: string]: string };
  failures: EventSummary[];
  elapsedSeconds?: number;
}

/** Stack statuses that take an update change set. */
const UPDATABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
  // With rollback disabled a failed operation leaves these, and they take updates.
  'CREATE_FAILED',
  'UPDATE_FAILED',
]);

/** The change set name: the stack name and a UTC timestamp, e.g. `web-20261127T221142Z`. */
export function changeSetName(stackName: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stackName.slice(0, 128 - stamp.length - 1)}-${stamp}`;
}

/**
 * Runs the deploy; returns the exit code. Throws UserError subclasses for input and state
 * problems (with --json, after printing the result object with `result: "error"`).
 */
export async function deploy(o: DeployOptions, d: DeployDeps): Promise<number> {
  const result: DeployResult = { stackName: o.stackName, result: 'failed', exitCode: EXIT.failed, changes: [], outputs: {}, failures: [] };
  try {
    return await run(o, d, result);
  } catch (e) {
    if (o.json && e instanceof UserError) {
      result.result = 'error';
      result.exitCode = e.exitCode;
      result.error = e.message;
      d.out(JSON.stringify(result, null, 2));
    }
    throw e;
  }
}

async function run(o: DeployOptions, d: DeployDeps, result: DeployResult): Promise<number> {
  const ui = d.printer ?? plainPrinter(o.json ? d.err : d.out);
  const c = d.colors;
  const name = o.stackName;
  const finish = (code: number, what: DeployResult['result']): number => {
    result.exitCode = code;
    result.result = what;
    if (o.json) d.out(JSON.stringify(result, null, 2));
    return code;
  };
  const timeoutMs = o.timeoutMs ?? DEFAULT_DEPLOY_TIMEOUT_MS;
  const cfn = operationContext(d, d.cfn, timeoutMs, (line) => ui.line(c.dim(line)));
  const interruptedBeforeExecute = (): number => {
    ui.line('Interrupted (Ctrl-C) before executing: the stack was not changed.');
    return finish(EXIT.interrupted, 'interrupted');
  };

  // 1. Template and parameters: everything that can be checked without AWS, before any call.
  const viaS3 = checkTemplateSize(o.template, o.s3Bucket) || o.s3Bucket !== undefined;
  checkParameterValues(o.template.parameters, o.parameters);
  const region = await clientRegion(d.cfn);
  if (!region) {
    throw new AwsSetupError('No AWS region: pass --region (e.g. --region us-west-2), set AWS_REGION, or set a region in your profile.');
  }
  result.region = region;
  const cli = (args: string): string => `aws cloudformation ${args} --region ${region}`;

  ui.line(`Template: ${o.template.origin} (${o.template.bytes} bytes)`);
  let source: TemplateBodyOrUrl = { TemplateBody: o.template.body };
  if (viaS3 && o.s3Bucket) {
    const url = await uploadTemplate(await d.s3(), o.s3Bucket, name, o.template.body, o.template.extension, cfn);
    ui.line(`Uploaded the template to ${url}`);
    source = { TemplateURL: url };
  }
  const validation = await validateTemplate(cfn, source);
  const capabilities: Capability[] = validation.capabilities;
  if (capabilities.length > 0) {
    ui.line(`Capabilities: ${capabilities.join(', ')}${validation.capabilitiesReason ? ` (${validation.capabilitiesReason})` : ''}`);
  }

  // 2. The stack's state: create, update, wait, replace, or stop with what to do.
  let stack = await describeStack(cfn, name);
  stack = await settle(stack, o, cfn, ui, cli);
  if (d.interrupt?.aborted) return interruptedBeforeExecute();
  const operation: 'create' | 'update' = stack && UPDATABLE.has(stack.StackStatus ?? '') ? 'update' : 'create';
  result.operation = operation;
  if (stack?.StackId) result.stackId = stack.StackId;
  ui.line(
    `Stack ${name} in ${region}: ` +
      (operation === 'update' ? `update (now ${stack?.StackStatus})` : stack ? `create (${stack.StackStatus}: nothing executed yet)` : 'create (new stack)'),
  );
  if (stack?.StackStatus === 'REVIEW_IN_PROGRESS') {
    ui.line(`(Stack ${name} was made for a change set that was never executed; a new change set takes it up.)`);
  }
  const existingKeys =
    operation === 'update' ? new Set((stack?.Parameters ?? []).map((p) => p.ParameterKey ?? '')) : undefined;
  checkParameterInputs(o.template.checked, o.parameters, operation === 'update' ? (stack?.Parameters ?? []) : 'new');
  const parameters = stackParameters(o.template.parameters, o.parameters, existingKeys);

  // 3. The change set.
  const csName = changeSetName(name, d.now());
  result.changeSetName = csName;
  ui.line(`Creating change set ${csName} ...`);
  const noChanges = /didn't contain changes|No updates are to be performed/i;
  const created = await createChangeSetSurely(cfn, {
    ClientToken: `fargate-oidc-${randomUUID()}`,
    StackName: name,
    ChangeSetName: csName,
    ChangeSetType: operation === 'update' ? 'UPDATE' : 'CREATE',
    ...source,
    Parameters: parameters,
    Capabilities: capabilities,
    Tags: o.tags,
    Description: 'Created by fargate-oidc deploy',
  }, (line) => ui.line(c.yellow(line))).catch((e: unknown) => {
    // Some endpoints refuse an empty change set outright instead of creating a FAILED one.
    if (noChanges.test(errorMessage((e as { cause?: unknown }).cause ?? e))) return undefined;
    throw e;
  });
  if (!created) {
    ui.line(c.green('No changes: the stack already matches the template and parameters.'));
    result.status = stack?.StackStatus ?? '';
    return finish(EXIT.ok, 'no-changes');
  }
  result.changeSetId = created.changeSetId;
  result.stackId = created.stackId;
  // From here on the stack is addressed by its id: a stack of the same name made meanwhile
  // (or an endpoint that makes a new one) is another stack.
  const stackId = created.stackId;
  const csId = created.changeSetId;
  // CREATE on a new name (or on an unexecuted one) makes or reuses an empty REVIEW_IN_PROGRESS stack.
  const placeholder = operation === 'create';
  const discard = async (why: string): Promise<void> => {
    // After Ctrl-C too: the calls that clean up must not be aborted themselves.
    const calls = withoutLimits(cfn);
    await deleteChangeSet(calls, stackId, csId);
    if (placeholder) await deleteStackSurely(calls, stackId, `fargate-oidc-${randomUUID()}`, (line) => ui.line(c.yellow(line)));
    ui.line(`Deleted change set ${csName}${placeholder ? ` and the empty stack ${name}` : ''} (${why}).`);
  };

  let cs: Awaited<ReturnType<typeof describeChangeSet>>;
  try {
    cs = await pollUntil(
      () => describeChangeSet(cfn, stackId, csId),
      (r) => !/PENDING|IN_PROGRESS/.test(r.Status ?? ''),
      {
        ctx: cfn,
        atDeadline: () =>
          `The change set ${csName} was not ready within the time limit (--timeout ${formatDuration(timeoutMs)}). ` +
          `To go on waiting: ${cli(`wait change-set-create-complete --stack-name ${stackId} --change-set-name ${csId}`)}`,
      },
    );
  } catch (e) {
    if (!(e instanceof InterruptedError)) throw e;
    await discard('interrupted');
    return interruptedBeforeExecute();
  }
  if (cs.Status === 'FAILED') {
    const reason = cs.StatusReason ?? '(no reason given)';
    if (noChanges.test(reason)) {
      ui.line(c.green('No changes: the stack already matches the template and parameters.'));
      await discard('empty');
      result.status = stack?.StackStatus ?? '';
      return finish(EXIT.ok, 'no-changes');
    }
    ui.line(c.red(`Change set ${csName} failed: ${reason}`));
    if (o.keepChangeSet) ui.line(`Kept it: ${cli(`describe-change-set --stack-name ${name} --change-set-name ${csName}`)}`);
    else await discard('failed');
    return finish(EXIT.failed, 'failed');
  }
  if (cs.Status !== 'CREATE_COMPLETE') {
    ui.line(c.red(`Change set ${csName} is ${cs.Status ?? 'in an unknown state'}: ${cs.StatusReason ?? ''}`.trimEnd()));
    return finish(EXIT.failed, 'failed');
  }

  // 4. Review.
  const summary = summarizeChanges(cs.Changes);
  result.changes = summary.rows;
  result.summary = summary.counts;
  for (const line of renderReview(summary, c)) ui.line(line);

  const executeCommand = cli(`execute-change-set --stack-name ${name} --change-set-name ${csName}`);
  const keptLines = (status: string): string[] =>
    placeholder
      ? [
          `Stack ${name} is left in ${status} with change set ${csName}. To execute it:`,
          `  ${executeCommand}`,
          `or re-run deploy (it takes the stack up), or remove both: ${cli(`delete-stack --stack-name ${name}`)}`,
        ]
      : [
          `Stack ${name} is unchanged (${status}); change set ${csName} is kept. To execute it:`,
          `  ${executeCommand}`,
          `or re-run deploy, or delete it: ${cli(`delete-change-set --stack-name ${name} --change-set-name ${csName}`)}`,
        ];
  if (o.dryRun) {
    if (o.keepChangeSet) ui.line(`Dry run: kept change set ${csName}. To execute it: ${executeCommand}`);
    else await discard('dry run');
    result.status = stack?.StackStatus ?? 'REVIEW_IN_PROGRESS';
    return finish(EXIT.ok, 'dry-run');
  }
  if (!o.yes) {
    if (!d.interactive) {
      ui.line('Not executed: no terminal to confirm in and no --yes. The change set is kept; to execute it:');
      ui.line(`  ${executeCommand}`);
      ui.line('or re-run with --yes.');
      return finish(EXIT.didNotProceed, 'not-confirmed');
    }
    const ok = await d.confirm(`Execute change set ${csName} on ${name} in ${region}? [y/N] `);
    if (!ok || d.interrupt?.aborted) {
      if (o.keepChangeSet) ui.line(`Not executed. Kept change set ${csName}; to execute it: ${executeCommand}`);
      else await discard('not confirmed');
      return finish(EXIT.didNotProceed, 'not-confirmed');
    }
  }

  // 5. Execute and follow.
  const before = await eventsBefore(cfn, stackId);
  const startedAt = d.now();
  try {
    await executeChangeSetSurely(cfn, stackId, csId, `fargate-oidc-${randomUUID()}`, (line) => ui.line(c.yellow(line)));
  } catch (e) {
    if (e instanceof InterruptedError) {
      ui.line('Interrupted (Ctrl-C) while executing: whether the change set started is not known.');
    } else {
      ui.line(c.red(errorMessage(e)));
    }
    // What the stack is now, read, not assumed (unknown if even that read fails).
    const now =
      e instanceof InterruptedError
        ? 'in a state not read (Ctrl-C)'
        : await describeStack({ ...withoutLimits(cfn), retry: { ...DEFAULT_RETRY, budgetMs: 10_000 } }, stackId).then(
            (s) => s?.StackStatus ?? 'DELETE_COMPLETE',
            () => 'in a state that could not be read',
          );
    for (const line of keptLines(now)) ui.line(line);
    ui.line(`See what happened: ${cli(`describe-stack-events --stack-name ${name}`)}`);
    return finish(e instanceof InterruptedError ? EXIT.interrupted : e instanceof WaitDeadlineError ? EXIT.deadline : EXIT.failed, e instanceof InterruptedError ? 'interrupted' : 'failed');
  }
  ui.line(`Executing ${csName} (${operation}) ...`);
  const followed = await followStack({ cfn, stackId, stackName: name, before, startedAt, printer: ui, colors: c });
  const elapsedMs = d.now().getTime() - startedAt.getTime();
  result.elapsedSeconds = Math.round(elapsedMs / 100) / 10;
  result.status = followed.status;
  if (followed.ended !== 'final') {
    for (const line of stoppedLines(followed, { stackName: name, stackId, operation, timeout: formatDuration(timeoutMs) }, cli)) ui.line(line);
    if (followed.ended === 'deadline') return finish(EXIT.deadline, 'timed-out');
    await interrupted(followed.status, o, d, cfn, ui, cli);
    return finish(EXIT.interrupted, 'interrupted');
  }

  // A final *_COMPLETE status is checked against the stack's resources: an endpoint that
  // failed inside the operation (moto's 500, retried) can report success with nothing made.
  let check = { failed: false, missing: [] as string[], expected: 0 };
  if (isSuccessStatus(followed.status)) {
    try {
      // A read that keeps failing here is itself the finding: 20 s of retries, not two minutes.
      check = resourceCheck(summary.rows, await listStackResources({ ...cfn, retry: { ...(cfn.retry ?? DEFAULT_RETRY), budgetMs: 20_000 } }, stackId));
    } catch (e) {
      if (e instanceof InterruptedError) throw e;
      ui.line(c.red(`Stack ${name} reports ${followed.status}, but its resources cannot be read (${errorMessage(e)}). This is not a successful deploy.`));
      ui.line(`See what the stack holds: ${cli(`describe-stack-resources --stack-name ${stackId}`)}`);
      return finish(EXIT.failed, 'failed');
    }
  }
  if (check.failed) {
    ui.line(
      c.red(
        `Stack ${name} reports ${followed.status}, but none of the ${check.expected} resources the change set adds or modifies ` +
          `exists. This is not a successful deploy.`,
      ),
    );
    ui.line(`See what the stack holds: ${cli(`describe-stack-resources --stack-name ${stackId}`)}`);
    return finish(EXIT.failed, 'failed');
  }
  if (check.missing.length > 0) {
    ui.line(c.yellow(`Not in the stack although the change set listed them (their Conditions may be false): ${check.missing.join(', ')}.`));
  }

  if (isSuccessStatus(followed.status)) {
    ui.line(c.green(`Stack ${name}: ${followed.status} in ${formatElapsed(elapsedMs)}.`));
    const outputs = followed.stack?.Outputs ?? [];
    for (const out of outputs) if (out.OutputKey) result.outputs[out.OutputKey] = out.OutputValue ?? '';
    if (!o.json) {
      if (outputs.length > 0) {
        ui.line('Outputs:');
        for (const line of renderTable(
          ['Key', 'Value'],
          outputs.map((x) => [x.OutputKey ?? '', x.OutputValue ?? '']),
        )) ui.line(line);
      } else {
        ui.line('The stack has no outputs.');
      }
    }
    return finish(EXIT.ok, 'deployed');
  }

  // Failure or rollback: the root cause again, where nobody has to scroll for it.
  const causes = rootCause(followed.events, name);
  result.failures = causes.map(summarizeEvent);
  ui.line(c.red(`Stack ${name}: ${colorStatus(c, followed.status)} after ${formatElapsed(elapsedMs)}. The deploy failed.`));
  if (causes.length > 0) {
    ui.line('Root cause:');
    for (const e of causes) {
      ui.line(`  ${e.LogicalResourceId ?? '?'} (${e.ResourceType ?? '?'}) ${e.ResourceStatus ?? ''}: ${e.ResourceStatusReason ?? '(no reason given)'}`);
    }
  } else {
    ui.line(`No failed resource events were seen; see ${cli(`describe-stack-events --stack-name ${name}`)}`);
  }
  for (const line of recoveryAdvice(followed.status, name, cli)) ui.line(line);
  return finish(EXIT.failed, 'failed');
}

/** What to do after a failed deploy, by the status the stack was left in. */
export function recoveryAdvice(status: string, name: string, cli: (args: string) => string): string[] {
  switch (status) {
    case 'ROLLBACK_COMPLETE':
      return [
        'The stack was never created and can only be deleted. Fix the cause, then re-run with --replace-failed-stack',
        `(or delete it yourself: ${cli(`delete-stack --stack-name ${name}`)}).`,
      ];
    case 'UPDATE_ROLLBACK_COMPLETE':
      return ['The stack was rolled back to its previous state and still works. Fix the cause and deploy again.'];
    case 'UPDATE_ROLLBACK_FAILED':
      return updateRollbackFailedAdvice(name, cli);
    default:
      return [`The stack is left as CloudFormation left it (${status}). Fix the cause and deploy again.`];
  }
}

function updateRollbackFailedAdvice(name: string, cli: (args: string) => string): string[] {
  return [
    'The rollback failed, and the stack takes no change set until the rollback is finished. Fix what blocked it',
    `(see ${cli(`describe-stack-events --stack-name ${name}`)}), then run`,
    `  ${cli(`continue-update-rollback --stack-name ${name}`)}`,
    'adding --resources-to-skip LogicalId for resources that cannot be rolled back; then deploy again.',
  ];
}

/**
 * Brings the stack to a state that takes a change set, or says what the user must do:
 * waits for operations in progress, replaces a ROLLBACK_COMPLETE stack when asked, and refuses
 * the states only the user can resolve. Returns the stack as it is now (undefined: create).
 */
async function settle(
  stack: Stack | undefined,
  o: DeployOptions,
  cfn: Cfn,
  ui: Printer,
  cli: (args: string) => string,
): Promise<Stack | undefined> {
  const name = o.stackName;
  for (;;) {
    const status = stack?.StackStatus;
    if (stack === undefined || status === undefined || status === 'DELETE_COMPLETE') return undefined;
    const reason = stack.StackStatusReason ? ` (${stack.StackStatusReason})` : '';
    if (status === 'REVIEW_IN_PROGRESS') return stack; // created by a change set never executed: new
    if (UPDATABLE.has(status)) return stack;
    if (status.endsWith('_IN_PROGRESS')) {
      if (o.noWait) {
        throw new StackStateError(
          `Stack ${name} is ${status}: another operation is running. Wait for it to finish, or re-run without --no-wait to wait here.`,
        );
      }
      ui.line(`Stack ${name} is ${status}: waiting for that operation to finish before deploying ...`);
      const id = stack.StackId ?? name;
      stack = await pollUntil(
        () => describeStack(cfn, id),
        (s) => s === undefined || isFinalStatus(s.StackStatus),
        {
          ctx: cfn,
          backoff: new Backoff(1000, 5000),
          atDeadline: () =>
            `Stack ${name} is still ${status} at the time limit (--timeout ${formatDuration(o.timeoutMs ?? DEFAULT_DEPLOY_TIMEOUT_MS)}); nothing was deployed. ` +
            `Wait for it with ${cli(`describe-stacks --stack-name ${id}`)}, then deploy again.`,
        },
      );
      if (stack?.StackStatus === 'DELETE_COMPLETE') stack = undefined;
      ui.line(`Stack ${name} is now ${stack?.StackStatus ?? 'deleted'}.`);
      continue;
    }
    if (status === 'ROLLBACK_COMPLETE' || status === 'ROLLBACK_FAILED') {
      if (!o.replaceFailedStack) {
        throw new StackStateError(
          `Stack ${name} is ${status}${reason}: its first create failed, and such a stack can only be deleted. ` +
            `Re-run with --replace-failed-stack to delete and re-create it, or delete it yourself: ${cli(`delete-stack --stack-name ${name}`)}`,
        );
      }
      ui.line(`Stack ${name} is ${status}: deleting it to create it again (--replace-failed-stack) ...`);
      const id = stack.StackId ?? name;
      await deleteStackSurely(cfn, id, `fargate-oidc-${randomUUID()}`, (line) => ui.line(line));
      try {
        stack = await pollUntil(
          () => describeStack(cfn, id),
          (s) => s === undefined || isFinalStatus(s.StackStatus),
          {
            ctx: cfn,
            atDeadline: () =>
              `Stack ${name} was still being deleted at the time limit (--timeout ${formatDuration(o.timeoutMs ?? DEFAULT_DEPLOY_TIMEOUT_MS)}); ` +
              `the delete goes on. To go on waiting: ${cli(`wait stack-delete-complete --stack-name ${id}`)}, then deploy again to create it.`,
          },
        );
      } catch (e) {
        if (!(e instanceof InterruptedError)) throw e;
        // Ctrl-C while the failed stack is being deleted: the delete goes on; say so.
        throw new InterruptedError(
          `Stopped waiting (Ctrl-C) while stack ${name} is being deleted; ` +
            `the delete goes on. Watch it with ${cli(`describe-stacks --stack-name ${id}`)}, then deploy again to create it.`,
        );
      }
      if (stack && stack.StackStatus !== 'DELETE_COMPLETE') {
        throw new StackStateError(
          `Deleting stack ${name} ended in ${stack.StackStatus}${stack.StackStatusReason ? ` (${stack.StackStatusReason})` : ''}. ` +
            `Resolve it, then: ${cli(`delete-stack --stack-name ${name}`)}`,
        );
      }
      ui.line(`Deleted stack ${name}.`);
      return undefined;
    }
    if (status === 'UPDATE_ROLLBACK_FAILED') {
      throw new StackStateError(`Stack ${name} is UPDATE_ROLLBACK_FAILED${reason}. ${updateRollbackFailedAdvice(name, cli).join(' ')}`);
    }
    if (status === 'DELETE_FAILED') {
      throw new StackStateError(
        `Stack ${name} is DELETE_FAILED${reason}: a delete did not finish. Remove what blocks it (e.g. empty the ECR ` +
          `repository), then delete it again: ${cli(`delete-stack --stack-name ${name}`)} ` +
          '(add --retain-resources LogicalId to leave a resource behind); then deploy to create it anew.',
      );
    }
    throw new StackStateError(`Stack ${name} is ${status}${reason}, which cannot take a change set. Resolve it in the console, then deploy again.`);
  }
}

/** After Ctrl-C while following: the stack's status, how to keep watching, and cancelling only when asked. */
async function interrupted(
  status: string,
  o: DeployOptions,
  d: DeployDeps,
  cfn: Cfn,
  ui: Printer,
  cli: (args: string) => string,
): Promise<void> {
  const name = o.stackName;
  if (status !== 'UPDATE_IN_PROGRESS') {
    if (o.cancelOnInterrupt) ui.line(`Not cancelled: only an update in progress can be cancelled, and the stack is ${status}.`);
    return;
  }
  let cancel = o.cancelOnInterrupt === true;
  if (!cancel && d.secondInterrupt && d.interactive) {
    ui.line('Press Ctrl-C again within 3 seconds to cancel the update (CancelUpdateStack rolls it back).');
    await d.sleep(3000, d.secondInterrupt);
    cancel = d.secondInterrupt.aborted;
  }
  if (!cancel) {
    ui.line(`Not cancelled. To cancel the update: ${cli(`cancel-update-stack --stack-name ${name}`)}`);
    return;
  }
  try {
    await cancelUpdateStack(withoutLimits(cfn), name);
    ui.line(`Cancelling the update of ${name} (CancelUpdateStack): CloudFormation rolls it back to the previous state.`);
  } catch (e) {
    ui.line(`Could not cancel the update: ${errorMessage(e)}`);
  }
}
