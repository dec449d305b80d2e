/**
 * Checking a stack that reached a *_COMPLETE status against what the change set said it would
 * do: every resource it adds or modifies must exist afterwards. An endpoint that failed inside
 * the operation (moto answers a template it cannot create with a 500; the retried call then
 * reports CREATE_COMPLETE) must not be reported as a successful deploy. Pure: data in, ids out.
 */
import type { StackResourceSummary } from '@aws-sdk/client-cloudformation';
import type { ChangeRow } from './changes';

/** Logical ids the change set adds or modifies that the stack does not hold, complete, now. */
export function missingResources(changes: readonly ChangeRow[], resources: readonly StackResourceSummary[]): string[] {
  const present = new Set(
    resources.filter((r) => /_COMPLETE$/.test(r.ResourceStatus ?? '') && !/^DELETE/.test(r.ResourceStatus ?? '')).map((r) => r.LogicalResourceId),
  );
  return changes.filter((c) => (c.action === 'Add' || c.action === 'Modify') && !present.has(c.logicalId)).map((c) => c.logicalId);
}
