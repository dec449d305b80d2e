/**
 * `lint` installs its pinned cfn-lint when none is installed. The Python package index cannot
 * be reached from here or from CI, so the boundary is faked: a stand-in `python3` on PATH whose
 * `-m venv DIR` makes DIR/bin/pip, and a stand-in `pip` that records its arguments and writes a
 * fake `cfn-lint` into the venv (or fails as pip does offline). The commands, the cache
 * location, the reuse of the venv and each failure message are asserted exactly.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CfnLintMissingError, CfnLintProvisionError } from '../../src/errors';
import { cacheDirectory, hasHashes, pinnedCfnLintVersion, provisionCfnLint, shippedRequirementsFile } from '../../src/lint/provision';
import { FIXTURES, runCli, tempDir, withEnv } from './helpers';
import { type Boundary, boundary, script } from '../fake-python';

const CLEAN = join(FIXTURES, 'FO210.pass.yaml');
const REQUIREMENTS = resolve(__dirname, '..', '..', 'requirements', 'cfn-lint.txt');
const VERSION = '1.51.0';

const lint = (b: Boundary, ...args: string[]) =>
  withEnv({ PATH: b.path, CFN_LINT: undefined, XDG_CACHE_HOME: b.cache }, () => runCli(['lint', CLEAN, ...args]));

describe('lint installs its pinned cfn-lint when none is installed', () => {
  it('ships a requirements file that pins the cfn-lint this project is tested with, and finds it from the sources', () => {
    expect(shippedRequirementsFile()).toBe(REQUIREMENTS);
    expect(pinnedCfnLintVersion(readFileSync(REQUIREMENTS, 'utf8'))).toBe(VERSION);
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('requirements/cfn-lint.txt');
  });

  it("with --install-cfn-lint: python3 -m venv in the cache, the venv's pip installs the pinned file, one line, then lints with it", async () => {
    const b = boundary();
    const venv = join(b.cache, 'fargate-oidc', `cfn-lint-${VERSION}`);
    const r = await lint(b, '--install-cfn-lint');
    expect(b.log()).toEqual([`python3 -m venv ${venv}`, `pip install --disable-pip-version-check --no-input -r ${REQUIREMENTS}`]);
    expect(r.err).toEqual([`Installed cfn-lint ${VERSION} in ${venv}; lint uses it from now on.`]);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain(`cfn-lint ${VERSION}`);
  });

  it('a second run reuses the venv: no command, no line, even without --install-cfn-lint', async () => {
    const b = boundary();
    await lint(b, '--install-cfn-lint');
    const before = b.log().length;
    const again = await lint(b);
    expect(b.log()).toHaveLength(before);
    expect(again.err).toEqual([]);
    expect(again.code).toBe(0);
  });

  it('the cache is $XDG_CACHE_HOME/fargate-oidc, else ~/.cache/fargate-oidc (a relative XDG_CACHE_HOME is ignored, as the spec says)', () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' })).toBe('/x/cache/fargate-oidc');
    expect(cacheDirectory({ HOME: '/home/u' })).toBe('/home/u/.cache/fargate-oidc');
    expect(cacheDirectory({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.cache/fargate-oidc');
  });

  it('without a terminal and without --install-cfn-lint: exit 3, says how, runs nothing', async () => {
    const b = boundary();
    const r = await lint(b);
    expect(r.code).toBe(3);
    expect(r.err).toEqual([
      'fargate-oidc lint: cfn-lint not found (not on PATH; pass --install-cfn-lint to install the pinned one into the cache): ' +
        'install it with "pip install cfn-lint" (1.x), set CFN_LINT to its path, or pass --skip-cfn-lint to run only fargate-oidc rules.',
    ]);
    expect(b.log()).toEqual([]);
  });

  it('on a terminal it asks first: "no" is exit 3 with nothing run, "yes" installs', async () => {
    const b = boundary();
    const questions: string[] = [];
    const options = (answer: boolean) => ({
      env: { PATH: b.path, XDG_CACHE_HOME: b.cache },
      requirementsFile: REQUIREMENTS,
      install: false,
      ask: async (q: string) => {
        questions.push(q);
        return answer;
      },
      say: () => undefined,
    });
    await expect(provisionCfnLint(options(false))).rejects.toThrow(new CfnLintMissingError('not on PATH, and not installed: declined'));
    expect(b.log()).toEqual([]);
    const venv = join(b.cache, 'fargate-oidc', `cfn-lint-${VERSION}`);
    await expect(provisionCfnLint(options(true))).resolves.toBe(join(venv, 'bin', 'cfn-lint'));
    expect(questions).toEqual([
      `cfn-lint is not installed. Install cfn-lint ${VERSION} into ${venv} (python3 -m venv, then pip)? [y/N] `,
      `cfn-lint is not installed. Install cfn-lint ${VERSION} into ${venv} (python3 -m venv, then pip)? [y/N] `,
    ]);
  });

  it('does nothing when cfn-lint is on PATH or CFN_LINT is set', async () => {
    const b = boundary();
    script(join(b.path, 'cfn-lint'), 'echo "[]"');
    const base = { requirementsFile: REQUIREMENTS, install: true, say: () => undefined };
    await expect(provisionCfnLint({ ...base, env: { PATH: b.path } })).resolves.toBeUndefined();
    await expect(provisionCfnLint({ ...base, env: { PATH: '', CFN_LINT: '/opt/cfn-lint' } })).resolves.toBeUndefined();
    expect(b.log()).toEqual([]);
  });

  it('no python3 on PATH: exit 3 and what to install', async () => {
    const b = boundary();
    const r = await withEnv({ PATH: tempDir('empty-'), CFN_LINT: undefined, XDG_CACHE_HOME: b.cache }, () =>
      runCli(['lint', CLEAN, '--install-cfn-lint']),
    );
    expect(r.code).toBe(3);
    expect(r.err).toEqual([
      "fargate-oidc lint: Could not install cfn-lint: no python3 on PATH. Fix: install Python 3.9 or later (python.org, or your system's python3 package), " +
        'or install cfn-lint yourself; or set CFN_LINT to a cfn-lint, or pass --skip-cfn-lint.',
    ]);
  });

  it('no venv module: exit 3, names the package to install, leaves no half-made venv', async () => {
    const b = boundary({ venv: 'no-ensurepip' });
    const venv = join(b.cache, 'fargate-oidc', `cfn-lint-${VERSION}`);
    const r = await lint(b, '--install-cfn-lint');
    expect(r.code).toBe(3);
    expect(r.err).toEqual([
      `fargate-oidc lint: Could not install cfn-lint: ${join(b.path, 'python3')} -m venv ${venv} failed (The virtual environment was not created successfully because ensurepip is not available.  On Debian/Ubuntu systems, you need to install the python3-venv package). ` +
        "Fix: install Python's venv module (Debian and Ubuntu: apt install python3-venv), or install cfn-lint yourself; or set CFN_LINT to a cfn-lint, or pass --skip-cfn-lint.",
    ]);
    expect(existsSync(venv)).toBe(false);
  });

  it('no network: exit 3, says the package index could not be reached, leaves no venv', async () => {
    const b = boundary({ pip: 'offline' });
    const venv = join(b.cache, 'fargate-oidc', `cfn-lint-${VERSION}`);
    const r = await lint(b, '--install-cfn-lint');
    expect(r.code).toBe(3);
    expect(r.err).toEqual([
      `fargate-oidc lint: Could not install cfn-lint: pip could not reach the Python package index (ERROR: Could not find a version that satisfies the requirement cfn-lint==${VERSION} (from versions: none) ERROR: No matching distribution found for cfn-lint==${VERSION}). ` +
        'Fix: connect to the network (or set PIP_INDEX_URL to a mirror) and run lint again, or install cfn-lint yourself; or set CFN_LINT to a cfn-lint, or pass --skip-cfn-lint.',
    ]);
    expect(existsSync(venv)).toBe(false);
  });

  it("any other pip failure: exit 3 with pip's last words and the command to retry", async () => {
    const b = boundary({ pip: 'broken' });
    const r = await lint(b, '--install-cfn-lint');
    expect(r.code).toBe(3);
    expect(r.err).toEqual([
      `fargate-oidc lint: Could not install cfn-lint: pip install -r ${REQUIREMENTS} failed (ERROR: Exception: disk quota exceeded). ` +
        'Fix: run that command in the virtual environment by hand to see why, or install cfn-lint yourself; or set CFN_LINT to a cfn-lint, or pass --skip-cfn-lint.',
    ]);
  });

  it('once the maintainer has added hashes, pip is told to require them', async () => {
    const b = boundary();
    const hashed = join(tempDir('req-'), 'cfn-lint.txt');
    writeFileSync(
      hashed,
      `cfn-lint==${VERSION} \\\n    --hash=sha256:${'a'.repeat(64)}\njsonpatch==1.33 --hash=sha256:${'b'.repeat(64)}\n`,
    );
    expect(hasHashes(readFileSync(hashed, 'utf8'))).toBe(true);
    expect(hasHashes(readFileSync(REQUIREMENTS, 'utf8'))).toBe(false);
    await provisionCfnLint({
      env: { PATH: b.path, XDG_CACHE_HOME: b.cache },
      requirementsFile: hashed,
      install: true,
      say: () => undefined,
    });
    expect(b.log()[1]).toBe(`pip install --disable-pip-version-check --no-input --require-hashes -r ${hashed}`);
  });

  it('failures are exit 3 errors of their own type', () => {
    expect(new CfnLintProvisionError('x', 'y').exitCode).toBe(3);
  });
});
