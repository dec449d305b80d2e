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

  it('has no findings from cfn-lint or our rules, in YAML and JSON, but its size (over 51,200 bytes: deployed through S3)', async () => {
    const result = await lintTemplates([yaml, json]);
    // The cost rules find nothing: not the egress-only gateway, not the VPC's IPv6 block.
    expect(result.findings.map((f) => `${f.rule} ${f.file === yaml ? 'yaml' : 'json'}`)).toEqual(['FO301 yaml', 'FO301 json']);
    expect(result.counts).toEqual({ error: 0, warning: 2, info: 0 });
    expect('version' in result.cfnLint && result.cfnLint.version).toMatch(/^1\.\d+\.\d+$/);
  }, 60_000);

  it('passes `lint --format github` with only the size warning and the summary line', async () => {
    const r = await runCli(['lint', '--format', 'github', yaml]);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toHaveLength(2);
    expect(r.out[0]).toMatch(/^::warning file=.*title=FO301::\[FO301\] The template is \d+ bytes, over the 51200-byte limit/);
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
