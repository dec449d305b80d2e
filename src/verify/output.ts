/** What `verify:iam` prints: the matrix as aligned lines, and the app roles' grants. */
import type { Json } from '../template/cfn';
import { deployedStack, LISTED_ROLES, PROBED_ROLES } from './fixtures';
import type { MatrixRow } from './types';

/** The matrix as aligned text lines, surprises marked, after a line per probed role saying what it is for. */
export function formatMatrix(title: string, rows: MatrixRow[]): string[] {
  const lines = [title];
  for (const [name, role] of Object.entries(PROBED_ROLES)) lines.push(`  ${name} = ${role.logicalId}: ${role.description}`);
  for (const r of rows) {
    const verdict =
      r.kind === 'grant-used'
        ? r.actual
          ? 'USED '
          : 'SPARE'
        : r.kind === 'reference'
          ? r.actual
            ? 'FITS '
            : 'WRONG'
          : r.actual
            ? 'ALLOW'
            : 'DENY ';
    const mark = r.surprise ? 'SURPRISE' : 'ok      ';
    const context = Object.entries(r.request?.context ?? {}).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : v}`);
    const sent = context.length > 0 ? ` {${context.join(' ')}}` : '';
    lines.push(`  ${mark} ${verdict} ${r.kind.padEnd(11)} ${r.action.padEnd(34)} ${r.what}  [${r.resource}]${sent}`);
  }
  const surprises = rows.filter((r) => r.surprise).length;
  lines.push(`  ${rows.length} checks, ${surprises} surprise${surprises === 1 ? '' : 's'}`);
  return lines;
}

/**
 * What the app's own roles may do, one line per statement (resolved with the matrix's stack),
 * so grants from modules and secrets show beside the proof. Each role is introduced with its
 * grantee's description.
 */
export function roleGrantLines(plain: { [key: string]: Json }, parameters: Record<string, string> = {}): string[] {
  const stack = deployedStack(plain, parameters);
  const lines: string[] = [];
  for (const { name, grantee } of LISTED_ROLES) {
    const props = stack.resolved.resources[grantee.logicalId]?.Properties as
      | { Policies?: { PolicyDocument: { Statement: Json[] } }[]; ManagedPolicyArns?: string[] }
      | undefined;
    const statements = (props?.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement) as {
      Sid?: string;
      Action?: string | string[];
      Resource?: string | string[];
    }[];
    lines.push(`Grants of the ${name} (${grantee.description}): ${statements.length === 0 ? 'none' : ''}`.trimEnd());
    for (const arn of props?.ManagedPolicyArns ?? []) lines.push(`  managed policy ${arn}`);
    for (const s of statements) {
      const actions = Array.isArray(s.Action) ? s.Action.join(', ') : s.Action;
      const resources = Array.isArray(s.Resource) ? s.Resource.join(', ') : s.Resource;
      lines.push(`  ${s.Sid ?? '(no Sid)'}: ${actions} on ${resources}`);
    }
  }
  return lines;
}
