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

  it('has no findings from cfn-lint or our rules, in YAML and JSON', async () => {
    const result = await lintTemplates([yaml, json]);
    expect(result.findings).toEqual([]);
    expect(result.counts).toEqual({ error: 0, warning: 0, info: 0 });
    expect('version' in result.cfnLint && result.cfnLint.version).toMatch(/^1\.\d+\.\d+$/);
  }, 60_000);

  it('passes `lint --format github` with only the summary line', async () => {
    const r = await runCli(['lint', '--format', 'github', yaml]);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(/^lint: 1 file, 0 errors, 0 warnings, 0 infos \(cfn-lint 1\.\d+\.\d+ \+ fargate-oidc rules\)$/);
  }, 60_000);

  it('would be caught if the service started running by default (FO208)', async () => {
    const running = compileTemplate({ desiredCount: 1 });
    const file = join(dir, 'running.yaml');
    writeFileSync(file, running.yaml);
    const result = await lintTemplates([file], { skipCfnLint: true });
    expect(result.findings.map((f) => f.rule)).toEqual(['FO208']);
    expect(result.findings[0]?.message).toContain(
      'about $10.86/month (1 × ($7.21 for 0.25 vCPU, 0.5 GB, ARM64 on Fargate + $3.65 public IPv4)',
    );
  });
});
