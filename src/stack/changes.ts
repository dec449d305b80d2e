/**
 * The review of a change set: one row per resource change, a summary line, and call-outs for
 * changes that lose data (removing or replacing the image repository, the log group or the
 * OIDC provider).
 */
import type { Change } from '@aws-sdk/client-cloudformation';
import type { Colors } from '../ui/color';
import { renderTable } from '../ui/table';

/**
 * Resource types whose removal or replacement loses something that a re-create does not bring
 * back: pushed images, log history, and the account's single GitHub OIDC provider (other
 * stacks' roles trust it).
 */
export const STATEFUL_TYPES: { readonly [type: string]: string } = {
  'AWS::ECR::Repository': 'the images pushed to it',
  'AWS::Logs::LogGroup': 'its log history',
  'AWS::IAM::OIDCProvider': 'the trust every role in the account places in it (GitHub deploys fail until it is back)',
};

/** One row of the review. */
export interface ChangeRow {
  action: string;
  logicalId: string;
  type: string;
  /** "True", "Conditional", "False" for a Modify; "" for Add and Remove. */
  replacement: string;
  /** What changes: property names, with values where the change set gives them. */
  what: string[];
  /** What CloudFormation does with the old resource (Delete, Retain, ReplaceAndRetain ...). */
  policyAction?: string;
}

/** The review of a change set. */
export interface ChangeSummary {
  rows: ChangeRow[];
  counts: { add: number; modify: number; remove: number; replace: number };
  /** Data-loss call-outs, one sentence each. */
  warnings: string[];
}

const MAX_VALUE = 40;

function shortValue(v: string | undefined): string {
  if (v === undefined) return '';
  const oneLine = v.replace(/\s+/g, ' ');
  return oneLine.length > MAX_VALUE ? `${oneLine.slice(0, MAX_VALUE - 1)}…` : oneLine;
}

function describeDetail(d: NonNullable<NonNullable<Change['ResourceChange']>['Details']>[number]): string | undefined {
  const t = d.Target;
  if (!t) return undefined;
  const name =
    t.Attribute === 'Properties' || t.Attribute === undefined
      ? (t.Name ?? t.Path ?? '')
      : t.Name
        ? `${t.Attribute}.${t.Name}`
        : t.Attribute;
  if (!name) return undefined;
  const recreate = t.RequiresRecreation === 'Always' ? ' (recreates)' : t.RequiresRecreation === 'Conditionally' ? ' (may recreate)' : '';
  if (t.BeforeValue !== undefined || t.AfterValue !== undefined) {
    const before = t.BeforeValue !== undefined ? shortValue(t.BeforeValue) : '∅';
    const after = t.AfterValue !== undefined ? shortValue(t.AfterValue) : '∅';
    return `${name}: ${before} → ${after}${recreate}`;
  }
  return `${name}${recreate}`;
}

/**
 * Builds the review rows, counts and call-outs from a change set's changes. `policies`: the
 * DeletionPolicy of each resource of the stack's current template (a removed resource's policy
 * is in the template it was deployed with), so every resource CloudFormation keeps on removal is
 * called out, whatever its type; without them, the change set's PolicyAction decides.
 */
export function summarizeChanges(changes: readonly Change[], policies: ReadonlyMap<string, string> = new Map()): ChangeSummary {
  const rows: ChangeRow[] = [];
  const counts = { add: 0, modify: 0, remove: 0, replace: 0 };
  const warnings: string[] = [];
  for (const change of changes) {
    const rc = change.ResourceChange;
    if (!rc) continue;
    const action = rc.Action ?? '?';
    const replacement = action === 'Modify' ? (rc.Replacement ?? '') : '';
    const what: string[] = [];
    for (const d of rc.Details ?? []) {
      const text = describeDetail(d);
      if (text && !what.includes(text)) what.push(text);
    }
    const row: ChangeRow = {
      action,
      logicalId: rc.LogicalResourceId ?? '?',
      type: rc.ResourceType ?? '?',
      replacement,
      what,
    };
    if (rc.PolicyAction) row.policyAction = rc.PolicyAction;
    rows.push(row);
    if (action === 'Add') counts.add++;
    else if (action === 'Modify') counts.modify++;
    else if (action === 'Remove') counts.remove++;
    if (replacement === 'True' || replacement === 'Conditional') counts.replace++;

    const loses = STATEFUL_TYPES[row.type];
    const retained = /Retain/.test(rc.PolicyAction ?? '') || /^Retain/.test(policies.get(row.logicalId) ?? '');
    if (!loses && action === 'Remove' && retained) {
      warnings.push(
        `This change set removes ${row.logicalId} (${row.type}) from the stack: CloudFormation retains it (DeletionPolicy ` +
          `${policies.get(row.logicalId) ?? 'Retain'}), so it stays in the account, no longer managed by the stack. Delete it yourself if it is not needed.`,
      );
    }
    if (loses && (action === 'Remove' || replacement === 'True' || replacement === 'Conditional')) {
      const verb = action === 'Remove' ? 'removes' : replacement === 'True' ? 'replaces' : 'may replace';
      warnings.push(
        `This change set ${verb} ${row.logicalId} (${row.type}): ` +
          (retained
            ? 'the old resource is retained (DeletionPolicy Retain), but the stack no longer manages it.'
            : `the old resource is deleted, and with it ${loses}.`),
      );
    }
  }
  return { rows, counts, warnings };
}

/** The summary line, e.g. "2 to add, 1 to modify (1 replaced), 0 to remove". */
export function summaryLine(s: ChangeSummary): string {
  const { add, modify, remove, replace } = s.counts;
  return `${add} to add, ${modify} to modify, ${remove} to remove, ${replace} replacement${replace === 1 ? '' : 's'}`;
}

/** The review as printed lines: the table, the summary line, then the call-outs. */
export function renderReview(s: ChangeSummary, c: Colors): string[] {
  const action = (a: string): string => (a === 'Add' ? c.green(a) : a === 'Remove' ? c.red(a) : a === 'Modify' ? c.yellow(a) : a);
  const replacement = (r: string): string =>
    r === 'True' ? c.red(c.bold('REPLACE')) : r === 'Conditional' ? c.yellow(c.bold('MAY REPLACE')) : r === 'False' ? 'no' : '';
  const rows = s.rows.map((r) => [
    action(r.action),
    r.logicalId,
    r.type,
    replacement(r.replacement),
    r.what.join('; ') || (r.action === 'Modify' ? '(no property details)' : ''),
  ]);
  const lines =
    s.rows.length > 0
      ? renderTable(['Action', 'Logical id', 'Type', 'Replacement', 'Changes'], rows)
      : ['No resource changes: the change set updates only parameter values, tags or outputs.'];
  lines.push(summaryLine(s));
  for (const w of s.warnings) lines.push(c.red(`WARNING: ${w}`));
  return lines;
}
