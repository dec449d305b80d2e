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
  createChangeSet,
  deleteChangeSet,
  deleteStack,
  describeChangeSet,
  describeStack,
  executeChangeSet,
  type TemplateSource,
  validateTemplate,
} from '../aws/cloudformation';
import { clientRegion } from '../aws/clients';
import { errorMessage, errorName } from '../aws/errors';
import { Backoff, pollUntil } from '../aws/poll';
import { uploadTemplate } from '../aws/s3';
import { AwsSetupError, StackStateError, UserError } from '../errors';
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
  summarizeEvent,
} from './follow';
import { checkParameterInputs, checkParameterValues, type ParameterValues, stackParameters } from '../stack/parameters';
import { checkTemplateSize, type DeployTemplate } from '../stack/template';

/** Exit codes (documented in the README). */
export const EXIT = {
  /** Deployed, or nothing to change, or a dry run. */
  ok: 0,
  /** The change set or the deploy failed or rolled back. */
  failed: 1,
  /** Bad input or usage (also missing credentials, region, access). */
  usage: 2,
  /** Not confirmed: declined, or no terminal and no --yes. */
  notConfirmed: 3,
  /** The stack is in a state that needs the user. */
  stackState: 4,
  /** Interrupted (Ctrl-C) while following; CloudFormation carries on. */
  interrupted: 130,
} as const;

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
  result: 'deployed' | 'no-changes' | 'dry-run' | 'not-confirmed' | 'failed' | 'interrupted' | 'error';
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
  const signal = d.interrupt ? { signal: d.interrupt } : {};
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
  let source: TemplateSource = { TemplateBody: o.template.body };
  if (viaS3 && o.s3Bucket) {
    const url = await uploadTemplate(await d.s3(), o.s3Bucket, name, o.template.body, o.template.extension);
    ui.line(`Uploaded the template to ${url}`);
    source = { TemplateURL: url };
  }
  const validation = await validateTemplate(d.cfn, source);
  const capabilities: Capability[] = validation.capabilities;
  if (capabilities.length > 0) {
    ui.line(`Capabilities: ${capabilities.join(', ')}${validation.capabilitiesReason ? ` (${validation.capabilitiesReason})` : ''}`);
  }

  // 2. The stack's state: create, update, wait, replace, or stop with what to do.
  let stack = await describeStack(d.cfn, name);
  stack = await settle(stack, o, d, ui, cli);
  if (d.interrupt?.aborted) return interruptedBeforeExecute();
  const existed = stack !== undefined;
  const operation: 'create' | 'update' = stack && UPDATABLE.has(stack.StackStatus ?? '') ? 'update' : 'create';
  result.operation = operation;
  if (stack?.StackId) result.stackId = stack.StackId;
  ui.line(
    `Stack ${name} in ${region}: ` +
      (operation === 'update' ? `update (now ${stack?.StackStatus})` : stack ? `create (${stack.StackStatus}: nothing executed yet)` : 'create (new stack)'),
  );
  const existingKeys =
    operation === 'update' ? new Set((stack?.Parameters ?? []).map((p) => p.ParameterKey ?? '')) : undefined;
  checkParameterInputs(o.template.checked, o.parameters, operation === 'update' ? (stack?.Parameters ?? []) : 'new');
  const parameters = stackParameters(o.template.parameters, o.parameters, existingKeys);

  // 3. The change set.
  const csName = changeSetName(name, d.now());
  result.changeSetName = csName;
  ui.line(`Creating change set ${csName} ...`);
  const noChanges = /didn't contain changes|No updates are to be performed/i;
  const created = await createChangeSet(d.cfn, {
    StackName: name,
    ChangeSetName: csName,
    ChangeSetType: operation === 'update' ? 'UPDATE' : 'CREATE',
    ...source,
    Parameters: parameters,
    Capabilities: capabilities,
    Tags: o.tags,
    Description: 'Created by fargate-oidc deploy',
  }).catch((e: unknown) => {
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
  const placeholder = !existed; // CREATE on a new name makes an empty REVIEW_IN_PROGRESS stack.
  const discard = async (why: string): Promise<void> => {
    await deleteChangeSet(d.cfn, name, csName);
    if (placeholder) await deleteStack(d.cfn, name);
    ui.line(`Deleted change set ${csName}${placeholder ? ` and the empty stack ${name}` : ''} (${why}).`);
  };

  const cs = await pollUntil(
    () => describeChangeSet(d.cfn, name, csName),
    (r) => !/PENDING|IN_PROGRESS/.test(r.Status ?? ''),
    { sleep: d.sleep, ...signal, onRetry: (e, ms) => ui.line(c.dim(`(${errorName(e)}: ${errorMessage(e)}; retrying in ${Math.round(ms / 1000)}s)`)) },
  );
  if (d.interrupt?.aborted) {
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
      return finish(EXIT.notConfirmed, 'not-confirmed');
    }
    const ok = await d.confirm(`Execute change set ${csName} on ${name} in ${region}? [y/N] `);
    if (!ok || d.interrupt?.aborted) {
      if (o.keepChangeSet) ui.line(`Not executed. Kept change set ${csName}; to execute it: ${executeCommand}`);
      else await discard('not confirmed');
      return finish(EXIT.notConfirmed, 'not-confirmed');
    }
  }

  // 5. Execute and follow.
  const before = await eventsBefore(d.cfn, name, d.sleep);
  const startedAt = d.now();
  await executeChangeSet(d.cfn, name, csName, `fargate-oidc-${randomUUID()}`);
  ui.line(`Executing ${csName} (${operation}) ...`);
  const followed = await followStack({
    cfn: d.cfn,
    stackName: name,
    before,
    startedAt,
    printer: ui,
    colors: c,
    sleep: d.sleep,
    now: d.now,
    ...(d.interrupt ? { signal: d.interrupt } : {}),
  });
  const elapsedMs = d.now().getTime() - startedAt.getTime();
  result.elapsedSeconds = Math.round(elapsedMs / 100) / 10;
  result.status = followed.status;
  if (followed.interrupted) {
    await interrupted(followed.status, o, d, ui, cli);
    return finish(EXIT.interrupted, 'interrupted');
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
  d: DeployDeps,
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
      stack = await pollUntil(
        () => describeStack(d.cfn, name),
        (s) => s === undefined || isFinalStatus(s.StackStatus),
        { sleep: d.sleep, backoff: new Backoff(1000, 5000), ...(d.interrupt ? { signal: d.interrupt } : {}) },
      );
      if (d.interrupt?.aborted) return stack;
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
      await deleteStack(d.cfn, name);
      stack = await pollUntil(
        () => describeStack(d.cfn, name),
        (s) => s === undefined || isFinalStatus(s.StackStatus),
        { sleep: d.sleep, ...(d.interrupt ? { signal: d.interrupt } : {}) },
      );
      if (d.interrupt?.aborted) {
        // Ctrl-C while the failed stack is being deleted: the delete goes on; say so.
        throw new StackStateError(
          `Stopped waiting (Ctrl-C) while stack ${name} is being deleted (${stack?.StackStatus ?? 'deleted'}); ` +
            `the delete goes on. Watch it with ${cli(`describe-stacks --stack-name ${name}`)}, then deploy again to create it.`,
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
  ui: Printer,
  cli: (args: string) => string,
): Promise<void> {
  const name = o.stackName;
  ui.line(`Stopped following (Ctrl-C). CloudFormation carries on: stack ${name} is ${status}.`);
  ui.line(`Keep watching: ${cli(`describe-stack-events --stack-name ${name}`)}`);
  ui.line(`or wait for it: ${cli(`wait stack-${status.startsWith('CREATE') ? 'create' : 'update'}-complete --stack-name ${name}`)}`);
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
    await cancelUpdateStack(d.cfn, name);
    ui.line(`Cancelling the update of ${name} (CancelUpdateStack): CloudFormation rolls it back to the previous state.`);
  } catch (e) {
    ui.line(`Could not cancel the update: ${errorMessage(e)}`);
  }
}
