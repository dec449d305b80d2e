import { join } from 'node:path';
import { CfnLintFailedError, CfnLintMissingError, LintInternalError, TemplateReadError } from '../../src/errors';
import { LINT_EXIT } from '../../src/lint/exit-codes';
import { FIXTURES, runCli, tempDir } from './helpers';

const FAIL = join(FIXTURES, 'FO106.fail.yaml');
const WARN = join(FIXTURES, 'FO210.fail.yaml');
const PASS = join(FIXTURES, 'FO210.pass.yaml');
const FO106 =
  'iam:PassRole without an iam:PassedToService condition lets the roles be passed to any service. ' +
  'Add Condition: { StringEquals: { iam:PassedToService: ecs-tasks.amazonaws.com } }, the service role TaskRole trusts.';
const SKIPPED = '(fargate-oidc rules only; cfn-lint skipped by --skip-cfn-lint)';

describe('fargate-oidc lint', () => {
  it('exits 1 on an error and prints it with the summary', async () => {
    expect(await runCli(['lint', '--skip-cfn-lint', FAIL])).toEqual({
      code: 1,
      out: [`${FAIL}:18:21: error [FO106] ${FO106}`, `lint: 1 file, 1 error, 0 warnings, 0 infos ${SKIPPED}`],
      err: [],
    });
  });

  it('prints GitHub annotations with --format github', async () => {
    const r = await runCli(['lint', '--skip-cfn-lint', '--format', 'github', FAIL]);
    expect(r.out).toEqual([
      `::error file=${FAIL},line=18,col=21,title=FO106::[FO106] ${FO106}`,
      `lint: 1 file, 1 error, 0 warnings, 0 infos ${SKIPPED}`,
    ]);
    expect(r.code).toBe(1);
  });

  it('exits 0 on warnings, unless --fail-on warning', async () => {
    expect((await runCli(['lint', '--skip-cfn-lint', WARN])).code).toBe(0);
    expect((await runCli(['lint', '--skip-cfn-lint', '--fail-on', 'warning', WARN])).code).toBe(1);
  });

  it('--fail-on none never fails on findings; --fail-on info fails on anything', async () => {
    expect((await runCli(['lint', '--skip-cfn-lint', '--fail-on', 'none', FAIL])).code).toBe(0);
    expect((await runCli(['lint', '--skip-cfn-lint', '--fail-on', 'info', WARN])).code).toBe(1);
    expect((await runCli(['lint', '--skip-cfn-lint', '--fail-on', 'info', PASS])).code).toBe(0);
    expect((await runCli(['lint', '--fail-on', 'notice', PASS])).err).toEqual([
      'fargate-oidc lint: --fail-on must be one of error, warning, info, none, not "notice".',
    ]);
  });

  it('refuses a --cfn-lint-timeout that is not a positive number of seconds', async () => {
    expect((await runCli(['lint', '--cfn-lint-timeout', '0', PASS])).err).toEqual([
      'fargate-oidc lint: --cfn-lint-timeout must be a number of seconds above 0, not "0".',
    ]);
    expect((await runCli(['lint', '--cfn-lint-timeout', 'soon', PASS])).code).toBe(2);
  });

  it('keeps failures apart from findings: the error classes use the exit code table', () => {
    expect(new TemplateReadError('x', 'y').exitCode).toBe(LINT_EXIT.usage);
    expect(new CfnLintMissingError('PATH').exitCode).toBe(LINT_EXIT.cfnLintMissing);
    expect(new CfnLintFailedError('cfn-lint', 'boom').exitCode).toBe(LINT_EXIT.cfnLintFailed);
    expect(new LintInternalError(new Error('x')).exitCode).toBe(LINT_EXIT.internal);
    expect(new Set(Object.values(LINT_EXIT)).size).toBe(Object.keys(LINT_EXIT).length);
  });

  it('lints several files in the order given', async () => {
    const r = await runCli(['lint', '--skip-cfn-lint', PASS, FAIL]);
    expect(r.out.at(-1)).toBe(`lint: 2 files, 1 error, 0 warnings, 0 infos ${SKIPPED}`);
  });

  it('refuses an unknown format with exit code 2', async () => {
    expect(await runCli(['lint', '--format', 'xml', PASS])).toEqual({
      code: 2,
      out: [],
      err: ['fargate-oidc lint: --format must be one of text, json, github, sarif, not "xml".'],
    });
    expect(await runCli(['lint', '--format', 'jsn', PASS])).toEqual({
      code: 2,
      out: [],
      err: ['fargate-oidc lint: --format must be one of text, json, github, sarif, not "jsn" (did you mean json?).'],
    });
  });

  it('says how to get a template when the file does not exist (exit code 2)', async () => {
    const missing = join(tempDir(), 'template.yaml');
    expect(await runCli(['lint', '--skip-cfn-lint', missing])).toEqual({
      code: 2,
      out: [],
      err: [
        `fargate-oidc lint: cannot read ${missing}: no such file. Run "npm run build" to write out/template.yaml, or name a template file.`,
      ],
    });
  });

  it('refuses an unknown flag with exit code 2 and the closest flag', async () => {
    const r = await runCli(['lint', '--skip-cfnlint', PASS]);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      'fargate-oidc lint: unknown option --skip-cfnlint (did you mean --skip-cfn-lint?). Run "fargate-oidc lint --help" for its options.',
    ]);
  });

  it('prints its usage with --help', async () => {
    const r = await runCli(['lint', '--help']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^Usage: fargate-oidc lint \[TEMPLATE \.\.\.\] \[--format text\|json\|github\|sarif\]/);
  });

  it('prints one JSON document with --format json', async () => {
    const r = await runCli(['lint', '--skip-cfn-lint', '--format', 'json', FAIL]);
    expect(r.code).toBe(1);
    expect(r.out).toHaveLength(1);
    expect(JSON.parse(r.out[0] as string)).toEqual({
      files: [FAIL],
      cfnLint: { skipped: true },
      counts: { error: 1, warning: 0, info: 0 },
      summary: `lint: 1 file, 1 error, 0 warnings, 0 infos ${SKIPPED}`,
      findings: [{ file: FAIL, line: 18, col: 21, severity: 'error', rule: 'FO106', message: FO106, source: 'fargate-oidc' }],
    });
  });

  it('lists every rule with its severity and title', async () => {
    const r = await runCli(['lint', '--list-rules']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('FO106  error    iam:PassRole without an iam:PassedToService condition');
    expect(r.out).toContain('FO210  warning  Log group without RetentionInDays (logs kept and billed forever)');
    expect(r.out.map((l) => l.slice(0, 5))).toEqual([
      'FO001',
      'FO002',
      'FO003',
      'FO101',
      'FO102',
      'FO103',
      'FO104',
      'FO105',
      'FO106',
      'FO107',
      'FO108',
      'FO110',
      'FO111',
      'FO112',
      'FO113',
      'FO120',
      'FO121',
      'FO122',
      'FO130',
      'FO131',
      'FO201',
      'FO202',
      'FO203',
      'FO204',
      'FO205',
      'FO206',
      'FO207',
      'FO208',
      'FO210',
      'FO211',
      'FO212',
      'FO213',
      'FO214',
      'FO215',
      'FO216',
      'FO217',
      'FO218',
      'FO219',
      'FO220',
      'FO221',
      'FO222',
      'FO223',
      'FO224',
      'FO225',
      'FO226',
      'FO301',
      'FO302',
      'FO303',
      'FO304',
      'FO305',
    ]);
  });

  it('lists lint in the usage', async () => {
    const r = await runCli(['help']);
    expect(r.out.join('\n')).toContain('  lint      check templates: cfn-lint plus least-privilege, cost and quota rules');
  });
});
