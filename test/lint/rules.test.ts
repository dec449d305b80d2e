/**
 * Every rule has a template that trips it (`fixtures/<id>.fail.yaml`, each expected finding
 * marked `# expect <id>` on its line, other rules that fire alongside too) and one that
 * passes (`fixtures/<id>.pass.yaml`, no findings at all). Quota rules are tested on
 * generated templates in quotas.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, lintTemplates, lintTexts } from '../../src/lint/index';
import { isRuleId, ruleMeta, type RuleId } from '../../src/lint/rules';

const FIXTURES = join(__dirname, 'fixtures');
const GENERATED = ['FO301', 'FO302', 'FO303', 'FO304', 'FO305'];
const FIXTURE_RULES = ALL_RULES.filter((r) => !GENERATED.includes(r.id));

async function lintFixture(name: string) {
  const file = join(FIXTURES, name);
  const text = readFileSync(file, 'utf8');
  return { text, findings: await lintTexts([{ file, text }]) };
}

/** `line rule` for each `# expect RULE` comment. */
function expected(text: string): string[] {
  return text.split('\n').flatMap((line, i) => [...line.matchAll(/# expect (FO\d{3})/g)].map((m) => `${i + 1} ${m[1]}`));
}

describe('rule fixtures', () => {
  it('exist for every rule, both failing and passing', () => {
    const missing = FIXTURE_RULES.flatMap((r) =>
      ['fail', 'pass'].map((k) => `${r.id}.${k}.yaml`).filter((f) => !existsSync(join(FIXTURES, f))),
    );
    expect(missing).toEqual([]);
  });

  it('cover every rule id exactly once in the catalogue', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ALL_RULES) expect(r.id).toMatch(/^FO\d{3}$/);
  });

  it('carry a title, help text and a fix for each rule (what SARIF and --list-rules print)', () => {
    for (const r of ALL_RULES) {
      expect([r.id, r.title.length > 10, r.help.length > 20, r.fix.length > 5]).toEqual([r.id, true, true, true]);
    }
  });

  it('type rule ids as a union: an unknown id does not compile, nor is it found', () => {
    const known: RuleId = 'FO102';
    // @ts-expect-error FO999 is not a rule id
    const unknown: RuleId = 'FO999';
    expect(ruleMeta(known).severity).toBe('warning');
    expect(isRuleId(unknown)).toBe(false);
    expect(isRuleId('FO208')).toBe(true);
  });

  describe.each(FIXTURE_RULES.map((r) => [r.id, r.title] as const))('%s: %s', (id) => {
    it('reports exactly the marked lines of the failing template', async () => {
      const { text, findings } = await lintFixture(`${id}.fail.yaml`);
      const marks = expected(text);
      expect(marks.length).toBeGreaterThan(0);
      expect(marks.some((m) => m.endsWith(id))).toBe(true);
      expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual(marks);
    });

    it('reports nothing on the passing template', async () => {
      const { findings } = await lintFixture(`${id}.pass.yaml`);
      expect(findings).toEqual([]);
    });
  });
});

describe('passing fixtures', () => {
  it('are valid templates: real cfn-lint finds nothing in them either', async () => {
    const files = FIXTURE_RULES.map((r) => join(FIXTURES, `${r.id}.pass.yaml`));
    const result = await lintTemplates(files);
    expect(result.findings).toEqual([]);
  }, 60_000);
});
