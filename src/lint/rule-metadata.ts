/**
 * What the SARIF output says about a rule (id, severity, title, why, how to fix, a link), read
 * from our rule tables and from cfn-lint's report through one adapter each, so the SARIF writer
 * never depends on how the rule tables are laid out.
 */
import { ALL_RULES } from './rules';
import type { Severity } from './types';

/** A rule as reports describe it. */
export interface RuleMetadata {
  /** Stable id: `FO…` for ours, cfn-lint's own (`E3012`, `W3037`…). */
  id: string;
  /** Which layer owns the rule. */
  source: 'fargate-oidc' | 'cfn-lint';
  /** Default severity of its findings. */
  severity: Severity;
  /** One line: what the rule checks. */
  title: string;
  /** Why it matters; empty when the table does not say. */
  help: string;
  /** How to fix it in general; empty when the table does not say (each message says it for its case). */
  fix: string;
  /** Where to read more, when known. */
  helpUri?: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Our rules' metadata, from the rule tables. Reads `help` and `fix` when a table row has them
 * (the rule style that carries them), so this is the one place to re-point if the tables change.
 */
export function ourRuleMetadata(): RuleMetadata[] {
  return ALL_RULES.map((rule) => {
    const row = rule as { help?: unknown; fix?: unknown; helpUri?: unknown };
    const helpUri = text(row.helpUri);
    return {
      id: rule.id,
      source: 'fargate-oidc' as const,
      severity: rule.severity,
      title: rule.title,
      help: text(row.help),
      fix: text(row.fix),
      ...(helpUri ? { helpUri } : {}),
    };
  });
}
