/**
 * What the SARIF output says about a rule (id, severity, title, why, how to fix, a link), read
 * from our rule tables and from cfn-lint's report through one adapter each, so the SARIF writer
 * never depends on how the rule tables are laid out.
 */
import packageJson from '../../package.json';
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

/** The package's `homepage` (package.json), when it has one: where the rule docs are published. */
export const PACKAGE_HOMEPAGE: string | undefined = (packageJson as { homepage?: unknown }).homepage as string | undefined;

/**
 * The absolute URL of a rule's section in `docs/rules.md` (headings `## FO101`, so anchors
 * `#fo101`), from the package's homepage; undefined without one (no URL is made up). A GitHub
 * repository homepage (`https://github.com/OWNER/REPO`, npm's `#readme` dropped) points into
 * the repository's default branch; any other homepage is taken as where docs/ is published.
 */
export function ruleDocUri(homepage: string | undefined, id: string): string | undefined {
  if (homepage === undefined || homepage === '') return undefined;
  let base: URL;
  try {
    base = new URL(homepage);
  } catch {
    return undefined;
  }
  base.hash = '';
  base.search = '';
  const repo = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(base.pathname);
  const anchor = `#${id.toLowerCase()}`;
  if (base.hostname === 'github.com' && repo) return `https://github.com/${repo[1]}/${repo[2]}/blob/HEAD/docs/rules.md${anchor}`;
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return `${new URL('docs/rules.md', base).href}${anchor}`;
}

/**
 * Our rules' metadata, from the rule tables, with a `helpUri` into docs/rules.md when the
 * package has a homepage.
 */
export function ourRuleMetadata(homepage: string | undefined = PACKAGE_HOMEPAGE): RuleMetadata[] {
  return ALL_RULES.map((rule) => {
    const helpUri = ruleDocUri(homepage, rule.id);
    return {
      id: rule.id,
      source: 'fargate-oidc' as const,
      severity: rule.severity,
      title: rule.title,
      help: rule.help,
      fix: rule.fix,
      ...(helpUri ? { helpUri } : {}),
    };
  });
}
