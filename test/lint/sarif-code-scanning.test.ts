/**
 * SARIF for GitHub code scanning: what GitHub's documentation requires, each assertion citing
 * it, plus locations from the repository root and fingerprints that survive unrelated edits.
 *
 * Source of the requirements: "SARIF support for code scanning",
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 * (read 2026-12-06). The schema check is in sarif.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import { ALL_RULES, lintTemplates, type LintResult } from '../../src/lint/index';
import { ruleDocUri } from '../../src/lint/rule-metadata';
import { sarifLog } from '../../src/lint/sarif';
import { runCli, tempDir } from './helpers';

interface Rule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown?: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
  partialFingerprints: Record<string, string>;
}
interface Run {
  tool: { driver: { name: string; rules: Rule[] } };
  results: Result[];
  originalUriBaseIds?: Record<string, { uri: string }>;
}
interface Log {
  $schema: string;
  version: string;
  runs: Run[];
}

const schema = JSON.parse(readFileSync(join(__dirname, 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, validateFormats: false, strict: false, unicodeRegExp: false }).compile(schema);

const TEMPLATE = `Resources:
  Logs:
    Type: AWS::Logs::LogGroup
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
`;

/** A git repository with the template at infra/cfn/x.yaml; returns the repository root (symlinks resolved). */
function repository(text = TEMPLATE): string {
  const root = realpathSync(tempDir('sarif-repo-'));
  execFileSync('git', ['init', '-q'], { cwd: root });
  mkdirSync(join(root, 'infra', 'cfn'), { recursive: true });
  writeFileSync(join(root, 'infra', 'cfn', 'x.yaml'), text);
  return root;
}

async function lintIn(cwd: string, file: string, options: { repositoryRoot?: string | null; homepage?: string } = {}): Promise<Log> {
  const result: LintResult = await lintTemplates([join(cwd, file)], { skipCfnLint: true });
  // The CLI names files as the user typed them: relative to where the lint runs.
  const named: LintResult = { ...result, files: [file], findings: result.findings.map((f) => ({ ...f, file })) };
  return sarifLog(named, { cwd, ...options }) as unknown as Log;
}

describe("SARIF as GitHub's code scanning documentation requires (read 2026-12-06)", () => {
  let log: Log;
  beforeAll(async () => {
    const root = repository();
    log = await lintIn(join(root, 'infra'), 'cfn/x.yaml', { homepage: 'https://github.com/acme/fargate-oidc#readme' });
  });

  it('is valid against the SARIF 2.1.0 schema', () => {
    expect(validate(log) ? [] : validate.errors).toEqual([]);
  });

  it('sarifLog object: $schema, version "2.1.0" and runs[] are required ("Supported SARIF output file properties")', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs.length).toBeGreaterThan(0);
  });

  it('run and toolComponent objects: tool.driver.name, tool.driver.rules[] and results[] are required', () => {
    const [run] = log.runs;
    expect(run?.tool.driver.name).toBe('fargate-oidc lint');
    expect(run?.tool.driver.rules.length).toBeGreaterThan(0);
    expect(run?.results.length).toBeGreaterThan(0);
  });

  it('reportingDescriptor object: id, shortDescription.text, fullDescription.text (1024 characters at most) and help.text are required; name is at most 255 characters', () => {
    for (const rule of log.runs[0]!.tool.driver.rules) {
      expect([rule.id, rule.shortDescription.text.length > 0, rule.fullDescription.text.length > 0, rule.help.text.length > 0]).toEqual([
        rule.id,
        true,
        true,
        true,
      ]);
      expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
      expect((rule.name ?? '').length).toBeLessThanOrEqual(255);
      expect(['note', 'warning', 'error']).toContain(rule.defaultConfiguration.level);
    }
  });

  it('reportingDescriptor object: every FO rule has help.markdown ("displayed instead of help.text"), with its help and fix in full', () => {
    const rules = log.runs[0]!.tool.driver.rules;
    for (const meta of ALL_RULES) {
      const rule = rules.find((r) => r.id === meta.id);
      expect(rule?.help.markdown).toContain(meta.help);
      expect(rule?.help.markdown).toContain(`**Fix:** ${meta.fix}`);
      expect(rule?.help.text).toContain(meta.help);
    }
  });

  it('result object: message.text, locations[] (1 to 10) and partialFingerprints are required; code scanning uses only primaryLocationLineHash', () => {
    for (const result of log.runs[0]!.results) {
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(result.locations.length).toBeGreaterThanOrEqual(1);
      expect(result.locations.length).toBeLessThanOrEqual(10);
      expect(result.partialFingerprints['primaryLocationLineHash']).toMatch(/^[0-9a-f]{32}:\d+$/);
      expect(log.runs[0]!.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    }
  });

  it('physicalLocation object: artifactLocation.uri relative to the repository root, and region start and end lines and columns, are required', () => {
    for (const result of log.runs[0]!.results) {
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      // The lint ran in infra/ and named cfn/x.yaml: the URI still starts at the repository root.
      expect(artifactLocation).toEqual({ uri: 'infra/cfn/x.yaml' });
      expect(Object.keys(region).sort()).toEqual(['endColumn', 'endLine', 'startColumn', 'startLine']);
    }
  });

  it('helpUri: every FO rule links its section of docs/rules.md when package.json has a homepage', () => {
    const rules = log.runs[0]!.tool.driver.rules.filter((r) => r.id.startsWith('FO'));
    expect(rules.length).toBe(ALL_RULES.length);
    for (const rule of rules)
      expect(rule.helpUri).toBe(`https://github.com/acme/fargate-oidc/blob/HEAD/docs/rules.md#${rule.id.toLowerCase()}`);
  });
});

