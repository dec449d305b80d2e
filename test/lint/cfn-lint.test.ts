import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnLintFailedError, CfnLintMissingError } from '../../src/errors';
import { findCfnLint, runCfnLint, versionFromDistInfo } from '../../src/lint/cfn-lint';
import { lintTemplates } from '../../src/lint/index';
import { FIXTURES, fakeCfnLint, runCli, tempDir, withEnv } from './helpers';

const CLEAN = join(FIXTURES, 'FO210.pass.yaml');
const MISSING_ON_PATH =
  'fargate-oidc lint: cfn-lint not found (not on PATH; pass --install-cfn-lint to install the pinned one into the cache): install it with "pip install cfn-lint" (1.x), ' +
  'set CFN_LINT to its path, or pass --skip-cfn-lint to run only fargate-oidc rules.';

describe('finding cfn-lint', () => {
  it('uses CFN_LINT when it names an executable', () => {
    const dir = fakeCfnLint('exit 0');
    expect(findCfnLint({ CFN_LINT: join(dir, 'cfn-lint'), PATH: '' })).toBe(join(dir, 'cfn-lint'));
  });

  it('finds it on PATH, skipping directories without it', () => {
    const dir = fakeCfnLint('exit 0');
    expect(findCfnLint({ PATH: `${tempDir()}:${dir}` })).toBe(join(dir, 'cfn-lint'));
  });

  it('refuses a CFN_LINT that does not exist, even when PATH has one', () => {
    const dir = fakeCfnLint('exit 0');
    expect(() => findCfnLint({ CFN_LINT: '/nonexistent/cfn-lint', PATH: dir })).toThrow(
      new CfnLintMissingError('CFN_LINT=/nonexistent/cfn-lint is not an executable file'),
    );
  });
});

describe('when cfn-lint is missing', () => {
  it('fails with exit code 3 and one line that says how to install it', async () => {
    const r = await withEnv({ PATH: tempDir(), CFN_LINT: undefined, XDG_CACHE_HOME: tempDir() }, () => runCli(['lint', CLEAN]));
    expect(r).toEqual({ code: 3, out: [], err: [MISSING_ON_PATH] });
  });

  it('names CFN_LINT when it points to a file that does not exist', async () => {
    const r = await withEnv({ CFN_LINT: '/nonexistent/cfn-lint' }, () => runCli(['lint', CLEAN]));
    expect(r.code).toBe(3);
    expect(r.err).toEqual([
      'fargate-oidc lint: cfn-lint not found (CFN_LINT=/nonexistent/cfn-lint is not an executable file): install it with "pip install cfn-lint" (1.x), ' +
        'set CFN_LINT to its path, or pass --skip-cfn-lint to run only fargate-oidc rules.',
    ]);
  });

  it('treats a version-manager shim without cfn-lint (exit 127) as missing', async () => {
    const dir = fakeCfnLint('echo "pyenv: cfn-lint: command not found" >&2; exit 127');
    await expect(runCfnLint([CLEAN], { env: { PATH: dir } })).rejects.toThrow(
      new CfnLintMissingError(`${join(dir, 'cfn-lint')}: pyenv: cfn-lint: command not found`),
    );
  });

  it('runs our rules alone with --skip-cfn-lint and says so in the summary', async () => {
    const r = await withEnv({ PATH: tempDir(), CFN_LINT: undefined }, () => runCli(['lint', CLEAN, '--skip-cfn-lint']));
    expect(r).toEqual({
      code: 0,
      out: ['lint: 1 file, 0 errors, 0 warnings, 0 infos (fargate-oidc rules only; cfn-lint skipped by --skip-cfn-lint)'],
      err: [],
    });
  });
});

