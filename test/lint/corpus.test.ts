import { generateCorpus } from '../../scripts/lint-corpus';
import { lintTexts } from '../../src/lint/index';

const CORPUS = generateCorpus({ count: 60, seed: 7 });

describe('the generated lint corpus', () => {
  it('is the same for the same seed, and mixes YAML with short forms and JSON', () => {
    expect(generateCorpus({ count: 60, seed: 7 })).toEqual(CORPUS);
    expect(CORPUS.filter((t) => t.name.endsWith('.json')).length).toBeGreaterThan(10);
    expect(CORPUS.some((t) => t.text.includes('!GetAtt') && t.text.includes('!Ref') && t.text.includes('!Sub'))).toBe(true);
  });

  it('reads as CloudFormation templates: our layers report no syntax or shape problem', async () => {
    const findings = await lintTexts(CORPUS.map((t) => ({ file: t.name, text: t.text })));
    expect(findings.filter((f) => f.rule === 'FO001' || f.rule === 'FO002')).toEqual([]);
  });

  it('holds the faults it says it holds: a wildcard action (FO101), a log group without retention (FO210)', async () => {
    for (const [kind, rule] of [
      ['role:wildcard-action', 'FO101'],
      ['logs:no-retention', 'FO210'],
    ] as const) {
      const holding = CORPUS.filter((t) => t.kinds.includes(kind));
      expect(holding.length).toBeGreaterThan(0);
      for (const t of holding) {
        const rules = (await lintTexts([{ file: t.name, text: t.text }])).map((f) => f.rule);
        expect(`${t.name}: ${rules.includes(rule)}`).toBe(`${t.name}: true`);
      }
    }
  });
});
