/**
 * Every command a reader may copy from README.md, CONTRIBUTING.md or docs/ (`fargate-oidc
 * <command>`, `npx fargate-oidc ...`, `npm run <script>`, in a code block or inline code)
 * exists, and passes only options its command declares in the CLI spec (src/cli/commands.ts)
 * or, for a script that is not the CLI, that its entry in scripts/ reads.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { COMMANDS } from '../../src/cli/commands';
import { HELP, type CommandSpec } from '../../src/cli/spec';
import { docCommands, type DocCommand } from '../../src/docs/doc-commands';
import { docFiles, readDoc, ROOT } from '../doc-files';

const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const found = docFiles().flatMap((file) => docCommands(readDoc(file)).map((c) => ({ file, ...c })));

/** The CLI command an npm script runs (`node dist/cli.cjs lint` → lint; dist/build.cjs → build). */
function cliCommandOf(script: string): CommandSpec | undefined {
  const body = scripts[script] ?? '';
  const name = /node dist\/cli\.cjs (\w+)/.exec(body)?.[1] ?? (/node dist\/build\.cjs/.test(body) ? 'build' : undefined);
  return COMMANDS.find((c) => c.name === name);
}

/** What is wrong with one command, or '' when it exists and takes every option it passes. */
function problem(c: DocCommand): string {
  if (c.kind === 'cli') {
    if (c.name === 'help')
      return c.args[0] === undefined || COMMANDS.some((s) => s.name === c.args[0]) ? '' : `help: no command ${c.args[0]}`;
    const spec = COMMANDS.find((s) => s.name === c.name);
    if (!spec) return `no command "${c.name}" in src/cli/commands.ts`;
    const unknown = c.flags.filter((f) => !(f.slice(2) in { ...spec.options, ...HELP }));
    return unknown.length ? `${c.name} has no ${unknown.join(', ')}` : '';
  }
  if (scripts[c.name] === undefined) return `no npm script "${c.name}" in package.json`;
  const spec = cliCommandOf(c.name);
  if (spec) {
    const unknown = c.flags.filter((f) => !(f.slice(2) in { ...spec.options, ...HELP }));
    return unknown.length ? `npm run ${c.name} (fargate-oidc ${spec.name}) has no ${unknown.join(', ')}` : '';
  }
  // Another script: its entry (scripts/<x>.ts, bundled to dist/<x>.cjs, or a Python script run
  // as python3 scripts/...py) must read each option.
  const entry = /node dist\/([\w-]+)\.cjs/.exec(scripts[c.name] as string)?.[1];
  const python = /python3 (scripts\/[\w/.-]+\.py)/.exec(scripts[c.name] as string)?.[1];
  const source = entry
    ? readFileSync(join(ROOT, 'scripts', `${entry}.ts`), 'utf8')
    : python
      ? readFileSync(join(ROOT, python), 'utf8')
      : '';
  const unread = c.flags.filter((f) => !source.includes(`'${f}'`) && !source.includes(`"${f}"`));
  return unread.length ? `npm run ${c.name} does not read ${unread.join(', ')}` : '';
}

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

describe('commands in the docs', () => {
  it('finds them in README, docs/ and the generated pages (sanity)', () => {
    expect(found.length).toBeGreaterThanOrEqual(30);
    const names = new Set(found.map((c) => `${c.kind} ${c.name}`));
    for (const n of [
      'cli build',
      'cli secret',
      'cli deploy',
      'cli destroy',
      'cli publish',
      'cli url',
      'cli workflows',
      'cli lint',
      'npm deploy',
      'npm lint',
      'npm verify:iam',
      'npm test',
    ]) {
      expect(`${n}: ${names.has(n)}`).toBe(`${n}: true`);
    }
  });

  it.each(found.map((c) => [`${c.file}:${c.line}: ${c.text}`, c] as const))('%s', (_, c) => {
    expect(problem(c)).toBe('');
  });

  it('refuses an unknown command, option or script (control)', () => {
    const cli = (text: string) => docCommands(`\`\`\`sh\n${text}\n\`\`\``)[0] as DocCommand;
    expect(problem(cli('npx fargate-oidc deploy --stack-name s --no-such-flag'))).toBe('deploy has no --no-such-flag');
    expect(problem(cli('npx --no fargate-oidc deplyo --yes'))).toBe('no command "deplyo" in src/cli/commands.ts');
    expect(problem(cli('npm run deploy -- --stak-name s'))).toBe('npm run deploy (fargate-oidc deploy) has no --stak-name');
    expect(problem(cli('npm run verify:iam -- --confg x'))).toBe('npm run verify:iam does not read --confg');
    expect(problem(cli('npm run no-such-script'))).toBe('no npm script "no-such-script" in package.json');
    expect(problem(cli('printf %s "$X" | npx --no fargate-oidc secret set X --app a --env b > /dev/null'))).toBe('');
  });

  it('runs the ones that need no AWS account as written: workflows, url and lint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-'));
    const runnable = found.filter((c) => c.kind === 'cli' && /^(\$ )?npx (--no )?fargate-oidc (workflows|url|lint) /.test(c.text));
    expect(runnable.map((c) => c.name).sort()).toEqual(['lint', 'url', 'workflows']);
    for (const c of runnable) {
      const argv = [c.name, ...c.args.map((w) => (w === '../my-app/.github/workflows' ? dir : w))];
      const r = await run(argv);
      // stderr carries nothing but url's note of the template it checked against.
      const errors = r.err.filter((l) => !l.startsWith('Values checked against: compiled from src/template, sha256 '));
      expect(`${c.text}: exit ${r.code} ${errors.join(' ')}`).toBe(`${c.text}: exit 0 `);
    }
  }, 60_000);
});
