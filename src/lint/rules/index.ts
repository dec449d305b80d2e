/**
 * The catalogue of our rules and the function that runs them on one parsed template:
 * builds the shared context, runs each rule set, drops suppressed hits, adds positions.
 */
import { resourcesOf } from '../intrinsics';
import { policyStatements } from '../policy';
import { isSuppressed } from '../suppress';
import type { TemplateSource } from '../template-source';
import { isObject, type Finding } from '../types';
import { cost } from './cost';
import { ecsRoles } from './ecs-roles';
import { githubOidc } from './github-oidc';
import { leastPrivilege } from './least-privilege';
import { quotas } from './quotas';
import type { Rule, RuleContext, RuleHit, RuleSet } from './types';

/** Rules about the file itself: it must parse and look like a CloudFormation template. */
export const TEMPLATE_RULES = [
  { id: 'FO001', severity: 'error', title: 'Template does not parse (YAML/JSON syntax, duplicate keys)' },
  { id: 'FO002', severity: 'error', title: 'Not a CloudFormation template (no Resources mapping)' },
] as const satisfies readonly Rule[];

/** Every rule set, in the order they run. */
export const RULE_SETS: readonly RuleSet[] = [leastPrivilege, githubOidc, ecsRoles, cost, quotas];

/** Every rule of ours, by id. */
export const ALL_RULES: readonly Rule[] = [...TEMPLATE_RULES, ...RULE_SETS.flatMap((s) => s.rules)];

const RULES_BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

/** Runs our rules on one parsed template. */
export async function runRules(source: TemplateSource): Promise<Finding[]> {
  const finding = (rule: string, line: number, col: number, message: string): Finding => ({
    file: source.file,
    line,
    col,
    severity: RULES_BY_ID.get(rule)?.severity ?? 'error',
    rule,
    message,
    source: 'fargate-oidc',
  });
  if (source.parseErrors.length > 0) {
    return source.parseErrors.map((e) => finding('FO001', e.position.line, e.position.col, `${e.message}. Fix the syntax; CloudFormation rejects the template.`));
  }
  const template = source.data;
  if (!isObject(template) || !isObject(template['Resources'])) {
    return [finding('FO002', 1, 1, 'No Resources mapping: this is not a CloudFormation template. Lint the template file (e.g. out/template.yaml).')];
  }
  const resources = resourcesOf(template);
  const ctx: RuleContext = { source, template, resources, statements: policyStatements(resources) };
  const hits: RuleHit[] = [];
  for (const set of RULE_SETS) hits.push(...(await set.check(ctx)));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const hit of hits) {
    if (isSuppressed(template, hit.rule, hit.path)) continue;
    const { line, col } = source.locate(hit.path);
    const key = `${hit.rule}\u0000${line}\u0000${col}\u0000${hit.message}`;
    if (seen.has(key)) continue; // the same value reached through two Fn::If variants
    seen.add(key);
    findings.push(finding(hit.rule, line, col, hit.message));
  }
  return findings.sort((a, b) => a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule));
}
