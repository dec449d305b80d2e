/**
 * Checking a stack that reached a *_COMPLETE status against what the change set said it would
 * do. A stack that holds none of the resources the change set adds or modifies is not a
 * success: an endpoint that failed inside the operation (moto answers a template it cannot
 * create with a 500, then reports CREATE_COMPLETE) must not be reported as a deploy. Some
 * missing is reported, not failed: an endpoint that ignores Conditions (moto) lists resources
 * in the change set that are rightly never created. Pure: data in, ids out.
 */
import type { StackResourceSummary } from '@aws-sdk/client-cloudformation';
import type { ChangeRow } from './changes';

/** Logical ids the change set adds or modifies that the stack does not hold, complete, now. */
export function missingResources(changes: readonly ChangeRow[], resources: readonly StackResourceSummary[]): string[] {
  const present = new Set(
    resources
      .filter((r) => /_COMPLETE$/.test(r.ResourceStatus ?? '') && !/^DELETE/.test(r.ResourceStatus ?? ''))
      .map((r) => r.LogicalResourceId),
  );
  return changes.filter((c) => (c.action === 'Add' || c.action === 'Modify') && !present.has(c.logicalId)).map((c) => c.logicalId);
}

/** What the check found: failed when nothing the change set adds or modifies exists. */
export function resourceCheck(
  changes: readonly ChangeRow[],
  resources: readonly StackResourceSummary[],
): { failed: boolean; missing: string[]; expected: number } {
  const expected = changes.filter((c) => c.action === 'Add' || c.action === 'Modify').length;
  const missing = missingResources(changes, resources);
  return { failed: expected > 0 && missing.length === expected, missing, expected };
}
