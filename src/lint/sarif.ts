/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), one run that carries cfn-lint's findings and ours, for
 * GitHub code scanning (`github/codeql-action/upload-sarif`) and other SARIF viewers.
 *
 * What code scanning needs ("SARIF support for code scanning",
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning,
 * read 2026-12-06), and how it is met here:
 * - `$schema`, `version: "2.1.0"`, one `tool.driver` with a `name` and `rules` describing every
 *   `ruleId` used; each result also names its rule by `ruleIndex`;
 * - every rule has `shortDescription.text`, `fullDescription.text` (1024 characters at most)
 *   and `help.text`; ours also `help.markdown` (shown instead of the text) and, when
 *   package.json has a `homepage`, a `helpUri` into docs/rules.md;
 * - locations relative to the repository root (`git rev-parse --show-toplevel`), whatever
 *   directory the lint runs from, symlinks resolved; outside a repository, relative to the
 *   working directory through `uriBaseId: "%SRCROOT%"` and `originalUriBaseIds`;
 * - `region` with `startLine`, `startColumn`, `endLine`, `endColumn`;
 * - `partialFingerprints`, stable across unrelated edits: made of the rule, the file, the
 *   resource and the finding's path inside it, not of its line. Code scanning reads only
 *   `primaryLocationLineHash`, so that key carries this identity; `fargateOidcFinding/v1`
 *   carries it too under a name of our own.
 * Messages are whole: the lists that text output cuts stay complete.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintResult } from './index';
import { ourRuleMetadata, type RuleMetadata } from './rule-metadata';
import type { Finding, JsonPath, Severity } from './types';

/** Where the SARIF file's relative URIs start. */
export interface SarifOptions {
  /** The directory the lint ran in (file names are relative to it); default the current directory. */
  cwd?: string;
  /**
   * The repository root the URIs are relative to. Undefined: found with
   * `git rev-parse --show-toplevel` in `cwd`. Null: not in a repository; URIs are then relative
   * to `cwd` through `uriBaseId: "%SRCROOT%"`.
   */
  repositoryRoot?: string | null;
  /** The package homepage rule help links are made from (default: package.json's `homepage`). */
  homepage?: string;
}

/** The schema URI SARIF writers put in `$schema` (SchemaStore's copy of the OASIS schema). */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The `uriBaseId` of locations relative to the working directory, outside a repository. */
export const SRCROOT = '%SRCROOT%';

/** Code scanning shows at most this many characters of a rule's short and full descriptions. */
export const DESCRIPTION_LIMIT = 1024;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The repository root that holds `cwd`, or null outside a repository (or without git). */
export function findRepositoryRoot(cwd: string): string | null {
  try {
    const out = execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    });
    return out.trim() === '' ? null : out.trim();
  } catch {
    return null;
  }
}

/** A path with symlinks resolved when it exists (code scanning cannot place a result in a symlinked file). */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

const encodePath = (rel: string): string => rel.split(sep).map(encodeURIComponent).join('/');

/**
 * A file as a SARIF artifact location: relative to `root` (percent-encoded), or, when `root` is
 * null, relative to `cwd` with `uriBaseId` %SRCROOT%. A file outside both keeps an absolute
 * `file://` URI (code scanning cannot place it in the repository anyway).
 */
export function artifactLocation(file: string, cwd: string, root: string | null): { uri: string; uriBaseId?: string } {
  const absolute = real(resolve(cwd, file));
  const base = root === null ? real(cwd) : real(root);
  const rel = relative(base, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
  return root === null ? { uri: encodePath(rel), uriBaseId: SRCROOT } : { uri: encodePath(rel) };
}

const cut = (text: string): string => (text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1)}…`);

function sarifRule(rule: RuleMetadata): { [key: string]: Json } {
  const text = [rule.title, rule.help, rule.fix ? `Fix: ${rule.fix}` : '', rule.helpUri ? `See ${rule.helpUri}` : '']
    .filter((part) => part !== '')
    .join('\n\n');
  const markdown = [
    `**${rule.id}: ${rule.title}**`,
    rule.help,
    rule.fix ? `**Fix:** ${rule.fix}` : '',
    rule.helpUri ? `[${rule.id} in the rule reference](${rule.helpUri})` : '',
  ]
    .filter((part) => part !== '')
    .join('\n\n');
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: cut(rule.title) },
    fullDescription: { text: cut(rule.help || rule.title) },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    help: rule.source === 'fargate-oidc' ? { text, markdown } : { text },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: [rule.source, ...(rule.source === 'fargate-oidc' ? ruleTags(rule.id) : [])] },
  };
}

/** Code scanning filters alerts by tag: our layers as tags. */
function ruleTags(id: string): string[] {
  if (id.startsWith('FO13')) return ['security', 'network'];
  if (id.startsWith('FO1')) return ['security', 'iam'];
  if (id.startsWith('FO2')) return ['cost'];
  if (id.startsWith('FO3')) return ['quota'];
  return ['template'];
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

/**
 * A finding's identity across commits: rule, file (as in the SARIF URI), the resource and the
 * path inside it. Without a path (a parse error), the message stands in, not the line.
 */
export function findingIdentity(f: Finding, uri: string, path: JsonPath | undefined): string {
  const where = path !== undefined && path.length > 0 ? JSON.stringify(path) : `message:${f.message}`;
  return createHash('sha256').update([f.rule, uri, where].join('\u0000')).digest('hex');
}

/** The lint result as one SARIF 2.1.0 log. */
export function sarifLog(result: LintResult, options: SarifOptions = {}): { [key: string]: Json } {
  const cwd = options.cwd ?? process.cwd();
  const root = options.repositoryRoot === undefined ? findRepositoryRoot(cwd) : options.repositoryRoot;
  const rules: RuleMetadata[] = [...ourRuleMetadata(options.homepage)];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const add = (rule: RuleMetadata): void => {
    if (index.has(rule.id)) return;
    index.set(rule.id, rules.length);
    rules.push(rule);
  };
  for (const rule of result.cfnLintRules) add(rule);
  for (const f of result.findings) add(unknownRule(f));

  const seen = new Map<string, number>();
  const results = result.findings.map((f) => {
    const location = artifactLocation(f.file, cwd, root);
    const identity = findingIdentity(f, location.uri, f.path);
    // Two findings of one rule at one path (two messages) stay two alerts.
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    const fingerprint = `${identity.slice(0, 32)}:${occurrence}`;
    const line = Math.max(1, f.line);
    const col = Math.max(1, f.col);
    return {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) ?? 0,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: location,
            region: { startLine: line, startColumn: col, endLine: line, endColumn: col + 1 },
          },
        },
      ],
      partialFingerprints: { primaryLocationLineHash: fingerprint, 'fargateOidcFinding/v1': fingerprint },
      properties: { source: f.source },
    };
  });

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
        ...(root === null ? { originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(`${real(cwd)}${sep}`).href } } } : {}),
        columnKind: 'utf16CodeUnits',
        results,
        properties: { cfnLint: 'version' in result.cfnLint ? result.cfnLint.version : 'skipped' },
      },
    ],
  };
}
