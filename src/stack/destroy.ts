/**
 * `destroy`, top to bottom: the stack and its state, the plan (what is deleted, what is kept),
 * the ECR images check, confirmation, emptying the repository when asked, DeleteStack, following
 * the events as deploy does, and a summary. Every AWS call is in src/aws; printing goes through
 * the injected printer, so tests see exactly what a user sees.
 */
import { randomUUID } from 'node:crypto';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { type Cfn, deleteChangeSet, describeStack, listChangeSets } from '../aws/cloudformation';
import { clientRegion } from '../aws/clients';
import { type CallContext, DEFAULT_RETRY } from '../aws/call';
import type { EcrImages, ImageRef } from '../aws/ecr';
import { uniqueImages } from '../aws/ecr';
import { errorMessage } from '../aws/errors';
import { getStackTemplateBody, listStackResources } from '../aws/stack-resources';
import { carriesOn, eventsBefore, type FollowResult, followStack, rootCause, stoppedLines } from './follow';
import { deleteStackSurely } from './outcome';
import { EARLY_RETRY_MS, formatDuration, operationContext } from './operation';
import { AwsCallError, AwsSetupError, EXIT, InterruptedError, StackStateError, stopName } from '../errors';
import { colorStatus } from '../ui/color';
import { formatElapsed, plainPrinter, type Printer } from '../ui/progress';
import type { OperationDeps } from '../ui/operation';
import { renderTable } from '../ui/table';
import { deletionPolicies, type DestroyPlan, destroyPlan } from './destroy-plan';

/** Exit codes: the CLI's one table (src/errors.ts), the same meanings as deploy's. */
export const DESTROY_EXIT = EXIT;

/** Default time limit of a destroy, from start to DELETE_COMPLETE: 30 minutes. */
export const DEFAULT_DESTROY_TIMEOUT_MS = 30 * 60_000;

/** Delete-and-look-again rounds before giving up on emptying a repository. */
const MAX_IMAGE_ROUNDS = 5;

