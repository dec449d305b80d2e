/**
 * Mutating calls whose answer may be lost (CreateChangeSet, ExecuteChangeSet, DeleteStack):
 * when the connection drops, the request times out or the service answers 5xx, the call may or
 * may not have taken effect. Each is resolved here by reading the state (the change set, its
 * ExecutionStatus, the stack's status), never assumed, and repeated only when the state shows
 * it did not happen. Every repeat carries the first call's idempotency token.
 *
 * An ExecuteChangeSet or DeleteStack that answered is confirmed too: a proxy's 200 page is not
 * CloudFormation's answer. The change set must have left AVAILABLE, or the stack be deleting;
 * if not, the call is made once more, and if the state still has not moved the operation is
 * reported as not started ({@link OperationNotStartedError}): nothing was changed.
 */
import type { CreateChangeSetInput } from '@aws-sdk/client-cloudformation';
import { backoffDelay, DEFAULT_RETRY, OutcomeUnknownError } from '../aws/call';
import {
  type Cfn,
  createChangeSet,
  deleteStack,
  describeChangeSet,
  describeStack,
  executeChangeSet,
  isChangeSetMissing,
} from '../aws/cloudformation';
import { errorLine, errorMessage, errorName } from '../aws/errors';
import { AwsCallError, OperationNotStartedError } from '../errors';

/** Times a mutating call is made before giving up when the state shows it never took effect. */
const MAX_CALLS = 4;

/** ExecuteChangeSet refused because the change set is already executing (or executed). */
export function isInvalidChangeSetStatus(e: unknown): boolean {
  return errorName(e) === 'InvalidChangeSetStatus' || errorName(e) === 'InvalidChangeSetStatusException';
}

function lostLine(e: unknown): string {
  const cause = e instanceof OutcomeUnknownError ? e.cause : e;
  return errorLine(cause).replace(/\.+$/, '');
}

async function pause(cfn: Cfn, attempt: number): Promise<void> {
  await cfn.sleep(backoffDelay(attempt, cfn.retry ?? DEFAULT_RETRY, cfn.random ?? Math.random), cfn.signal);
}

/** Execution statuses that mean ExecuteChangeSet took effect. */
const EXECUTED = new Set(['EXECUTE_IN_PROGRESS', 'EXECUTE_COMPLETE', 'EXECUTE_FAILED']);

/**
 * ExecuteChangeSet, made sure. A lost answer, or InvalidChangeSetStatus (a retry of a call that
 * had taken effect), is resolved by reading the change set's ExecutionStatus: executing or
 * executed means it ran; AVAILABLE means it did not, and it is executed again.
 * `say` prints one line per step.
 */
export async function executeChangeSetSurely(
  cfn: Cfn,
  stack: string,
  changeSet: string,
  token: string,
  say: (line: string) => void,
): Promise<void> {
  let confirmations = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      await executeChangeSet(cfn, stack, changeSet, token, { passThrough: isInvalidChangeSetStatus });
    } catch (e) {
      if (!(e instanceof OutcomeUnknownError) && !isInvalidChangeSetStatus(e)) throw e;
      say(`ExecuteChangeSet: ${lostLine(e)}. Reading the change set to see whether it ran ...`);
      const cs = await describeChangeSet(cfn, stack, changeSet);
      const status = cs.ExecutionStatus ?? 'UNKNOWN';
      if (EXECUTED.has(status)) {
        say(`It ran (ExecutionStatus ${status}).`);
        return;
      }
      if (status === 'AVAILABLE' && attempt >= MAX_CALLS) {
        throw new OperationNotStartedError(
          `Change set ${changeSet} was not executed: after ${attempt} calls whose answers were lost (${lostLine(e)}), ` +
            'its ExecutionStatus is still AVAILABLE. Nothing was changed.',
        );
      }
      if (status !== 'AVAILABLE' || attempt >= MAX_CALLS) {
        throw new AwsCallError(
          `Could not execute change set ${changeSet}: after ${attempt} call(s) its ExecutionStatus is ${status}` +
            `${cs.StatusReason ? ` (${cs.StatusReason})` : ''}.`,
        );
      }
      say(`It did not run (ExecutionStatus AVAILABLE): executing it again.`);
      await pause(cfn, attempt);
      continue;
    }
    // It answered: confirm that it started (the change set left AVAILABLE).
    if (confirmations > 0) await pause(cfn, 1);
    const cs = await describeChangeSet(cfn, stack, changeSet);
    const status = cs.ExecutionStatus ?? 'UNKNOWN';
    if (EXECUTED.has(status)) return;
    confirmations++;
    if (confirmations >= 2) {
      throw new OperationNotStartedError(
        `ExecuteChangeSet answered twice, but change set ${changeSet} did not start: its ExecutionStatus is still ${status}. ` +
          "Nothing was changed. An answer that is not CloudFormation's (a proxy's page) can do this: check HTTPS_PROXY and AWS_ENDPOINT_URL.",
      );
    }
    say(`ExecuteChangeSet answered, but the change set is still ${status}: it did not start. Executing it once more ...`);
  }
}

