/**
 * The local AWS's patch layer (scripts/local-aws/patches/): every patch has its own test
 * (scripts/local-aws/tests/test_<patch>.py, moto in-process with boto3, as moto's own tests are
 * written), run by scripts/local-aws/tests/run.py: each module in its own process, forked once
 * moto is imported, so each proves its patch alone.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describeWithMoto } from '../moto';

const DIR = join(__dirname, '..', '..', 'scripts', 'local-aws');
const run = promisify(execFile);

/** The patch modules `apply_all` applies, in order, as patches/__init__.py lists them. */
function patches(): string[] {
  const init = readFileSync(join(DIR, 'patches', '__init__.py'), 'utf8');
  const list = /PATCHES: list\[ModuleType\] = \[([^\]]*)\]/.exec(init)?.[1] ?? '';
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

describe('the patch layer', () => {
  it('lists every patch module, and each has a test of its own', () => {
    const modules = readdirSync(join(DIR, 'patches'))
      .filter((f) => f.endsWith('.py') && f !== '__init__.py' && f !== 'cfn_resource_types.py')
      .map((f) => f.replace(/\.py$/, ''));
    expect([...patches()].sort()).toEqual(modules.sort());
    const tests = readdirSync(join(DIR, 'tests')).filter((f) => /^test_.*\.py$/.test(f));
    expect(tests.sort()).toEqual(modules.map((m) => `test_${m}.py`).sort());
  });

  it('docs/local-aws.md lists every patch, once, in the order they are applied', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'local-aws.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(patches());
  });
});

// Skipped where moto is not installed, except in CI (CI=true), where a missing moto must fail.
describeWithMoto('each patch, by its own test', () => {
  jest.setTimeout(120_000);
  let results: { [module: string]: { run: number; failed: string[] } } = {};

  beforeAll(async () => {
    const { stdout } = await run('python3', [join(DIR, 'tests', 'run.py')], { cwd: DIR, maxBuffer: 16 * 1024 * 1024 }).catch(
      (e: { stdout?: string }) => ({ stdout: e.stdout ?? '{}' }),
    );
    results = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as typeof results;
  });

  it.each(patches())('%s', (patch) => {
    const result = results[`test_${patch}`];
    expect(result?.failed).toEqual([]);
    expect(result?.run).toBeGreaterThan(0);
  });
});
