/** The project's own template lints clean through every layer, the real cfn-lint included. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplates } from '../../src/lint/index';
import { compileTemplate } from '../../src/template/compile';
import { runCli, tempDir } from './helpers';

describe("the project's template", () => {
  const dir = tempDir('project-template-');
  const compiled = compileTemplate();
  const yaml = join(dir, 'template.yaml');
  const json = join(dir, 'template.json');
  writeFileSync(yaml, compiled.yaml);
  writeFileSync(json, compiled.json);

  // The one finding: the default template (with the front door of issue 19) is over the
  // 51,200-byte TemplateBody limit, by the plan of issue 18: deploy sends it through S3.
  it('has no findings from cfn-lint or our rules, in YAML and JSON, but the size warning (FO301)', async () => {
    const result = await lintTemplates([yaml, json]);
    expect(result.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['FO301 warning', 'FO301 warning']);
    expect(result.counts).toEqual({ error: 0, warning: 2, info: 0 });
    expect('version' in result.cfnLint && result.cfnLint.version).toMatch(/^1\.\d+\.\d+$/);
  }, 60_000);

  it('passes `lint --format github` with the size warning and the summary line', async () => {
    const r = await runCli(['lint', '--format', 'github', yaml]);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toHaveLength(2);
    expect(r.out[0]).toMatch(/^::warning .*title=FO301::/);
    expect(r.out[1]).toMatch(/^lint: 1 file, 0 errors, 1 warning, 0 infos \(cfn-lint 1\.\d+\.\d+ \+ fargate-oidc rules\)$/);
  }, 60_000);

  it('would be caught if the service started running by default (FO208)', async () => {
    const running = compileTemplate({ desiredCount: 1 });
    const file = join(dir, 'running.yaml');
    writeFileSync(file, running.yaml);
    const result = await lintTemplates([file], { skipCfnLint: true });
    expect(result.findings.map((f) => f.rule)).toEqual(['FO301', 'FO208']);
    expect(result.findings[1]?.message).toContain('about $10.86/month (1 × ($7.21 for 0.25 vCPU, 0.5 GB, ARM64 on Fargate + $3.65 public IPv4)');
  });
});