/**
 * CreateChangeSet, made sure. A lost answer (or AlreadyExists from a repeat) is resolved by
 * reading the change set by stack and name: if it exists, it is the one; if not, it is created
 * again with the same ClientToken.
 */
export async function createChangeSetSurely(
  cfn: Cfn,
  input: CreateChangeSetInput & { StackName: string; ChangeSetName: string; ClientToken: string },
  say: (line: string) => void,
): Promise<{ changeSetId: string; stackId: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await createChangeSet(cfn, input);
    } catch (e) {
      const cause = (e as { cause?: unknown }).cause;
      const exists = errorName(cause) === 'AlreadyExistsException' && attempt > 1;
      if (!(e instanceof OutcomeUnknownError) && !exists) throw e;
      say(`CreateChangeSet: ${lostLine(exists ? cause : e)}. Looking for change set ${input.ChangeSetName} ...`);
      try {
        const cs = await describeChangeSet(cfn, input.StackName, input.ChangeSetName, { passThrough: isChangeSetMissing });
        say('It was created.');
        return { changeSetId: cs.ChangeSetId ?? input.ChangeSetName, stackId: cs.StackId ?? input.StackName };
      } catch (missing) {
        if (!isChangeSetMissing(missing) && !/does not exist/.test(errorMessage(missing))) throw missing;
      }
      if (attempt >= MAX_CALLS) throw new AwsCallError(`Could not create change set ${input.ChangeSetName}: ${lostLine(e)}`);
      say('It was not created: creating it again.');
      await pause(cfn, attempt);
    }
  }
}

/**
 * DeleteStack, made sure: a lost answer is resolved by reading the stack by id. Deleting,
 * deleted or gone means the call took effect; any other status, and it is called again.
 */
export async function deleteStackSurely(cfn: Cfn, stackId: string, token: string, say: (line: string) => void): Promise<void> {
  let confirmations = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      await deleteStack(cfn, stackId, token);
    } catch (e) {
      if (!(e instanceof OutcomeUnknownError)) throw e;
      say(`DeleteStack: ${lostLine(e)}. Reading the stack to see whether the delete started ...`);
      const stack = await describeStack(cfn, stackId);
      const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
      if (status === 'DELETE_IN_PROGRESS' || status === 'DELETE_COMPLETE') {
        say(`It did (${status}).`);
        return;
      }
      if (attempt >= MAX_CALLS)
        throw new AwsCallError(`Could not delete stack ${stackId}: it is still ${status} after ${attempt} calls (${lostLine(e)}).`);
      say(`It did not (the stack is ${status}): deleting it again.`);
      await pause(cfn, attempt);
      continue;
    }
    // It answered: confirm that the delete started.
    if (confirmations > 0) await pause(cfn, 1);
    const stack = await describeStack(cfn, stackId);
    const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
    if (status === 'DELETE_IN_PROGRESS' || status === 'DELETE_COMPLETE') return;
    confirmations++;
    if (confirmations >= 2) {
      throw new OperationNotStartedError(
        `DeleteStack answered twice, but stack ${stackId} is still ${status}: the delete did not start. Nothing was deleted. ` +
          "An answer that is not CloudFormation's (a proxy's page) can do this: check HTTPS_PROXY and AWS_ENDPOINT_URL.",
      );
    }
    say(`DeleteStack answered, but the stack is still ${status}: the delete did not start. Deleting it once more ...`);
  }
}
