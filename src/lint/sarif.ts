/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), one run that carries cfn-lint's findings and ours, for
 * GitHub code scanning (`github/codeql-action/upload-sarif`) and other SARIF viewers.
 *
 * What code scanning needs, and how it is met here
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
 * - `version: "2.1.0"` and one `tool.driver` whose `rules` describe every `ruleId` used; each
 *   result also names its rule by `ruleIndex`, which must point at the rule with that id;
 * - locations as URIs relative to the repository root (the working directory of the lint run;
 *   a file outside it keeps an absolute `file://` URI), 1-based `startLine` and `startColumn`;
 * - `level` error, warning or note (our info), and rule `help` text for the alert's page.
 * Rule ids are stable (`FO…` for ours, cfn-lint's own `E3012`, `W3037`…), so alerts keep their
 * identity from run to run. Messages are whole: the lists that text output cuts stay complete.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintResult } from './index';
import { ourRuleMetadata, type RuleMetadata } from './rule-metadata';
import type { Finding, Severity } from './types';

/** Where the SARIF file's relative URIs start. */
export interface SarifOptions {
  /** The repository root the URIs are relative to; default the current directory. */
  cwd?: string;
}

/** The schema URI SARIF writers put in `$schema` (SchemaStore's copy of the OASIS schema). */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A file as a SARIF artifact URI: relative and percent-encoded inside `cwd`, else `file://`. */
export function artifactUri(file: string, cwd: string): string {
  const absolute = resolve(cwd, file);
  const rel = relative(cwd, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return pathToFileURL(absolute).href;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

function sarifRule(rule: RuleMetadata): { [key: string]: Json } {
  const help = [rule.title, rule.help, rule.fix ? `Fix: ${rule.fix}` : '', rule.helpUri ? `See ${rule.helpUri}` : '']
    .filter((part) => part !== '')
    .join('\n\n');
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.title },
    ...(rule.help ? { fullDescription: { text: rule.help } } : {}),
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    help: { text: help },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: [rule.source] },
  };
}

/** A rule cfn-lint's report did not describe: enough for a valid `ruleIndex`. */
const unknownRule = (f: Finding): RuleMetadata => ({
  id: f.rule,
  source: f.source,
  severity: f.severity,
  title: `${f.source} rule ${f.rule}`,
  help: '',
  fix: '',
});

/** The lint result as one SARIF 2.1.0 log. */
export function sarifLog(result: LintResult, options: SarifOptions = {}): { [key: string]: Json } {
  const cwd = options.cwd ?? process.cwd();
  const rules: RuleMetadata[] = [...ourRuleMetadata()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const add = (rule: RuleMetadata): void => {
    if (index.has(rule.id)) return;
    index.set(rule.id, rules.length);
    rules.push(rule);
  };
  for (const rule of result.cfnLintRules) add(rule);
  for (const f of result.findings) add(unknownRule(f));

  const results = result.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule) ?? 0,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.file, cwd) },
          region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.col) },
        },
      },
    ],
    properties: { source: f.source },
  }));

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'fargate-oidc lint',
            fullName: 'fargate-oidc lint (cfn-lint plus fargate-oidc least-privilege, cost and quota rules)',
            rules: rules.map(sarifRule),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { cfnLint: 'version' in result.cfnLint ? result.cfnLint.version : 'skipped' },
      },
    ],
  };
}
