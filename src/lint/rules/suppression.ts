/**
 * FO003: an id in a suppression list (`fargate-oidc: ignore_rules` or cfn-lint's
 * `cfn-lint: config: ignore_checks`, on a resource or the template) that names no rule. A
 * misspelt id silences nothing, and nothing else says so.
 */
import { entryMatches, suppressionEntries, type SuppressionEntry } from '../suppress';
import { isObject } from '../types';
import { defineRule, type RuleContext, type RuleReport } from './types';

/** cfn-lint's ids: E, W or I and up to four digits (a prefix such as `W3` is allowed at the top level). */
const CFN_LINT_ID = /^[EWI]\d{4}$/;
const CFN_LINT_PREFIX = /^[EWI]\d{0,4}$/;

/** Every suppression entry of the template and its resources. */
function entries(ctx: RuleContext): SuppressionEntry[] {
  const all = suppressionEntries(ctx.template['Metadata'], ['Metadata'], 'template');
  for (const [id, resource] of ctx.resources) {
    const path = ctx.resourceOrigins.get(id)?.path ?? ['Resources', id];
    if (isObject(resource['Metadata'])) all.push(...suppressionEntries(resource['Metadata'], [...path, 'Metadata'], 'resource'));
  }
  return all;
}

/** Why an entry names no rule, or undefined when it names one. */
function unknown(entry: SuppressionEntry, ours: readonly string[]): string | undefined {
  if (ours.some((id) => entryMatches(entry, id))) return undefined;
  if (entry.key === 'ignore_checks' && !entry.id.startsWith('FO')) {
    const known = entry.level === 'template' ? CFN_LINT_PREFIX : CFN_LINT_ID;
    if (known.test(entry.id)) return undefined; // one of cfn-lint's rules: cfn-lint applies it
    return `"${entry.id}" in cfn-lint: config: ignore_checks is neither a cfn-lint rule id (E3012, W1020${entry.level === 'template' ? ', or a prefix such as W3' : ''}) nor one of ours (FO…), so it silences nothing.`;
  }
  const how =
    entry.key === 'ignore_rules'
      ? 'Use an id from "fargate-oidc lint --list-rules", or a prefix ending in * (FO2*).'
      : entry.level === 'template'
        ? 'Use an id from "fargate-oidc lint --list-rules", or a prefix of one (FO2).'
        : 'Use an id from "fargate-oidc lint --list-rules" (a resource\'s ignore_checks takes whole ids, as cfn-lint does).';
  return `"${entry.id}" in ${entry.key === 'ignore_rules' ? 'fargate-oidc: ignore_rules' : 'cfn-lint: config: ignore_checks'} names no fargate-oidc rule, so it silences nothing. ${how}`;
}

/** FO003, given the ids of every rule of ours (the registry passes them, to avoid an import cycle). */
export function suppressionRule(ruleIds: () => readonly string[]) {
  return defineRule({
    id: 'FO003',
    severity: 'warning',
    title: 'Suppression (ignore_rules or cfn-lint ignore_checks) that names no rule',
    help: 'An id in fargate-oidc: ignore_rules or cfn-lint: config: ignore_checks that names no rule silences nothing: a misspelt id leaves the finding it was meant to accept, and an id removed from the rules hides nothing any more.',
    fix: 'Correct the id (see --list-rules) or remove the entry.',
    check: (ctx: RuleContext): RuleReport[] =>
      entries(ctx).flatMap((entry) => {
        const why = unknown(entry, ruleIds());
        return why === undefined ? [] : [{ path: entry.path, message: why }];
      }),
  });
}