describe('running cfn-lint', () => {
  const REPORT = JSON.stringify([
    {
      Filename: CLEAN,
      Level: 'Warning',
      Location: { Start: { LineNumber: 5, ColumnNumber: 7 }, End: { LineNumber: 5, ColumnNumber: 9 }, Path: ['Resources'] },
      Message: 'Something to look at',
      Rule: { Id: 'W1234', Description: 'd', ShortDescription: 's', Source: 'x' },
    },
    {
      Filename: CLEAN,
      Level: 'Informational',
      Location: { Start: { LineNumber: 2, ColumnNumber: 3 }, End: { LineNumber: 2, ColumnNumber: 4 }, Path: [] },
      Message: 'For your information',
      Rule: { Id: 'I3011', Description: 'd', ShortDescription: 's', Source: 'x' },
    },
  ]);

  it('maps its findings, levels, rule ids and version into ours', async () => {
    const dir = fakeCfnLint(`if [ "$1" = "--version" ]; then echo "cfn-lint 1.99.0"; exit 0; fi\necho '${REPORT}'\nexit 12`);
    const result = await lintTemplates([CLEAN], { cfnLint: { env: { PATH: dir } } });
    expect(result.cfnLint).toEqual({ version: '1.99.0' });
    expect(result.findings).toEqual([
      { file: CLEAN, line: 2, col: 3, severity: 'info', rule: 'I3011', message: 'For your information', source: 'cfn-lint', path: [] },
      {
        file: CLEAN,
        line: 5,
        col: 7,
        severity: 'warning',
        rule: 'W1234',
        message: 'Something to look at',
        source: 'cfn-lint',
        path: ['Resources'],
      },
    ]);
    expect(result.counts).toEqual({ error: 0, warning: 1, info: 1 });
  });

  it('reads the version from the installed package beside the executable, without --version', async () => {
    const prefix = tempDir('venv-');
    mkdirSync(join(prefix, 'bin'));
    mkdirSync(join(prefix, 'lib', 'python3.12', 'site-packages', 'cfn_lint-1.77.0.dist-info'), { recursive: true });
    const exe = join(prefix, 'bin', 'cfn-lint');
    writeFileSync(exe, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "cfn-lint 0.0.0"; exit 0; fi\necho '[]'\n`);
    chmodSync(exe, 0o755);
    expect(versionFromDistInfo(exe)).toBe('1.77.0');
    const result = await lintTemplates([CLEAN], { cfnLint: { env: { PATH: join(prefix, 'bin') } } });
    expect(result.cfnLint).toEqual({ version: '1.77.0' });
  });

  it('reads the version behind a pyenv shim when one Python has cfn-lint', () => {
    const root = tempDir('pyenv-');
    mkdirSync(join(root, 'shims'));
    writeFileSync(join(root, 'shims', 'cfn-lint'), '#!/bin/sh\n');
    for (const [python, version] of [
      ['3.11.7', '1.51.0'],
      ['3.12.1', undefined],
    ] as const) {
      mkdirSync(join(root, 'versions', python, 'bin'), { recursive: true });
      mkdirSync(join(root, 'versions', python, 'lib', `python${python.slice(0, 4)}`, 'site-packages'), { recursive: true });
      if (version) {
        writeFileSync(join(root, 'versions', python, 'bin', 'cfn-lint'), '');
        mkdirSync(join(root, 'versions', python, 'lib', `python${python.slice(0, 4)}`, 'site-packages', `cfn_lint-${version}.dist-info`));
      }
    }
    expect(versionFromDistInfo(join(root, 'shims', 'cfn-lint'))).toBe('1.51.0');
  });

  it('falls back to --version when the installed version cannot be told', () => {
    expect(versionFromDistInfo(join(tempDir(), 'cfn-lint'))).toBeUndefined();
  });

  it('fails with exit code 4 when cfn-lint prints no JSON report', async () => {
    const dir = fakeCfnLint('echo "Traceback: boom" >&2; exit 1');
    const run = lintTemplates([CLEAN], { cfnLint: { env: { PATH: dir } } });
    await expect(run).rejects.toThrow(CfnLintFailedError);
    await expect(run).rejects.toMatchObject({
      exitCode: 4,
      message: `${join(dir, 'cfn-lint')} --format json failed: exit code 1, Traceback: boom. Run it by hand to see why, or pass --skip-cfn-lint.`,
    });
  });

  it('stops a cfn-lint that does not answer within the timeout (exit code 4), killing its children too', async () => {
    // The shim waits on a child, as pyenv's does: killing the shim alone would leave the pipe open.
    const dir = fakeCfnLint('case "$1" in --version) echo "cfn-lint 1.51.0";; *) /bin/sleep 60;; esac');
    const run = lintTemplates([CLEAN], { cfnLint: { env: { PATH: dir }, timeoutMs: 300 } });
    await expect(run).rejects.toMatchObject({
      exitCode: 4,
      message: `${join(dir, 'cfn-lint')} --format json failed: no report within 0.3 s (stopped; raise --cfn-lint-timeout for large batches). Run it by hand to see why, or pass --skip-cfn-lint.`,
    });
  });

  it('reports the real cfn-lint 1.x findings with their ids and positions', async () => {
    const file = join(tempDir(), 'bad.yaml');
    writeFileSync(file, 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Foo: 1\n');
    const result = await lintTemplates([file]);
    expect('version' in result.cfnLint && result.cfnLint.version).toMatch(/^1\.\d+\.\d+$/);
    expect(result.findings).toEqual([
      {
        file,
        line: 5,
        col: 7,
        severity: 'error',
        rule: 'E3002',
        message: "Additional properties are not allowed ('Foo' was unexpected)",
        source: 'cfn-lint',
        path: ['Resources', 'Bucket', 'Properties', 'Foo'],
      },
    ]);
  }, 60_000);
});
