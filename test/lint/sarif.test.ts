import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import { formatResult } from '../../src/lint/format';
import type { LintResult } from '../../src/lint/index';
import { fakeCfnLint, FIXTURES, runCli, withEnv } from './helpers';

const schema = JSON.parse(readFileSync(join(__dirname, 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// Formats (uri, date-time) are checked by the assertions below, not by ajv. The schema's
// language pattern (`]?`) is not valid with the u flag, hence unicodeRegExp: false.
const validate = new Ajv({ allErrors: true, validateFormats: false, strict: false, unicodeRegExp: false }).compile(schema);

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[] };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
  properties: { source: string };
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; rules: SarifRule[] } }; results: SarifResult[]; properties: Record<string, unknown> }[];
}

const LONG = `Allows ${Array.from({ length: 40 }, (_, i) => `AWS::EC2::T${i}`).join(', ')} on *.`;
const CWD = '/work/repo';
const RESULT: LintResult = {
  files: ['out/template.yaml', '/work/repo/infra/a b.yaml'],
  cfnLint: { version: '1.51.0' },
  counts: { error: 1, warning: 1, info: 1 },
  findings: [
    { file: 'out/template.yaml', line: 12, col: 9, severity: 'error', rule: 'FO101', message: LONG, source: 'fargate-oidc' },
    {
      file: '/work/repo/infra/a b.yaml',
      line: 3,
      col: 1,
      severity: 'warning',
      rule: 'W3037',
      message: "'getobjekt' is not one of […]",
      source: 'cfn-lint',
    },
    { file: 'out/template.yaml', line: 1, col: 1, severity: 'info', rule: 'I3011', message: 'fyi', source: 'cfn-lint' },
  ],
  cfnLintRules: [
    {
      id: 'W3037',
      source: 'cfn-lint',
      severity: 'warning',
      title: 'Check IAM Permission configuration',
      help: 'Check for valid IAM Permissions',
      fix: '',
      helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
    },
  ],
};

const sarif = (result: LintResult): SarifLog => {
  const lines = formatResult(result, 'sarif', { cwd: CWD });
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string) as SarifLog;
};

describe('SARIF output', () => {
  it('is valid SARIF 2.1.0 (schema)', () => {
    const log = sarif(RESULT);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.version).toBe('2.1.0');
    // The control: the validator does reject a run without its tool.
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });

  it('carries cfn-lint findings and ours in one run, each pointing at its rule by id and index', () => {
    const log = sarif(RESULT);
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    const rules = run!.tool.driver.rules;
    expect(run!.results.map((r) => [r.ruleId, r.level, r.properties.source])).toEqual([
      ['FO101', 'error', 'fargate-oidc'],
      ['W3037', 'warning', 'cfn-lint'],
      ['I3011', 'note', 'cfn-lint'],
    ]);
    for (const r of run!.results) expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(run!.properties).toEqual({ cfnLint: '1.51.0' });
  });

  it('uses URIs relative to the working directory outside a repository, as code scanning needs', () => {
    const uris = sarif(RESULT).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['out/template.yaml', 'infra/a%20b.yaml', 'out/template.yaml']);
    expect(sarif(RESULT).runs[0]!.results[0]!.locations[0]!.physicalLocation.region).toEqual({
      startLine: 12,
      startColumn: 9,
      endLine: 12,
      endColumn: 10,
    });
  });

  it('keeps the whole message (no cut lists)', () => {
    expect(sarif(RESULT).runs[0]!.results[0]!.message.text).toBe(LONG);
  });

  it('describes every rule of ours, and the cfn-lint rules its findings name, with help and a link', () => {
    const rules = sarif(RESULT).runs[0]!.tool.driver.rules;
    const fo106 = rules.find((r) => r.id === 'FO106');
    expect(fo106?.shortDescription.text).toBe('iam:PassRole without an iam:PassedToService condition');
    expect(fo106?.defaultConfiguration.level).toBe('error');
    expect(fo106?.properties.tags).toContain('fargate-oidc');
    expect(fo106?.help?.text).toContain('iam:PassRole without an iam:PassedToService condition');
    const w3037 = rules.find((r) => r.id === 'W3037');
    expect(w3037).toMatchObject({
      shortDescription: { text: 'Check IAM Permission configuration' },
      fullDescription: { text: 'Check for valid IAM Permissions' },
      helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['cfn-lint'] },
    });
    // A cfn-lint rule its report did not describe still gets an entry, so ruleIndex is valid.
    expect(rules.find((r) => r.id === 'I3011')?.shortDescription.text).toBe('cfn-lint rule I3011');
  });

  it('fargate-oidc lint --format sarif: one document on stdout, cfn-lint and ours, exit code as usual', async () => {
    const fixture = join(FIXTURES, 'FO106.fail.yaml');
    const report = JSON.stringify([
      {
        Filename: resolve(fixture),
        Level: 'Warning',
        Location: { Start: { LineNumber: 2, ColumnNumber: 3 } },
        Message: 'W3005 message',
        Rule: {
          Id: 'W3005',
          ShortDescription: 'Check obsolete DependsOn',
          Description: 'Check DependsOn is not needed',
          Source: 'https://github.com/aws-cloudformation/cfn-lint',
        },
      },
    ]);
    const dir = fakeCfnLint(`case "$1" in --version) echo "cfn-lint 1.51.0";; *) echo '${report}'; exit 4;; esac`);
    const r = await withEnv({ PATH: dir, CFN_LINT: undefined }, () => runCli(['lint', '--format', 'sarif', fixture]));
    expect(r.code).toBe(1);
    expect(r.out).toHaveLength(1);
    const log = JSON.parse(r.out[0] as string) as SarifLog;
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0]!.results.map((x) => x.ruleId)).toEqual(['W3005', 'FO106']);
    expect(log.runs[0]!.tool.driver.rules.find((x) => x.id === 'W3005')?.helpUri).toBe('https://github.com/aws-cloudformation/cfn-lint');
  });
});
