import { formatResult, summaryLine } from '../../src/lint/format';
import type { LintResult } from '../../src/lint/index';

const RESULT: LintResult = {
  files: ['out/template.yaml', 'infra/other, final.yaml'],
  cfnLint: { version: '1.51.0' },
  counts: { error: 1, warning: 1, info: 1 },
  findings: [
    {
      file: 'out/template.yaml',
      line: 12,
      col: 9,
      severity: 'error',
      rule: 'FO101',
      message: 'Action "*" allows every action of every service. List only the actions the role calls.',
      source: 'fargate-oidc',
    },
    {
      file: 'infra/other, final.yaml',
      line: 3,
      col: 1,
      severity: 'warning',
      rule: 'W3005',
      message: '100% sure: a\nsecond line',
      source: 'cfn-lint',
    },
    { file: 'out/template.yaml', line: 1, col: 1, severity: 'info', rule: 'I3011', message: 'fyi', source: 'cfn-lint' },
  ],
  cfnLintRules: [],
};

const SUMMARY = 'lint: 2 files, 1 error, 1 warning, 1 info (cfn-lint 1.51.0 + fargate-oidc rules)';

describe('output formats', () => {
  it('text: file:line:col: severity [rule] message, then the summary', () => {
    expect(formatResult(RESULT, 'text')).toEqual([
      'out/template.yaml:12:9: error [FO101] Action "*" allows every action of every service. List only the actions the role calls.',
      'infra/other, final.yaml:3:1: warning [W3005] 100% sure: a\\nsecond line',
      'out/template.yaml:1:1: info [I3011] fyi',
      SUMMARY,
    ]);
  });

  it('text: escapes control characters, so a template value cannot forge a line or an ANSI escape', () => {
    const forged = {
      ...RESULT.findings[0]!,
      message: 'sub "repo:x:*\n\u001b[2Kout/template.yaml:1:1: info [FO000] all good\r\t\u0007\u009b\u202e"',
    };
    expect(formatResult({ ...RESULT, findings: [forged] }, 'text')[0]).toBe(
      'out/template.yaml:12:9: error [FO101] sub "repo:x:*\\n\\x1b[2Kout/template.yaml:1:1: info [FO000] all good\\r\\t\\x07\\x9b\\u202e"',
    );
  });

  it('text and github: a long list names a few, then says how many more; json keeps all of it', () => {
    const actions = Array.from({ length: 100 }, (_, i) => `'action${i}'`);
    const types = Array.from({ length: 60 }, (_, i) => `AWS::EC2::Type${i}`);
    const long = { ...RESULT.findings[0]!, message: `'x' is not one of [${actions.join(', ')}]. Supports (${types.join(', ')}) here.` };
    const result = { ...RESULT, findings: [long] };
    expect(formatResult(result, 'text')[0]).toBe(
      "out/template.yaml:12:9: error [FO101] 'x' is not one of ['action0', 'action1', 'action2' and 97 more]. " +
        'Supports (AWS::EC2::Type0, AWS::EC2::Type1, AWS::EC2::Type2 and 57 more) here.',
    );
    expect(formatResult(result, 'github')[0]).toContain("['action0', 'action1', 'action2' and 97 more]");
    expect(JSON.parse(formatResult(result, 'json')[0] as string).findings[0].message).toBe(long.message);
  });

  it('text: short lists stay whole', () => {
    const f = { ...RESULT.findings[0]!, message: 'Allows (a:B, a:C, a:D, a:E, a:F, a:G) on *.' };
    expect(formatResult({ ...RESULT, findings: [f] }, 'text')[0]).toBe(
      'out/template.yaml:12:9: error [FO101] Allows (a:B, a:C, a:D, a:E, a:F, a:G) on *.',
    );
  });

  it('github: workflow commands with escaped properties and data, notice for infos', () => {
    expect(formatResult(RESULT, 'github')).toEqual([
      '::error file=out/template.yaml,line=12,col=9,title=FO101::[FO101] Action "*" allows every action of every service. List only the actions the role calls.',
      '::warning file=infra/other%2C final.yaml,line=3,col=1,title=W3005::[W3005] 100%25 sure: a%0Asecond line',
      '::notice file=out/template.yaml,line=1,col=1,title=I3011::[I3011] fyi',
      SUMMARY,
    ]);
  });

  it('json: the whole result and the summary, as one document', () => {
    const lines = formatResult(RESULT, 'json');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toEqual({
      files: RESULT.files,
      cfnLint: { version: '1.51.0' },
      counts: { error: 1, warning: 1, info: 1 },
      summary: SUMMARY,
      findings: RESULT.findings,
    });
    expect(lines[0]).toBe(
      JSON.stringify(
        { files: RESULT.files, cfnLint: RESULT.cfnLint, counts: RESULT.counts, summary: SUMMARY, findings: RESULT.findings },
        null,
        2,
      ),
    );
  });

  it('summary: singular and plural, and a skipped cfn-lint', () => {
    expect(summaryLine({ ...RESULT, files: ['a.yaml'], counts: { error: 0, warning: 2, info: 0 }, cfnLint: { skipped: true } })).toBe(
      'lint: 1 file, 0 errors, 2 warnings, 0 infos (fargate-oidc rules only; cfn-lint skipped by --skip-cfn-lint)',
    );
  });
});