/** What the user asked for. */
export interface DestroyOptions {
  stackName: string;
  yes?: boolean;
  /** Empty the stack's ECR repositories first. */
  deleteImages?: boolean;
  /** Time limit of the whole destroy in ms (--timeout; default {@link DEFAULT_DESTROY_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/** The world `destroy` talks to. */
export interface DestroyDeps extends OperationDeps {
  cfn: CloudFormationClient;
  /** ECR for the stack's region, made only when the stack has a repository; its calls share `ctx` (retries, Ctrl-C, deadline). */
  ecr: (region: string, ctx: CallContext) => Promise<EcrImages>;
}

/** Runs destroy; returns the exit code. Throws UserError subclasses for input and state problems. */
export async function destroy(o: DestroyOptions, d: DestroyDeps): Promise<number> {
  try {
    return await run(o, d);
  } catch (e) {
    if (e instanceof InterruptedError) {
      (d.printer ?? plainPrinter(d.out)).line(
        `Interrupted (${stopName(d.interrupt?.reason)}) before deleting: stack ${o.stackName} was not deleted.`,
      );
      return DESTROY_EXIT.interrupted;
    }
    throw e;
  }
}

async function run(o: DestroyOptions, d: DestroyDeps): Promise<number> {
  const ui = d.printer ?? plainPrinter(d.out);
  const c = d.colors;
  const name = o.stackName;
  const timeoutMs = o.timeoutMs ?? DEFAULT_DESTROY_TIMEOUT_MS;
  // Before anything is deleted, a failing endpoint is given up on within EARLY_RETRY_MS
  // (following the delete retries until the deadline: src/stack/follow.ts).
  const cfn: Cfn = {
    ...operationContext(d, d.cfn, timeoutMs, (line) => ui.line(c.dim(line))),
    retry: { ...DEFAULT_RETRY, budgetMs: EARLY_RETRY_MS },
  };
  const region = await clientRegion(d.cfn);
  if (!region) {
    throw new AwsSetupError('No AWS region: pass --region (e.g. --region us-west-2), set AWS_REGION, or set a region in your profile.');
  }
  const cli = (args: string): string => `aws cloudformation ${args} --region ${region}`;

  const stack = await describeStack(cfn, name);
  if (!stack || stack.StackStatus === 'DELETE_COMPLETE') {
    ui.line(`Stack ${name} does not exist in ${region}: nothing to delete.`);
    return DESTROY_EXIT.ok;
  }
  const id = stack.StackId ?? name;
  const status = stack.StackStatus ?? '?';
  if (status === 'DELETE_IN_PROGRESS') {
    ui.line(`Stack ${name} is already being deleted (DELETE_IN_PROGRESS): following it.`);
    return follow(o, d, cfn, ui, id, await eventsBefore(cfn, id), [], cli, true, timeoutMs);
  }
  if (status === 'REVIEW_IN_PROGRESS') return destroyUnexecuted(o, d, cfn, ui, id, region, cli, timeoutMs);
  if (status.endsWith('_IN_PROGRESS')) {
    throw new StackStateError(
      `Stack ${name} is ${status}: another operation is running. Wait for it to finish ` +
        `(${cli(`describe-stacks --stack-name ${name}`)}), then run destroy again.`,
    );
  }

  // 1. The plan: resources, and what their DeletionPolicy and the parameters keep.
  const resources = await listStackResources(cfn, id);
  let policies: Map<string, string> | { unknown: string };
  try {
    policies = deletionPolicies(await getStackTemplateBody(cfn, id));
  } catch (e) {
    policies = { unknown: errorMessage(e) };
  }
  const plan = destroyPlan(resources, stack.Parameters ?? [], policies);
  ui.line(`Stack ${name} in ${region} (${colorStatus(c, status)}). Deleting it:`);
  for (const line of planLines(plan)) ui.line(`  ${line}`);
  if (plan.policiesUnknown) {
    ui.line(
      c.yellow(
        `Could not read the stack's template (${plan.policiesUnknown}): resources with DeletionPolicy Retain are kept, but are not marked above.`,
      ),
    );
  }

  // 2. Images: never deleted silently.
  let ecr: EcrImages | undefined;
  const images = new Map<string, ImageRef[]>();
  try {
    if (plan.repositories.length > 0) {
      ecr = await d.ecr(region, cfn);
      for (const repo of plan.repositories) {
        const found = uniqueImages(await ecr.listImages(repo));
        if (found.length > 0) images.set(repo, found);
      }
    }
    if (images.size > 0) {
      const held = [...images].map(([repo, list]) => `${repo} (${list.length} image${list.length === 1 ? '' : 's'})`).join(', ');
      if (!o.deleteImages) {
        throw new StackStateError(
          `The ECR repository ${held} still holds images, and images are never deleted silently: nothing was deleted. ` +
            'Re-run with --delete-images to delete them first, or delete or move them yourself ' +
            `(aws ecr list-images --repository-name NAME --region ${region}).`,
        );
      }
      ui.line(c.yellow(`--delete-images: the images of ${held} are deleted first.`));
    }

    // 3. Confirmation.
    if (!o.yes) {
      if (!d.interactive) {
        ui.line(`Not deleted: there is no terminal to ask. Re-run with --yes to delete stack ${name}.`);
        return DESTROY_EXIT.didNotProceed;
      }
      const deleting = plan.rows.filter((r) => r.action === 'delete').length;
      const question = `Delete stack ${name} and its ${deleting} resource${deleting === 1 ? '' : 's'} marked "delete"${images.size > 0 ? ', and the images' : ''}? [y/N] `;
      const yes = await d.confirm(question);
      if (d.interrupt?.aborted) return interruptedBeforeDelete(ui, name, d);
      if (!yes) {
        ui.line(`Not deleted: stack ${name} is unchanged.`);
        return DESTROY_EXIT.didNotProceed;
      }
    }

    if (d.interrupt?.aborted) return interruptedBeforeDelete(ui, name, d);
    // 4. Empty the repositories.
    for (const [repo, first] of images) {
      if (!ecr) break;
      // Delete, then look again: an image pushed meanwhile would make DeleteStack fail halfway.
      let list = first;
      let deleted = 0;
      for (let round = 1; list.length > 0; round++) {
        if (round > MAX_IMAGE_ROUNDS) {
          throw new AwsCallError(
            `ECR repository ${repo} still holds ${list.length} image(s) after deleting ${deleted} (is something pushing to it?). ` +
              'The stack was not deleted; run destroy again once nothing pushes.',
          );
        }
        const r = await ecr.deleteImages(repo, list);
        if (r.failures.length > 0) {
          throw new AwsCallError(
            `Could not delete ${r.failures.length} image(s) of ${repo}: ${r.failures.join('; ')}. The stack was not deleted.`,
          );
        }
        deleted += r.deleted;
        list = uniqueImages(await ecr.listImages(repo));
      }
      ui.line(`Deleted ${deleted} image${deleted === 1 ? '' : 's'} from ECR repository ${repo}.`);
    }
  } finally {
    ecr?.close();
  }

  // 5. Delete and follow.
  if (d.interrupt?.aborted) return interruptedBeforeDelete(ui, name, d);
  const before = await eventsBefore(cfn, id);
  // From here on the stack changes: a closed output no longer stops the destroy.
  d.started?.();
  await deleteStackSurely(cfn, id, `fargate-oidc-${randomUUID()}`, (line) => ui.line(c.yellow(line)));
  ui.line(`Deleting stack ${name} (DeleteStack) ...`);
  return follow(o, d, cfn, ui, id, before, plan.rows.filter((r) => r.action === 'keep').map(keptLine), cli, false, timeoutMs);
}

function interruptedBeforeDelete(ui: Printer, name: string, d: DestroyDeps): number {
  ui.line(`Interrupted (${stopName(d.interrupt?.reason)}) before deleting: stack ${name} was not deleted.`);
  return DESTROY_EXIT.interrupted;
}

/**
 * A stack in REVIEW_IN_PROGRESS: made by a change set that was never executed (deploy --dry-run
 * --keep-change-set, or a deploy with no terminal). It holds no resources and never finishes by
 * itself; deleting it removes it with its change sets.
 */
async function destroyUnexecuted(
  o: DestroyOptions,
  d: DestroyDeps,
  cfn: Cfn,
  ui: Printer,
  id: string,
  region: string,
  cli: (args: string) => string,
  timeoutMs: number,
): Promise<number> {
  const name = o.stackName;
  const sets = await listChangeSets(cfn, id);
  ui.line(
    `Stack ${name} in ${region} (REVIEW_IN_PROGRESS) was made for a change set that was never executed: it holds no resources. ` +
      `Deleting it removes it${sets.length > 0 ? ` and its change set${sets.length === 1 ? '' : 's'} ${sets.join(', ')}` : ''}.`,
  );
  if (!o.yes) {
    if (!d.interactive) {
      ui.line(`Not deleted: there is no terminal to ask. Re-run with --yes to delete stack ${name}.`);
      return DESTROY_EXIT.didNotProceed;
    }
    const yes = await d.confirm(`Delete stack ${name} and its change sets? [y/N] `);
    if (d.interrupt?.aborted) return interruptedBeforeDelete(ui, name, d);
    if (!yes) {
      ui.line(`Not deleted: stack ${name} is unchanged.`);
      return DESTROY_EXIT.didNotProceed;
    }
  }
  if (d.interrupt?.aborted) return interruptedBeforeDelete(ui, name, d);
  const before = await eventsBefore(cfn, id);
  d.started?.();
  for (const cs of sets) await deleteChangeSet(cfn, id, cs);
  await deleteStackSurely(cfn, id, `fargate-oidc-${randomUUID()}`, (line) => ui.line(d.colors.yellow(line)));
  ui.line(`Deleting stack ${name} (DeleteStack) ...`);
  return follow(o, d, cfn, ui, id, before, [], cli, false, timeoutMs);
}

/** The plan as table lines. */
export function planLines(plan: DestroyPlan): string[] {
  return renderTable(
    ['Action', 'Logical id', 'Type', 'Physical id', 'Note'],
    plan.rows.map((r) => [r.action, r.logicalId, r.type, r.physicalId, r.note]),
  );
}

function keptLine(r: DestroyPlan['rows'][number]): string {
  const what = r.logicalId === '-' ? r.type : `${r.logicalId} (${r.type})`;
  const advice =
    r.type === 'AWS::IAM::OIDCProvider'
      ? r.logicalId === '-'
        ? ': other stacks may use it'
        : ': delete it in IAM > Identity providers once no other stack or role uses it'
      : '';
  return `${what} ${r.physicalId}, ${r.note}${advice}`;
}

/** Follows the delete until DELETE_COMPLETE or DELETE_FAILED (or Ctrl-C, or the deadline); prints the summary. */
async function follow(
  o: DestroyOptions,
  d: DestroyDeps,
  cfn: Cfn,
  ui: Printer,
  id: string,
  before: ReadonlySet<string>,
  kept: string[],
  cli: (args: string) => string,
  alreadyStarted: boolean,
  timeoutMs: number,
): Promise<number> {
  const c = d.colors;
  const name = o.stackName;
  const startedAt = d.now();
  let followed: FollowResult;
  try {
    followed = await followStack({ cfn, stackId: id, stackName: name, before, startedAt, printer: ui, colors: c, alreadyStarted });
  } catch (e) {
    throw carriesOn(e, { stackName: name, stackId: id, operation: 'delete' }, cli);
  }
  const { status, events } = followed;
  const elapsed = formatElapsed(d.now().getTime() - startedAt.getTime());
  if (followed.ended !== 'final') {
    for (const line of stoppedLines(
      followed,
      { stackName: name, stackId: id, operation: 'delete', timeout: formatDuration(timeoutMs), stop: d.interrupt?.reason },
      cli,
    ))
      ui.line(line);
    return followed.ended === 'deadline' ? DESTROY_EXIT.deadline : DESTROY_EXIT.interrupted;
  }
  if (status === 'DELETE_COMPLETE') {
    const deleted = events.filter((e) => e.ResourceStatus === 'DELETE_COMPLETE' && e.LogicalResourceId !== name).length;
    ui.line(c.green(`Stack ${name}: DELETE_COMPLETE in ${elapsed} (${deleted} resource${deleted === 1 ? '' : 's'} deleted).`));
    if (kept.length > 0) {
      ui.line('Kept:');
      for (const k of kept) ui.line(`  ${k}`);
    }
    return DESTROY_EXIT.ok;
  }
  ui.line(c.red(`Stack ${name}: ${colorStatus(c, status)} after ${elapsed}. The delete failed.`));
  const causes = rootCause(events, name);
  if (causes.length > 0) {
    ui.line('Root cause:');
    for (const e of causes) {
      ui.line(
        `  ${e.LogicalResourceId ?? '?'} (${e.ResourceType ?? '?'}) ${e.ResourceStatus ?? ''}: ${e.ResourceStatusReason ?? '(no reason given)'}`,
      );
    }
  }
  const failedIds = [...new Set(causes.map((e) => e.LogicalResourceId).filter((x): x is string => x !== undefined && x !== name))];
  ui.line(
    `Fix the cause and run destroy again${failedIds.length > 0 ? `, or leave ${failedIds.join(', ')} behind: ${cli(`delete-stack --stack-name ${name} --retain-resources ${failedIds.join(' ')}`)}` : ''}.`,
  );
  return DESTROY_EXIT.failed;
}
