/**
 * The registry of our rules and the function that runs them on one parsed template: builds
 * the shared context, runs each rule, drops suppressed reports, adds positions.
 *
 * To add a rules file: export a list of `defineRule({...})` rows from it and add that list to
 * `RULES` below. Its ids join the `RuleId` union; a duplicate id fails the catalogue test.
 */
import { templateResources } from '../intrinsics';
import { policyStatements } from '../policy';
import { isSuppressed } from '../suppress';
import type { ParsedTemplate } from '../../template-file/decode';
import { isObject, type Finding, type JsonObject, type JsonPath, type Severity } from '../types';
import { COST_RULES } from './cost';
import { ECS_ROLE_RULES } from './ecs-roles';
import { INFRASTRUCTURE_COST_RULES } from './cost-infrastructure';
import { GITHUB_OIDC_RULES } from './github-oidc';
import { LEAST_PRIVILEGE_RULES } from './least-privilege';
import { NETWORK_RULES } from './network';
import { QUOTA_RULES } from './quotas';
import { suppressionRule } from './suppression';
import { TEMPLATE_RULES } from './template';
import type { LintRule, RuleContext, RuleMeta, RuleReport } from './types';

/** FO003 checks suppression lists against the ids of every rule, itself included. */
const SUPPRESSION_RULE = suppressionRule(() => RULES.map((r) => r.id));

/** Every rule of ours, in the order they run: rules on the file itself first. */
export const RULES = [
  ...TEMPLATE_RULES,
  SUPPRESSION_RULE,
  ...LEAST_PRIVILEGE_RULES,
  ...GITHUB_OIDC_RULES,
  ...ECS_ROLE_RULES,
  ...NETWORK_RULES,
  ...COST_RULES,
  ...INFRASTRUCTURE_COST_RULES,
  ...QUOTA_RULES,
] as const;

/** The id of one of our rules: a typed union, so an unknown id does not compile. */
export type RuleId = (typeof RULES)[number]['id'];

/**
 * The catalogue (id, severity, title, help, fix) of every rule, without the checks: what
 * `--list-rules` prints and what SARIF's `tool.driver.rules` is built from.
 */
export const ALL_RULES: readonly RuleMeta<RuleId>[] = RULES.map(({ id, severity, title, help, fix }) => ({
  id,
  severity,
  title,
  help,
  fix,
}));

const RULES_BY_ID: ReadonlyMap<string, RuleMeta<RuleId>> = new Map(ALL_RULES.map((r) => [r.id, r]));

/** True when `id` names one of our rules (e.g. to check an `ignore_rules` entry). */
export function isRuleId(id: string): id is RuleId {
  return RULES_BY_ID.has(id);
}

/** The catalogue entry of one rule. */
export function ruleMeta(id: RuleId): RuleMeta<RuleId> {
  return RULES_BY_ID.get(id) as RuleMeta<RuleId>;
}

async function reportsOf(rules: readonly LintRule<RuleId>[], ctx: RuleContext): Promise<[LintRule<RuleId>, RuleReport][]> {
  const out: [LintRule<RuleId>, RuleReport][] = [];
  for (const rule of rules) for (const report of await rule.check(ctx)) out.push([rule, report]);
  return out;
}

/** Runs our rules on one parsed template. */
export async function runRules(source: ParsedTemplate): Promise<Finding[]> {
  const rules: readonly LintRule<RuleId>[] = RULES;
  const data = isObject(source.data) ? source.data : {};
  const fileCtx: RuleContext = { source, template: data, resources: [], resourceOrigins: new Map(), statements: [] };
  let resourceAt: (path: JsonPath) => JsonObject | undefined = () => undefined;
  let reports = await reportsOf(
    rules.filter((r) => r.stage === 'file'),
    fileCtx,
  );
  if (reports.length === 0) {
    const expanded = templateResources(data);
    const resources = expanded.map((r): [string, typeof r.resource] => [r.id, r.resource]);
    const resourceOrigins = new Map(
      expanded.map((r) => [r.id, { path: r.path, ...(r.generatedBy ? { generatedBy: r.generatedBy } : {}) }]),
    );
    const ctx: RuleContext = { source, template: data, resources, resourceOrigins, statements: policyStatements(resources, data) };
    const byOrigin = new Map(expanded.map((r) => [JSON.stringify(r.path), r.resource]));
    // The resource a path is in: the longest prefix that is where a resource is written.
    resourceAt = (path) => {
      for (let n = path.length; n >= 2; n--) {
        const resource = byOrigin.get(JSON.stringify(path.slice(0, n)));
        if (resource !== undefined) return resource;
      }
      return undefined;
    };
    reports = await reportsOf(
      rules.filter((r) => r.stage !== 'file'),
      ctx,
    );
  }
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const [rule, report] of reports) {
    if (isSuppressed(data, rule.id, report.path, resourceAt(report.path))) continue;
    const { line, col } = report.position ?? source.locate(report.path);
    const key = `${rule.id}\u0000${line}\u0000${col}\u0000${report.message}`;
    if (seen.has(key)) continue; // the same value reached through two Fn::If variants
    seen.add(key);
    const severity: Severity = report.severity ?? rule.severity;
    findings.push({
      file: source.file,
      line,
      col,
      severity,
      rule: rule.id,
      message: report.message,
      source: 'fargate-oidc',
      path: report.path,
    });
  }
  return findings.sort((a, b) => a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule));
}
