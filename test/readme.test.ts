import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileTemplate } from '../src/template/compile';

const ROOT = join(__dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');

describe('README', () => {
  it('gives the two set-up commands, and .ci/run runs the test command after npm ci', () => {
    expect(readme).toContain('npm ci && npm run build');
    expect(readme).toMatch(/^npm test\b/m);
    const lines = ci.split('\n').map((l) => l.trim());
    expect(lines.indexOf('npm test')).toBeGreaterThan(lines.findIndex((l) => l.startsWith('npm ci')));
  });

  it('lists every parameter with its real default', () => {
    const { Parameters } = compileTemplate().template;
    for (const [name, p] of Object.entries(Parameters)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
      expect(`${name}: ${row === undefined ? 'missing' : 'present'}`).toBe(`${name}: present`);
      const shown = p.Default === undefined ? '**required**' : `\`${p.Default === '' ? '""' : String(p.Default)}\``;
      expect(row?.split('|')[2]?.trim()).toBe(shown);
    }
  });

  it('lists every deploy role statement in the security model', () => {
    const { plain } = compileTemplate();
    const text = JSON.stringify(plain['Resources']);
    for (const sid of text.match(/"Sid":"[A-Za-z0-9]+"/g) ?? []) {
      const name = sid.slice(7, -1);
      if (name.startsWith('GitHub') || name.startsWith('EcsTasks')) continue; // trust statements
      expect(readme).toContain(`\`${name}\``);
    }
  });
});
