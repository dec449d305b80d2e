/**
 * `deploy`, in its phases: begin (the template and every parameter value, checked once, before
 * any API call), prepare (where the template goes, ValidateTemplate, the stack's state, the
 * parameter list), change set, review (and confirmation), execute (and follow the events), and
 * report. Every AWS call is in src/aws, inside the operation's deadline and retry policy; all
 * printing goes through the injected printer and `out`, so tests see exactly what a user sees.
 */
import { randomUUID } from 'node:crypto';
import type { Capability, CloudFormationClient, Parameter as StackParameter, Stack, Tag } from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { missingParameters } from '../aws/ssm';
import type { SecretParameter } from '../config/secret-parameters';
import {
  cancelUpdateStack,
  type Cfn,
  deleteChangeSet,
  describeChangeSet,
  describeStack,
  isChangeSetMissing,
  type TemplateBodyOrUrl,
  validateTemplate,
} from '../aws/cloudformation';
import { DEFAULT_RETRY } from '../aws/call';
import { clientRegion } from '../aws/clients';
import { errorMessage } from '../aws/errors';
import { Backoff, pollUntil } from '../aws/poll';
import { getStackTemplateBody, listStackResources } from '../aws/stack-resources';
import { deletionPolicies } from './destroy-plan';
import { AwsSetupError, EXIT, InterruptedError, StackStateError, stopName, UserError, WaitDeadlineError } from '../errors';
import { type Colors, colorStatus } from '../ui/color';
import { formatElapsed, plainPrinter, type Printer } from '../ui/progress';
import type { OperationDeps } from '../ui/operation';
import { renderTable } from '../ui/table';
import { type ChangeRow, renderReview, summarizeChanges } from './changes';
import {
  carriesOn,
  type EventSummary,
  eventsBefore,
  type FollowResult,
  followStack,
  isFinalStatus,
  isSuccessStatus,
  rootCause,
  stoppedLines,
  summarizeEvent,
} from './follow';
import { createChangeSetSurely, deleteStackSurely, executeChangeSetSurely } from './outcome';
import { resourceCheck } from './resources';
import { EARLY_RETRY_MS, formatDuration, operationContext, withoutLimits } from './operation';
import { checkParameterInputs, checkParameterRules, type ParameterValues, stackParameters } from './parameters';
import { siblingProvider } from './environment';
import { chooseTemplateSource } from './managed-bucket';
import { checkTemplateSize, type DeployTemplate } from './template';
import { checkPrivateNetwork, effectiveNetworkValues, privateNetworkInputs } from './private-network';

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
  /**
   * `--env`: the stacks of the app's other environments. A new stack reuses the GitHub OIDC
   * provider one of them holds (an account has one per URL), unless ExistingOidcProviderArn is given.
   */
  siblingStacks?: readonly string[];
  /** `--env`: the SSM parameters the containers read as secrets; each one missing is warned about (a read-only check). */
  secretParameters?: readonly SecretParameter[];
}