describe('SARIF locations', () => {
  it('outside a repository: relative to the working directory through %SRCROOT% and originalUriBaseIds', async () => {
    const dir = realpathSync(tempDir('sarif-plain-'));
    mkdirSync(join(dir, 'cfn'));
    writeFileSync(join(dir, 'cfn', 'x.yaml'), TEMPLATE);
    const log = await lintIn(dir, 'cfn/x.yaml', { repositoryRoot: null });
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(dir).href}/` } });
    for (const r of log.runs[0]!.results)
      expect(r.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'cfn/x.yaml', uriBaseId: '%SRCROOT%' });
  });

  it('fargate-oidc lint --format sarif run in a subdirectory names files from the repository root', async () => {
    const root = repository();
    const before = process.cwd();
    process.chdir(join(root, 'infra'));
    try {
      const r = await runCli(['lint', '--skip-cfn-lint', '--format', 'sarif', 'cfn/x.yaml']);
      expect(r.code).toBe(1);
      const log = JSON.parse(r.out[0] as string) as Log;
      expect(log.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation)).toEqual([
        { uri: 'infra/cfn/x.yaml' },
        { uri: 'infra/cfn/x.yaml' },
      ]);
    } finally {
      process.chdir(before);
    }
  });

  it('finds the repository root with git by itself', async () => {
    const root = repository();
    const log = await lintIn(join(root, 'infra', 'cfn'), 'x.yaml');
    expect(log.runs[0]!.originalUriBaseIds).toBeUndefined();
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'infra/cfn/x.yaml' });
  });
});

describe('SARIF fingerprints', () => {
  const fingerprints = async (text: string): Promise<Record<string, string>> => {
    const root = repository(text);
    const log = await lintIn(root, 'infra/cfn/x.yaml', { repositoryRoot: root });
    return Object.fromEntries(log.runs[0]!.results.map((r) => [`${r.ruleId}`, r.partialFingerprints['primaryLocationLineHash'] as string]));
  };

  it('stay the same when unrelated edits move the findings to other lines', async () => {
    const before = await fingerprints(TEMPLATE);
    const moved = TEMPLATE.replace(
      'Resources:\n',
      '# a comment\nDescription: moved down\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n',
    );
    const after = await fingerprints(moved);
    expect(Object.keys(before).sort()).toEqual(['FO101', 'FO210']);
    expect(after).toEqual(before);
  });

  it('differ for another resource or another rule at the same place', async () => {
    const before = await fingerprints(TEMPLATE);
    const renamed = await fingerprints(TEMPLATE.replace('  Logs:', '  AppLogs:'));
    expect(renamed['FO210']).not.toBe(before['FO210']);
    expect(renamed['FO101']).toBe(before['FO101']);
    expect(before['FO101']).not.toBe(before['FO210']);
  });
});

describe('rule help links', () => {
  it('are made only from a homepage: none without one, never an invented URL', () => {
    expect(ruleDocUri(undefined, 'FO101')).toBeUndefined();
    expect(ruleDocUri('https://github.com/acme/fargate-oidc#readme', 'FO101')).toBe(
      'https://github.com/acme/fargate-oidc/blob/HEAD/docs/rules.md#fo101',
    );
    expect(ruleDocUri('https://acme.example/fargate-oidc', 'FO210')).toBe('https://acme.example/fargate-oidc/docs/rules.md#fo210');
  });

  it('follow package.json: without a homepage no FO rule has a helpUri', () => {
    const homepage = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { homepage?: string }).homepage;
    const log = sarifLog(
      { files: [], findings: [], cfnLint: { skipped: true }, counts: { error: 0, warning: 0, info: 0 }, cfnLintRules: [] },
      { cwd: '/', repositoryRoot: null },
    ) as unknown as Log;
    for (const rule of log.runs[0]!.tool.driver.rules) expect(rule.helpUri).toBe(ruleDocUri(homepage, rule.id));
  });

  it('point at headings docs/rules.md has (## FO101), when the rule reference is in the checkout', () => {
    const doc = join(__dirname, '..', '..', 'docs', 'rules.md');
    if (!existsSync(doc)) return; // written by the docs generator; checked where it exists
    const headings = new Set(
      readFileSync(doc, 'utf8')
        .split('\n')
        .flatMap((l) => /^## (FO\d{3})\b/.exec(l)?.[1] ?? []),
    );
    expect(ALL_RULES.map((r) => r.id).filter((id) => !headings.has(id))).toEqual([]);
  });
});
