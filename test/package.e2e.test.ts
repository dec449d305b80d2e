/**
 * Installable from anywhere: `npm pack` (which runs prepack), install the tarball into an
 * empty directory that is not this clone, add the config there, and run the installed
 * `fargate-oidc build`: no build step in the app's directory, the config's TypeScript
 * type-checks against the shipped declarations.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { boundary } from './fake-python';

const ROOT = join(__dirname, '..');
jest.setTimeout(240_000);

describe('the packed package', () => {
  const work = mkdtempSync(join(tmpdir(), 'pack-'));
  const app = join(work, 'shop');
  let tarball = '';

  beforeAll(() => {
    execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) ?? '');
    cpSync(join(__dirname, 'config', 'fixtures', 'shop'), app, { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'shop', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
      cwd: app,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  });

  it('ships the bundled command, the library, its types and src/ (the launch page script is bundled from it), no tests', () => {
    const listing = execFileSync('tar', ['-tzf', tarball]).toString().trim().split('\n').sort();
    expect(listing.filter((f) => !f.startsWith('package/dist/types/') && !f.startsWith('package/src/'))).toEqual([
      'package/README.md',
      'package/dist/cli.cjs',
      'package/dist/index.cjs',
      'package/package.json',
      'package/requirements/cfn-lint.txt',
    ]);
    expect(listing).toContain('package/dist/types/index.d.ts');
    expect(listing).toContain('package/src/console/launch-page/browser.ts');
  });

  it('without a config, builds the generic template of the console path, as in this clone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'generic-'));
    execFileSync(join(app, 'node_modules', '.bin', 'fargate-oidc'), ['build', '--out-dir', join(dir, 'out')], { cwd: dir });
    expect(readFileSync(join(dir, 'out', 'template.yaml'), 'utf8')).toBe(readFileSync(join(ROOT, 'out', 'template.yaml'), 'utf8'));
    expect(readFileSync(join(dir, 'out', 'launch.html'), 'utf8')).toBe(readFileSync(join(ROOT, 'out', 'launch.html'), 'utf8'));
  });

  it("builds the issue's config in the app's own directory with the installed bin", () => {
    const out = execFileSync(join(app, 'node_modules', '.bin', 'fargate-oidc'), ['build'], { cwd: app }).toString();
    expect(out).toContain(`wrote ${join(app, 'fargate-oidc', 'template.yaml')}`);
    for (const f of [
      'fargate-oidc/params/staging.json',
      'fargate-oidc/params/production.json',
      '.github/workflows/deploy-staging.yml',
      '.github/workflows/deploy-production.yml',
    ]) {
      expect(existsSync(join(app, f))).toBe(true);
    }
    const template = JSON.parse(readFileSync(join(app, 'fargate-oidc', 'template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    expect(template.Resources['Assets']?.Type).toBe('AWS::S3::Bucket');
  });

  it('the installed lint installs its pinned cfn-lint from the requirements file it ships (stand-in python3 and pip)', () => {
    const b = boundary();
    const dir = mkdtempSync(join(tmpdir(), 'lint-'));
    const out = execFileSync(
      join(app, 'node_modules', '.bin', 'fargate-oidc'),
      ['lint', join(ROOT, 'out', 'template.yaml'), '--install-cfn-lint'],
      {
        cwd: dir,
        env: { PATH: `${b.path}:${dirname(process.execPath)}`, XDG_CACHE_HOME: b.cache, HOME: dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ).toString();
    expect(b.log()[1]).toBe(
      `pip install --disable-pip-version-check --no-input -r ${join(app, 'node_modules', 'fargate-oidc', 'requirements', 'cfn-lint.txt')}`,
    );
    expect(out).toContain('cfn-lint 1.51.0');
  });

  it("type-checks the config against the package's declarations", () => {
    const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
    expect(() =>
      execFileSync(
        tsc,
        [
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          '--module',
          'commonjs',
          '--moduleResolution',
          'node',
          '--target',
          'es2022',
          'fargate-oidc.config.ts',
        ],
        { cwd: app },
      ),
    ).not.toThrow();
  });
});