/** The world the flow talks to, injected so tests control all of it. */
export interface DeployDeps extends OperationDeps {
  cfn: CloudFormationClient;
  /** Made only when the template goes through S3. */
  s3: () => Promise<S3Client>;
  /** Made only to check an existing VPC's subnets for the private layout (read-only calls). */
  ec2?: () => Promise<EC2Client>;
  /** Made only to check that an environment's secrets exist (`secretParameters`). */
  ssm?: () => Promise<SSMClient>;
  /** Standard error: human lines with --json (where `out` carries the one JSON object). */
  err: (line: string) => void;
  /** Aborted by a second Ctrl-C (or SIGTERM, SIGHUP): cancel the update, or stop cancelling it. */
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
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
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

/** The phases, in order; each returns the exit code when the deploy ends there. */
async function run(o: DeployOptions, d: DeployDeps, result: DeployResult): Promise<number> {
  const r = await begin(o, d, result);
  const prepared = await prepare(r);
  if (typeof prepared === 'number') return prepared;
  const cs = await changeSet(r, prepared);
  if (typeof cs === 'number') return cs;
  const declined = await review(r, prepared, cs);
  if (declined !== undefined) return declined;
  const followed = await execute(r, prepared, cs);
  if (typeof followed === 'number') return followed;
  return report(r, cs, followed);
}

/** What every phase shares: the options, the world, the result being filled, the printer and the calls' context. */
interface DeployRun {
  o: DeployOptions;
  d: DeployDeps;
  result: DeployResult;
  ui: Printer;
  c: Colors;
  name: string;
  region: string;
  timeoutMs: number;
  /**
   * The calls made before anything is changed: a failing endpoint is given up on within
   * {@link EARLY_RETRY_MS} (nothing has started that would be worth waiting for).
   */
  early: Cfn;
  /** The calls once a change set exists: retried until the deadline (--timeout). */
  cfn: Cfn;
  /** The AWS CLI command for `args`, in the stack's region. */
  cli: (args: string) => string;
  /** Sets the result's code and kind, prints it with --json, returns the code. */
  finish: (code: number, what: DeployResult['result']) => number;
  /** How the stop (Ctrl-C, SIGTERM, SIGHUP, a closed output) is named. */
  stop: () => string;
}

/**
 * Everything checked without AWS, before any call: the template's size and every parameter
 * value with the Rules over the values given (the one value check of a deploy; Rules over
 * values not given are decided once the stack is read, in {@link prepare}). Then the region.
 */
async function begin(o: DeployOptions, d: DeployDeps, result: DeployResult): Promise<DeployRun> {
  const ui = d.printer ?? plainPrinter(o.json ? d.err : d.out);
  checkTemplateSize(o.template);
  checkParameterInputs(o.template.checked, o.parameters, 'unknown');
  const region = await clientRegion(d.cfn);
  if (!region) {
    throw new AwsSetupError('No AWS region: pass --region (e.g. --region us-west-2), set AWS_REGION, or set a region in your profile.');
  }
  result.region = region;
  const timeoutMs = o.timeoutMs ?? DEFAULT_DEPLOY_TIMEOUT_MS;
  const onRetry = (line: string): void => ui.line(d.colors.dim(line));
  const base = operationContext(d, d.cfn, timeoutMs, onRetry);
  return {
    o,
    d,
    result,
    ui,
    c: d.colors,
    name: o.stackName,
    region,
    timeoutMs,
    early: { ...base, retry: { ...DEFAULT_RETRY, budgetMs: EARLY_RETRY_MS } },
    cfn: { ...base, retry: { ...DEFAULT_RETRY, budgetMs: Number.POSITIVE_INFINITY } },
    cli: (args) => `aws cloudformation ${args} --region ${region}`,
    finish: (code, what) => {
      result.exitCode = code;
      result.result = what;
      if (o.json) d.out(JSON.stringify(result, null, 2));
      return code;
    },
    stop: () => stopName(d.interrupt?.reason),
  };
}

/** What {@link prepare} found: where the template goes, what it needs, the stack and the parameter list. */
interface Prepared {
  source: TemplateBodyOrUrl;
  capabilities: Capability[];
  stack: Stack | undefined;
  operation: 'create' | 'update';
  parameters: StackParameter[];
}

function interruptedBeforeExecute(r: DeployRun): number {
  r.ui.line(`Interrupted (${r.stop()}) before executing: the stack was not changed.`);
  return r.finish(EXIT.interrupted, 'interrupted');
}

/**
 * Where the template goes (its body, or S3 with --s3-bucket), ValidateTemplate, the stack's
 * state (create, update, wait, replace), the account's OIDC provider for a new stack of an
 * environment, and the parameter list.
 */
async function prepare(r: DeployRun): Promise<Prepared | number> {
  const { o, ui, name } = r;
  ui.line(`Template: ${o.template.origin} (${o.template.bytes} bytes)`);
  const source = await templateSource(r);
  const validation = await validateTemplate(r.early, source);
  const capabilities: Capability[] = validation.capabilities;
  if (capabilities.length > 0) {
    ui.line(`Capabilities: ${capabilities.join(', ')}${validation.capabilitiesReason ? ` (${validation.capabilitiesReason})` : ''}`);
  }

  let stack = await describeStack(r.early, name);
  stack = await settle(stack, r);
  if (r.d.interrupt?.aborted) return interruptedBeforeExecute(r);
  const operation: 'create' | 'update' = stack && UPDATABLE.has(stack.StackStatus ?? '') ? 'update' : 'create';
  r.result.operation = operation;
  if (stack?.StackId) r.result.stackId = stack.StackId;
  ui.line(
    `Stack ${name} in ${r.region}: ` +
      (operation === 'update'
        ? `update (now ${stack?.StackStatus})`
        : stack
          ? `create (${stack.StackStatus}: nothing executed yet)`
          : 'create (new stack)'),
  );
  if (stack?.StackStatus === 'REVIEW_IN_PROGRESS') {
    ui.line(`(Stack ${name} was made for a change set that was never executed; a new change set takes it up.)`);
  }
  const values = { ...o.parameters };
  if (operation === 'create' && o.siblingStacks && !Object.hasOwn(values, 'ExistingOidcProviderArn')) {
    const provider = await siblingProvider(r.early, o.siblingStacks);
    if (provider) {
      values['ExistingOidcProviderArn'] = provider;
      ui.line(`${name} is new: it reuses the account's GitHub OIDC provider ${provider} (output of another environment's stack).`);
    }
  }
  await warnMissingSecrets(r);
  // The Rules over values not given, now that their values are known (previous or default).
  checkParameterRules(o.template.checked, values, operation === 'update' ? (stack?.Parameters ?? []) : 'new', (line) => ui.line(line));
  const existingKeys = operation === 'update' ? new Set((stack?.Parameters ?? []).map((p) => p.ParameterKey ?? '')) : undefined;
  const parameters = stackParameters(o.template.parameters, values, existingKeys);
  const privateNetwork = privateNetworkInputs(
    effectiveNetworkValues(values, operation === 'update' ? (stack?.Parameters ?? []) : [], o.template.parameters),
  );
  if (privateNetwork && r.d.ec2) {
    ui.line(`Checking the subnets of ${privateNetwork.vpcId} for the private layout (read-only) ...`);
    await checkPrivateNetwork(await r.d.ec2(), privateNetwork, r.early);
  }
  return { source, capabilities, stack, operation, parameters };
}

/**
 * Where CreateChangeSet reads the template: its body, or an S3 URL (--s3-bucket, or the managed
 * bucket for a template over 51,200 bytes: src/stack/managed-bucket.ts). The one place that chooses.
 */
async function templateSource(r: DeployRun): Promise<TemplateBodyOrUrl> {
  const { o } = r;
  return chooseTemplateSource(
    { body: o.template.body, extension: o.template.extension, stackName: r.name, ...(o.s3Bucket ? { s3Bucket: o.s3Bucket } : {}) },
    { cfn: r.early, s3: r.d.s3, line: (text) => r.ui.line(text) },
  );
}

/** A change set ready for review. */
interface ReadyChangeSet {
  csName: string;
  csId: string;
  stackId: string;
  /** CREATE on a new name (or an unexecuted one) made or reused an empty REVIEW_IN_PROGRESS stack. */
  placeholder: boolean;
  summary: ReturnType<typeof summarizeChanges>;
  executeCommand: string;
  /** Deletes the change set (and the empty stack it made), saying why. */
  discard: (why: string) => Promise<void>;
}

const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;

/** CreateChangeSet, and waiting for it: ready, empty (no changes, exit 0) or failed (exit 1). */
async function changeSet(r: DeployRun, p: Prepared): Promise<ReadyChangeSet | number> {
  const { ui, c, name, o } = r;
  const csName = changeSetName(name, r.d.now());
  r.result.changeSetName = csName;
  ui.line(`Creating change set ${csName} ...`);
  const created = await createChangeSetSurely(
    r.cfn,
    {
      ClientToken: `fargate-oidc-${randomUUID()}`,
      StackName: name,
      ChangeSetName: csName,
      ChangeSetType: p.operation === 'update' ? 'UPDATE' : 'CREATE',
      ...p.source,
      Parameters: p.parameters,
      Capabilities: p.capabilities,
      Tags: o.tags,
      Description: 'Created by fargate-oidc deploy',
    },
    (line) => ui.line(c.yellow(line)),
  ).catch(async (e: unknown) => {
    // Some endpoints refuse an empty change set outright instead of creating a FAILED one.
    if (NO_CHANGES.test(errorMessage((e as { cause?: unknown }).cause ?? e))) return undefined;
    // Stopped while CreateChangeSet was in flight: it may have been made; if so, removed.
    if (e instanceof InterruptedError) await discardIfMade(r, name, csName, p.operation === 'create');
    throw e;
  });
  if (!created) {
    ui.line(c.green('No changes: the stack already matches the template and parameters.'));
    r.result.status = p.stack?.StackStatus ?? '';
    return r.finish(EXIT.ok, 'no-changes');
  }
  r.result.changeSetId = created.changeSetId;
  r.result.stackId = created.stackId;
  // From here on the stack is addressed by its id: a stack of the same name made meanwhile
  // (or an endpoint that makes a new one) is another stack.
  const { stackId, changeSetId: csId } = created;
  const placeholder = p.operation === 'create';
  const discard = async (why: string): Promise<void> => {
    // After Ctrl-C too: the calls that clean up must not be aborted themselves.
    const calls = withoutLimits(r.cfn);
    await deleteChangeSet(calls, stackId, csId);
    if (placeholder) await deleteStackSurely(calls, stackId, `fargate-oidc-${randomUUID()}`, (line) => ui.line(c.yellow(line)));
    ui.line(`Deleted change set ${csName}${placeholder ? ` and the empty stack ${name}` : ''} (${why}).`);
  };

  let cs: Awaited<ReturnType<typeof describeChangeSet>>;
  try {
    cs = await pollUntil(
      () => describeChangeSet(r.cfn, stackId, csId),
      (x) => !/PENDING|IN_PROGRESS/.test(x.Status ?? ''),
      {
        ctx: r.cfn,
        atDeadline: () =>
          `The change set ${csName} was not ready within the time limit (--timeout ${formatDuration(r.timeoutMs)}). ` +
          `To go on waiting: ${r.cli(`wait change-set-create-complete --stack-name ${stackId} --change-set-name ${csId}`)}`,
      },
    );
  } catch (e) {
    if (!(e instanceof InterruptedError)) throw e;
    await discard('interrupted');
    return interruptedBeforeExecute(r);
  }
  if (cs.Status === 'FAILED') {
    const reason = cs.StatusReason ?? '(no reason given)';
    if (NO_CHANGES.test(reason)) {
      ui.line(c.green('No changes: the stack already matches the template and parameters.'));
      await discard('empty');
      r.result.status = p.stack?.StackStatus ?? '';
      return r.finish(EXIT.ok, 'no-changes');
    }
    ui.line(c.red(`Change set ${csName} failed: ${reason}`));
    if (o.keepChangeSet) ui.line(`Kept it: ${r.cli(`describe-change-set --stack-name ${name} --change-set-name ${csName}`)}`);
    else await discard('failed');
    return r.finish(EXIT.failed, 'failed');
  }
  if (cs.Status !== 'CREATE_COMPLETE') {
    ui.line(c.red(`Change set ${csName} is ${cs.Status ?? 'in an unknown state'}: ${cs.StatusReason ?? ''}`.trimEnd()));
    return r.finish(EXIT.failed, 'failed');
  }
  // A removed resource's DeletionPolicy is in the template the stack runs now.
  const removes = cs.Changes.some((x) => x.ResourceChange?.Action === 'Remove');
  const summary = summarizeChanges(cs.Changes, removes && p.operation === 'update' ? await currentPolicies(r, stackId) : new Map());
  const executeCommand = r.cli(`execute-change-set --stack-name ${name} --change-set-name ${csName}`);
  return { csName, csId, stackId, placeholder, summary, executeCommand, discard };
}

/** After a stop during CreateChangeSet: deletes the change set (and the empty stack a create made) if it was made. */
async function discardIfMade(r: DeployRun, stack: string, csName: string, placeholder: boolean): Promise<void> {
  const calls: Cfn = { ...withoutLimits(r.cfn), retry: { ...DEFAULT_RETRY, budgetMs: 10_000 } };
  try {
    const cs = await describeChangeSet(calls, stack, csName, { passThrough: isChangeSetMissing });
    const stackId = cs.StackId ?? stack;
    await deleteChangeSet(calls, stackId, cs.ChangeSetId ?? csName);
    if (placeholder) await deleteStackSurely(calls, stackId, `fargate-oidc-${randomUUID()}`, () => undefined);
    r.ui.line(`Deleted change set ${csName}${placeholder ? ` and the empty stack ${stack}` : ''} (interrupted).`);
  } catch {
    // Not made, or not readable: nothing more to do here (the interruption is reported).
  }
}

/** What the stack is left as when the change set is not executed, and how to go on. */
function keptLines(r: DeployRun, cs: ReadyChangeSet, status: string): string[] {
  const { name, cli } = r;
  return cs.placeholder
    ? [
        `Stack ${name} is left in ${status} with change set ${cs.csName}. To execute it:`,
        `  ${cs.executeCommand}`,
        `or re-run deploy (it takes the stack up), or remove both: ${cli(`delete-stack --stack-name ${name}`)}`,
      ]
    : [
        `Stack ${name} is unchanged (${status}); change set ${cs.csName} is kept. To execute it:`,
        `  ${cs.executeCommand}`,
        `or re-run deploy, or delete it: ${cli(`delete-change-set --stack-name ${name} --change-set-name ${cs.csName}`)}`,
      ];
}

/** The review, then --dry-run, no terminal, or the question. Undefined: execute. */
async function review(r: DeployRun, p: Prepared, cs: ReadyChangeSet): Promise<number | undefined> {
  const { o, d, ui } = r;
  r.result.changes = cs.summary.rows;
  r.result.summary = cs.summary.counts;
  for (const line of renderReview(cs.summary, r.c)) ui.line(line);
  if (o.dryRun) {
    if (o.keepChangeSet) ui.line(`Dry run: kept change set ${cs.csName}. To execute it: ${cs.executeCommand}`);
    else await cs.discard('dry run');
    r.result.status = p.stack?.StackStatus ?? 'REVIEW_IN_PROGRESS';
    return r.finish(EXIT.ok, 'dry-run');
  }
  if (o.yes) return d.interrupt?.aborted ? discardInterrupted(r, cs) : undefined;
  if (!d.interactive) {
    ui.line('Not executed: no terminal to confirm in and no --yes. The change set is kept; to execute it:');
    ui.line(`  ${cs.executeCommand}`);
    ui.line('or re-run with --yes.');
    return r.finish(EXIT.didNotProceed, 'not-confirmed');
  }
  const ok = await d.confirm(`Execute change set ${cs.csName} on ${r.name} in ${r.region}? [y/N] `);
  if (d.interrupt?.aborted) return discardInterrupted(r, cs);
  if (!ok) {
    if (o.keepChangeSet) ui.line(`Not executed. Kept change set ${cs.csName}; to execute it: ${cs.executeCommand}`);
    else await cs.discard('not confirmed');
    return r.finish(EXIT.didNotProceed, 'not-confirmed');
  }
  return undefined;
}

async function discardInterrupted(r: DeployRun, cs: ReadyChangeSet): Promise<number> {
  if (r.o.keepChangeSet) r.ui.line(`Kept change set ${cs.csName}; to execute it: ${cs.executeCommand}`);
  else await cs.discard('interrupted');
  return interruptedBeforeExecute(r);
}

/** ExecuteChangeSet (confirmed started), then following the stack to its final status. */
async function execute(r: DeployRun, p: Prepared, cs: ReadyChangeSet): Promise<FollowResult | number> {
  const { ui, c, name, cli } = r;
  const before = await eventsBefore(r.cfn, cs.stackId);
  const startedAt = r.d.now();
  // From here on the stack changes: a closed output no longer stops the deploy.
  r.d.started?.();
  try {
    await executeChangeSetSurely(r.cfn, cs.stackId, cs.csId, `fargate-oidc-${randomUUID()}`, (line) => ui.line(c.yellow(line)));
  } catch (e) {
    const stopped = e instanceof InterruptedError;
    ui.line(stopped ? `Interrupted (${r.stop()}) while executing: whether the change set started is not known.` : c.red(errorMessage(e)));
    // What the stack is now, read, not assumed (unknown if even that read fails).
    const now = stopped
      ? `in a state not read (${r.stop()})`
      : await describeStack({ ...withoutLimits(r.cfn), retry: { ...DEFAULT_RETRY, budgetMs: 10_000 } }, cs.stackId).then(
          (s) => s?.StackStatus ?? 'DELETE_COMPLETE',
          () => 'in a state that could not be read',
        );
    for (const line of keptLines(r, cs, now)) ui.line(line);
    ui.line(`See what happened: ${cli(`describe-stack-events --stack-name ${name}`)}`);
    return r.finish(
      stopped ? EXIT.interrupted : e instanceof WaitDeadlineError ? EXIT.deadline : EXIT.failed,
      stopped ? 'interrupted' : 'failed',
    );
  }
  ui.line(`Executing ${cs.csName} (${p.operation}) ...`);
  const watched = { stackName: name, stackId: cs.stackId, operation: p.operation };
  let followed: FollowResult;
  try {
    followed = await followStack({ cfn: r.cfn, stackId: cs.stackId, stackName: name, before, startedAt, printer: ui, colors: c });
  } catch (e) {
    throw carriesOn(e, watched, cli);
  }
  const elapsedMs = r.d.now().getTime() - startedAt.getTime();
  r.result.elapsedSeconds = Math.round(elapsedMs / 100) / 10;
  r.result.status = followed.status;
  if (followed.ended !== 'final') {
    for (const line of stoppedLines(followed, { ...watched, timeout: formatDuration(r.timeoutMs), stop: r.d.interrupt?.reason }, cli))
      ui.line(line);
    if (followed.ended === 'deadline') return r.finish(EXIT.deadline, 'timed-out');
    await interrupted(followed.status, r);
    return r.finish(EXIT.interrupted, 'interrupted');
  }
  return { ...followed, elapsedMs } as FollowResult & { elapsedMs: number };
}

/** The result: success with the outputs, or the failure with its root cause and what to do. */
async function report(r: DeployRun, cs: ReadyChangeSet, followed: FollowResult): Promise<number> {
  const { ui, c, name, cli, o } = r;
  const elapsedMs = (followed as FollowResult & { elapsedMs?: number }).elapsedMs ?? 0;
  // A final *_COMPLETE status is checked against the stack's resources: an endpoint that
  // failed inside the operation (moto's 500, retried) can report success with nothing made.
  let check = { failed: false, missing: [] as string[], expected: 0 };
  if (isSuccessStatus(followed.status)) {
    try {
      // A read that keeps failing here is itself the finding: 20 s of retries, not two minutes.
      check = resourceCheck(
        cs.summary.rows,
        await listStackResources({ ...r.cfn, retry: { ...DEFAULT_RETRY, budgetMs: 20_000 } }, cs.stackId),
      );
    } catch (e) {
      if (e instanceof InterruptedError) throw e;
      ui.line(
        c.red(
          `Stack ${name} reports ${followed.status}, but its resources cannot be read (${errorMessage(e)}). This is not a successful deploy.`,
        ),
      );
      ui.line(`See what the stack holds: ${cli(`describe-stack-resources --stack-name ${cs.stackId}`)}`);
      return r.finish(EXIT.failed, 'failed');
    }
  }
  if (check.failed) {
    ui.line(
      c.red(
        `Stack ${name} reports ${followed.status}, but none of the ${check.expected} resources the change set adds or modifies ` +
          `exists. This is not a successful deploy.`,
      ),
    );
    ui.line(`See what the stack holds: ${cli(`describe-stack-resources --stack-name ${cs.stackId}`)}`);
    return r.finish(EXIT.failed, 'failed');
  }
  if (check.missing.length > 0) {
    ui.line(c.yellow(`Not in the stack although the change set listed them (their Conditions may be false): ${check.missing.join(', ')}.`));
  }

  if (isSuccessStatus(followed.status)) {
    ui.line(c.green(`Stack ${name}: ${followed.status} in ${formatElapsed(elapsedMs)}.`));
    const outputs = followed.stack?.Outputs ?? [];
    for (const out of outputs) if (out.OutputKey) r.result.outputs[out.OutputKey] = out.OutputValue ?? '';
    if (!o.json) {
      if (outputs.length > 0) {
        ui.line('Outputs:');
        for (const line of renderTable(
          ['Key', 'Value'],
          outputs.map((x) => [x.OutputKey ?? '', x.OutputValue ?? '']),
        ))
          ui.line(line);
      } else {
        ui.line('The stack has no outputs.');
      }
    }
    return r.finish(EXIT.ok, 'deployed');
  }

  // Failure or rollback: the root cause again, where nobody has to scroll for it.
  const causes = rootCause(followed.events, name);
  r.result.failures = causes.map(summarizeEvent);
  ui.line(c.red(`Stack ${name}: ${colorStatus(c, followed.status)} after ${formatElapsed(elapsedMs)}. The deploy failed.`));
  if (causes.length > 0) {
    ui.line('Root cause:');
    for (const e of causes) {
      ui.line(
        `  ${e.LogicalResourceId ?? '?'} (${e.ResourceType ?? '?'}) ${e.ResourceStatus ?? ''}: ${e.ResourceStatusReason ?? '(no reason given)'}`,
      );
    }
  } else {
    ui.line(`No failed resource events were seen; see ${cli(`describe-stack-events --stack-name ${name}`)}`);
  }
  for (const line of recoveryAdvice(followed.status, name, cli)) ui.line(line);
  return r.finish(EXIT.failed, 'failed');
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
async function settle(stack: Stack | undefined, r: DeployRun): Promise<Stack | undefined> {
  const { o, ui, cli, name } = r;
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
        () => describeStack(r.cfn, id),
        (s) => s === undefined || isFinalStatus(s.StackStatus),
        {
          ctx: r.cfn,
          backoff: new Backoff(1000, 5000),
          atDeadline: () =>
            `Stack ${name} is still ${status} at the time limit (--timeout ${formatDuration(r.timeoutMs)}); nothing was deployed. ` +
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
      // The delete changes the account: a closed output no longer stops the deploy.
      r.d.started?.();
      await deleteStackSurely(r.cfn, id, `fargate-oidc-${randomUUID()}`, (line) => ui.line(line));
      try {
        stack = await pollUntil(
          () => describeStack(r.cfn, id),
          (s) => s === undefined || isFinalStatus(s.StackStatus),
          {
            ctx: r.cfn,
            atDeadline: () =>
              `Stack ${name} was still being deleted at the time limit (--timeout ${formatDuration(r.timeoutMs)}); ` +
              `the delete goes on. To go on waiting: ${cli(`wait stack-delete-complete --stack-name ${id}`)}, then deploy again to create it.`,
          },
        );
      } catch (e) {
        if (!(e instanceof InterruptedError)) throw e;
        // Ctrl-C while the failed stack is being deleted: the delete goes on; say so.
        throw new InterruptedError(
          `Stopped waiting (${r.stop()}) while stack ${name} is being deleted; ` +
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
    throw new StackStateError(
      `Stack ${name} is ${status}${reason}, which cannot take a change set. Resolve it in the console, then deploy again.`,
    );
  }
}

/** How long CancelUpdateStack may take, retries included, after the user stopped the deploy. */
export const CANCEL_DEADLINE_MS = 10_000;

/**
 * After a stop while following: how to keep watching (printed already), and cancelling only
 * when asked (--cancel-on-interrupt, or a second Ctrl-C within 3 s in a terminal). The cancel has
 * its own short deadline, and a second signal ends it at once.
 */
async function interrupted(status: string, r: DeployRun): Promise<void> {
  const { o, d, ui, cli, name } = r;
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
  const calls: Cfn = {
    ...withoutLimits(r.cfn),
    deadline: d.now().getTime() + CANCEL_DEADLINE_MS,
    retry: { ...DEFAULT_RETRY, budgetMs: CANCEL_DEADLINE_MS },
  };
  // With --cancel-on-interrupt, the second signal stops the cancel itself.
  if (o.cancelOnInterrupt && d.secondInterrupt) calls.signal = d.secondInterrupt;
  try {
    await cancelUpdateStack(calls, name);
    ui.line(`Cancelling the update of ${name} (CancelUpdateStack): CloudFormation rolls it back to the previous state.`);
  } catch (e) {
    const why = e instanceof InterruptedError ? `stopped by a second ${stopName(d.secondInterrupt?.reason)}` : errorMessage(e);
    // A lost answer (or a repeat refused because the first took effect): the stack says which.
    const now =
      e instanceof InterruptedError
        ? undefined
        : await describeStack({ ...calls, deadline: d.now().getTime() + 5000 }, name).catch(() => undefined);
    if (now?.StackStatus?.startsWith('UPDATE_ROLLBACK')) {
      ui.line(
        `Cancelling the update of ${name} (CancelUpdateStack): the stack is ${now.StackStatus}, CloudFormation rolls it back to the previous state.`,
      );
      return;
    }
    ui.line(`Could not cancel the update (${why}). To cancel it: ${cli(`cancel-update-stack --stack-name ${name}`)}`);
  }
}

/**
 * `deploy --env`: warns about each secret whose SSM parameter does not exist yet (the task
 * could not start), naming the `secret set` command that writes it. Read-only; a check that
 * cannot be made (access denied, SSM unreachable) is said in one line and the deploy goes on.
 */
async function warnMissingSecrets(r: DeployRun): Promise<void> {
  const secrets = r.o.secretParameters ?? [];
  if (secrets.length === 0 || !r.d.ssm) return;
  let missing: string[];
  const ssm = await r.d.ssm();
  try {
    missing = await missingParameters(
      ssm,
      secrets.map((x) => x.parameter),
      { ...r.early, retry: { ...DEFAULT_RETRY, budgetMs: 10_000 } },
    );
  } catch (e) {
    if (e instanceof InterruptedError) throw e;
    r.ui.line(r.c.yellow(`Could not check that the secrets' SSM parameters exist (${errorMessage(e)}).`));
    return;
  } finally {
    ssm.destroy();
  }
  for (const secret of secrets.filter((x) => missing.includes(x.parameter))) {
    r.ui.line(
      r.c.yellow(
        `warning: secret ${secret.variable}: SSM parameter ${secret.parameter} does not exist yet, and the task cannot start without it. Write it: ${secret.command}`,
      ),
    );
  }
}

/** DeletionPolicy by logical id in the stack's current template; empty if it cannot be read (the change set's PolicyAction still counts). */
async function currentPolicies(r: DeployRun, stackId: string): Promise<Map<string, string>> {
  try {
    return deletionPolicies(await getStackTemplateBody({ ...r.cfn, retry: { ...DEFAULT_RETRY, budgetMs: 20_000 } }, stackId));
  } catch (e) {
    if (e instanceof InterruptedError) throw e;
    return new Map();
  }
}
