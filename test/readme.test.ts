import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main';
import { MIN_NODE } from '../src/cli/node-version';
import { compileTemplate } from '../src/template/compile';
import { EXIT_MEANINGS } from '../src/errors';
import { docFiles, readDoc, ROOT } from './doc-files';

const readme = readDoc('README.md');
const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

describe('README', () => {
  it('gives the two set-up commands, and .ci/run runs the test command after npm ci', () => {
    expect(readme).toContain('npm ci && npm run build');
    expect(readme).toMatch(/^npm test\b/m);
    const lines = ci.split('\n').map((l) => l.trim());
    expect(lines.indexOf('npm test')).toBeGreaterThan(lines.findIndex((l) => l.startsWith('npm ci')));
  });

  it.each(docFiles())('%s cites public sources only, and speaks about the project only', (file) => {
    const text = readDoc(file);
    // Links: test/docs/links.test.ts (each resolves inside the repository).
    expect(text).not.toMatch(/\.\.\/shared/);
    expect(text).not.toMatch(/shared\/reference|facts\.md/);
    expect(text).not.toMatch(/machines this was built on|no AWS account on the machines/);
  });

  it.each(docFiles())('%s has no merge conflict left in it', (file) => {
    // A README once landed with a merge's <<<<<<< / >>>>>>> lines: no other test reads them.
    expect(
      readDoc(file)
        .split('\n')
        .filter((l) => /^(<{7}|={7}|>{7})( |$)/.test(l)),
    ).toEqual([]);
  });

  it('states the Node.js versions package.json engines and the CLI enforce', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(`>=${MIN_NODE.major}.${MIN_NODE.minor}`);
    expect(readme).toContain(`**Node.js**: ${MIN_NODE.major}.${MIN_NODE.minor} or later`);
  });

  it('fits on a page and links every docs page and CONTRIBUTING.md', () => {
    // About 250 lines (issue 22): the resource diagram lives in out/diagram.md, linked.
    expect(readme.split('\n').length).toBeLessThanOrEqual(260);
    const order = ['## Set up and prove it', '## What the stack creates', '## Your app in five minutes', '## Documentation'];
    const at = order.map((h) => readme.indexOf(`\n${h}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const pages = docFiles().filter((f) => f !== 'README.md' && (!f.startsWith('docs/cli/') || f === 'docs/cli/README.md'));
    for (const page of pages) expect(`${page}: ${readme.includes(`](${page})`) || readme.includes(`](${page}#`)}`).toBe(`${page}: true`);
  });

  it("builds the quick start's config as written", async () => {
    const config = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## Your app in five minutes')))?.[1];
    expect(config).toContain('defineConfig');
    const dir = mkdtempSync(join(tmpdir(), 'quick-start-'));
    writeFileSync(join(dir, 'fargate-oidc.config.ts'), config as string);
    const r = await run(['build', '--config', join(dir, 'fargate-oidc.config.ts')]);
    expect(`exit ${r.code} ${r.err.join(' ')}`).toBe('exit 0 ');
    expect(JSON.parse(readFileSync(join(dir, 'fargate-oidc', 'params', 'staging.json'), 'utf8'))['AppName']).toBe('shop-staging');
    for (const f of ['deploy-staging.yml', 'start-stop-staging.yml']) expect(existsSync(join(dir, '.github', 'workflows', f))).toBe(true);
  });

  it('lists every parameter with its real default (docs/config.md)', () => {
    const { Parameters } = compileTemplate().template;
    const config = readDoc('docs/config.md');
    for (const [name, p] of Object.entries(Parameters)) {
      const row = config.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
      expect(`${name}: ${row === undefined ? 'missing' : 'present'}`).toBe(`${name}: present`);
      const shown = p.Default === undefined ? '**required**' : `\`${p.Default === '' ? '""' : String(p.Default)}\``;
      expect(row?.split('|')[2]?.trim()).toBe(shown);
    }
  });

  it('has the exit-code table of src/errors.ts, row for row (docs/deploy.md)', () => {
    const lines = readDoc('docs/deploy.md').split('\n');
    const start = lines.indexOf('| Exit code | Meaning |');
    expect(start).toBeGreaterThan(0);
    const rows: [number, string][] = [];
    for (const line of lines.slice(start + 2)) {
      const m = /^\| (\d+) \| (.*) \|$/.exec(line);
      if (!m) break;
      rows.push([Number(m[1]), m[2] as string]);
    }
    expect(rows).toEqual(Object.entries(EXIT_MEANINGS).map(([code, meaning]) => [Number(code), meaning]));
  });

  it('lists every deploy role statement in the security model (docs/security.md)', () => {
    const security = readDoc('docs/security.md');
    const { plain } = compileTemplate();
    const text = JSON.stringify(plain['Resources']);
    for (const sid of text.match(/"Sid":"[A-Za-z0-9]+"/g) ?? []) {
      const name = sid.slice(7, -1);
      if (name.startsWith('GitHub') || name.startsWith('EcsTasks')) continue; // trust statements
      expect(security).toContain(`\`${name}\``);
    }
  });

  it('embeds the request path that npm run build writes, and links the full resource diagram', () => {
    const diagram = readFileSync(join(ROOT, 'out', 'diagram.md'), 'utf8');
    const blocks = diagram.match(/```mermaid\n[\s\S]*?```\n/g) ?? [];
    expect(blocks).toHaveLength(2);
    expect(readme).not.toContain(blocks[0]);
    expect(readme).toContain('](out/diagram.md)');
    expect(readme).toContain(blocks[1]);
  });
});
