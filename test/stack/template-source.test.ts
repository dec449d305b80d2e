import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/errors';
import { compileTemplate } from '../../src/template/compile';
import { compileWithEsbuild, newerSource, chooseTemplate } from '../../src/stack/template-source';
import { sha256Hex } from '../../src/stack/template';

const ROOT = join(__dirname, '..', '..');

/** A copy of the checkout's sources (src/, package.json, node_modules linked) to edit. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'checkout-'));
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'cli.cjs'), '// compiled');
  return dir;
}

describe('the template deploy, url and publish use', () => {
  it('compiles src/template in-process with esbuild, to exactly what the compiler gives', () => {
    const compiler = compileWithEsbuild(ROOT);
    expect(compiler).toBeDefined();
    expect(compiler?.compileTemplate().yaml).toBe(compileTemplate().yaml);
  });

  it('deploys an edit to src/ made after the CLI was compiled, and says so with its sha256', () => {
    const dir = checkout();
    const index = join(dir, 'src', 'template', 'index.ts');
    writeFileSync(index, readFileSync(index, 'utf8').replace("'Small web app on ECS Fargate", "'EDITED Small web app on ECS Fargate"));
    const warnings: string[] = [];
    const t = chooseTemplate({ packageRoot: dir, runningFile: join(dir, 'dist', 'cli.cjs'), warn: (l) => warnings.push(l) });
    expect(t.body).toContain('Description: EDITED Small web app on ECS Fargate');
    expect(t.sha256).toBe(sha256Hex(t.body));
    expect(t.origin).toBe(`src/template (compiled now), sha256 ${t.sha256}`);
    expect(warnings).toEqual([]);
  });

  it('reports a syntax error in src/ as a user error naming the file and line', () => {
    const dir = checkout();
    writeFileSync(join(dir, 'src', 'template', 'logs.ts'), 'export const x = ;\n');
    expect(() => chooseTemplate({ packageRoot: dir, runningFile: join(dir, 'dist', 'cli.cjs') })).toThrow(
      new UserError(
        'src/template does not compile:\n- src/template/logs.ts:1:18: Unexpected ";"\nFix it, or pass --template-file out/template.yaml.',
      ),
    );
  });

  it('notes an out/template.yaml that differs from src/', () => {
    const dir = checkout();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'template.yaml'), 'old');
    const warnings: string[] = [];
    chooseTemplate({ packageRoot: dir, runningFile: join(dir, 'dist', 'cli.cjs'), warn: (l) => warnings.push(l) });
    expect(warnings).toEqual([
      'Note: out/template.yaml differs from src/template (used here); run "npm run build" to update it, or pass --template-file out/template.yaml to use that file.',
    ]);
  });

  it('refuses a compiled CLI older than src/ when esbuild is not there to compile it', () => {
    const dir = checkout();
    const compiled = join(dir, 'dist', 'cli.cjs');
    const past = new Date(Date.now() - 3600_000);
    utimesSync(compiled, past, past);
    const edited = join(dir, 'src', 'template', 'app.ts');
    writeFileSync(edited, readFileSync(edited, 'utf8'));
    expect(newerSource(dir, compiled)).toBe(edited);
    expect(() => chooseTemplate({ packageRoot: dir, runningFile: compiled, compileSource: () => undefined })).toThrow(
      new UserError(
        'src/template/app.ts is newer than the compiled CLI (dist/cli.cjs), and esbuild is not installed to compile ' +
          'src/ now: run "npm ci" (or "npm run bundle"), or pass --template-file out/template.yaml.',
      ),
    );
  });

  it('takes --template-file as it is, with its sha256', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-'));
    const file = join(dir, 't.yaml');
    const body = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n';
    writeFileSync(file, body);
    const t = chooseTemplate({ templateFile: file });
    expect(t.origin).toBe(`${file}, sha256 ${sha256Hex(body)}`);
    expect(t.body).toBe(body);
  });
});
