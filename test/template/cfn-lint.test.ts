import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileTemplate } from '../../src/template/compile';
import type { TemplateOptions } from '../../src/template';

const ROOT = join(__dirname, '..', '..');

function cfnLint(...files: string[]): { status: number | null; output: string } {
  const r = spawnSync('cfn-lint', ['--', ...files], { encoding: 'utf8' });
  if (r.error) throw new Error(`cfn-lint could not run (${r.error.message}); install it with: pip install cfn-lint`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('AWS cfn-lint', () => {
  it('reports nothing on out/template.yaml and out/template.json', () => {
    expect(cfnLint(join(ROOT, 'out', 'template.yaml'), join(ROOT, 'out', 'template.json'))).toEqual({ status: 0, output: '' });
  }, 60_000);

  it('reports nothing on templates whose defaults take the other side of each condition', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
    const variants: TemplateOptions[] = [
      {
        githubOrg: 'my-org',
        githubRepo: 'site',
        existingOidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
        releaseTagPattern: '',
        githubEnvironment: 'production',
        githubOwnerId: '1',
        githubRepoId: '2',
        propagateTags: false,
        useFargateSpot: false,
        cpuArchitecture: 'X86_64',
        desiredCount: 1,
        taskCpu: '1024',
        taskMemory: '3072',
        existingVpcId: 'vpc-0123456789abcdef0',
        existingSubnetIds: 'subnet-0123456789abcdef0,subnet-0fedcba9876543210',
      },
    ];
    const files = variants.map((options, i) => {
      const file = join(dir, `variant-${i}.yaml`);
      writeFileSync(file, compileTemplate(options).yaml);
      return file;
    });
    expect(cfnLint(...files)).toEqual({ status: 0, output: '' });
  }, 60_000);
});
