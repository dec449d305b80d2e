import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../src/cli/commands';
import { CLI_DOCS_DIR } from '../../src/docs/cli-pages';
import { generatedDocs, staleDocs } from '../../src/docs/generated';
import { headingAnchors } from '../../src/docs/markdown';
import { RULES_PAGE, ruleAnchor, rulesPage } from '../../src/docs/rules-page';
import { ALL_RULES } from '../../src/lint/rules';
import { ROOT } from '../doc-files';

const read = (path: string): string | undefined => (existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), 'utf8') : undefined);
const docs = generatedDocs();
const page = (path: string): string => docs.find((d) => d.path === path)?.text ?? '';

describe('generated docs (docs/rules.md, docs/cli/*.md)', () => {
  it('are what `npm run docs` writes', () => {
    const stale = staleDocs(docs, read);
    expect(stale.length === 0 ? 'up to date' : `stale: ${stale.join(', ')}. Run \`npm run docs\` and commit the pages.`).toBe('up to date');
  });

  it('leave no page in docs/cli/ that documents no command', () => {
    const orphans = readdirSync(join(ROOT, CLI_DOCS_DIR))
      .map((f) => `${CLI_DOCS_DIR}/${f}`)
      .filter((p) => !docs.some((d) => d.path === p));
    expect(orphans.length === 0 ? 'none' : `${orphans.join(', ')}: run \`npm run docs\` (it removes them)`).toBe('none');
  });

  it('give every rule a section whose anchor is its id in lower case', () => {
    const anchors = headingAnchors(page(RULES_PAGE));
    for (const rule of ALL_RULES) {
      expect(ruleAnchor(rule.id)).toBe(rule.id.toLowerCase());
      expect(`${rule.id}: ${anchors.has(ruleAnchor(rule.id))}`).toBe(`${rule.id}: true`);
      expect(page(RULES_PAGE)).toContain(`\n## ${rule.id}\n\n**`);
    }
  });

  it('escape Markdown in a rule, and name a layer the page does not know "Other"', () => {
    const text = rulesPage([{ id: 'FO901', severity: 'info', title: 'Action "*" on <everything>', help: 'a_b', fix: 'use `x`' }]);
    expect(text).toContain(
      '\n## FO901\n\n**Action "\\*" on \\<everything\\>**\n\nSeverity: info. Layer: Other.\n\na\\_b\n\nFix: use \\`x\\`\n',
    );
    expect(text).toContain('| [FO901](#fo901) | info |');
  });

  it('give every command a page with its usage, every option and every exit code', () => {
    for (const spec of COMMANDS) {
      const text = page(`${CLI_DOCS_DIR}/${spec.name}.md`);
      expect(text).toContain(`# fargate-oidc ${spec.name}\n`);
      for (const synopsis of spec.synopsis.split('\n')) expect(text).toContain(`\nfargate-oidc ${spec.name} ${synopsis}\n`);
      for (const name of [...Object.keys(spec.options), 'help']) expect(text).toMatch(new RegExp(`\\n\\| \`--${name}[ \`]`));
      for (const [code] of spec.exitCodes) expect(text).toMatch(new RegExp(`\\n\\| ${code} \\| `));
      expect(page(`${CLI_DOCS_DIR}/README.md`)).toContain(`| [${spec.name}](${spec.name}.md) |`);
    }
  });
});
