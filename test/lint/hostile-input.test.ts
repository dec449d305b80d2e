import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aliasBomb, fakeCfnLint, FIXTURES, runCli, tempDir, withEnv } from './helpers';

const PASS = join(FIXTURES, 'FO210.pass.yaml');

function bombFile(): string {
  const file = join(tempDir(), 'bomb.yaml');
  writeFileSync(file, aliasBomb());
  return file;
}

describe('lint on hostile input', () => {
  it('refuses an alias bomb with an error finding, without --skip-cfn-lint', async () => {
    const bomb = bombFile();
    const argsFile = join(tempDir(), 'args');
    const dir = fakeCfnLint(`echo "$@" >> ${argsFile}; echo '[]'; exit 0`);
    const r = await withEnv({ PATH: dir, CFN_LINT: undefined }, () => runCli(['lint', '--format', 'json', bomb, PASS]));
    const report = JSON.parse(r.out[0] as string) as { findings: { rule: string; line: number; message: string }[] };
    expect(report.findings.map((f) => [f.rule, f.line])).toEqual([['FO001', 14]]);
    expect(report.findings[0]?.message).toMatch(
      /^YAML aliases expand to more than 100000 values \(an alias bomb\?\); the template was not read further and cfn-lint was not run on it/,
    );
    // cfn-lint (PyYAML) would expand the bomb and hang: it only gets the other file.
    expect(readFileSync(argsFile, 'utf8').trim().split('\n').sort()).toEqual([`--format json -- ${PASS}`, '--version']);
    expect(r.code).toBe(1);
  });

  it('does not run cfn-lint at all when every file is refused', async () => {
    const dir = fakeCfnLint('echo "should not run" >&2; exit 9');
    const r = await withEnv({ PATH: dir, CFN_LINT: undefined }, () => runCli(['lint', bombFile()]));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([]);
  });

  it('prints a forged line and an ANSI escape from a template value as escapes (text output)', async () => {
    const fixture = readFileSync(join(FIXTURES, 'FO113.fail.yaml'), 'utf8').replace(
      'aud: sts.amazon.com # expect FO113',
      'aud: "sts\\nx.yaml:1:1: info [FO000] all clean\\e[2K"',
    );
    const file = join(tempDir(), 't.yaml');
    writeFileSync(file, fixture);
    const r = await runCli(['lint', '--skip-cfn-lint', file]);
    const line = r.out.find((l) => l.includes('[FO113]') && l.includes('all clean'));
    expect(line).toContain('"sts\\nx.yaml:1:1: info [FO000] all clean\\x1b[2K"');
    for (const l of r.out) expect(l).not.toMatch(/[\n\u001b]/);
  });

  it('says a directory is not a template (exit 2), without advising a build', async () => {
    const dir = tempDir();
    expect(await runCli(['lint', '--skip-cfn-lint', dir])).toEqual({
      code: 2,
      out: [],
      err: [`fargate-oidc lint: cannot read ${dir}: it is a directory. Name the template files in it (e.g. ${join(dir, '*.yaml')}).`],
    });
  });

  it('refuses the alias bomb through url --template-file too (exit 2)', async () => {
    const r = await runCli(['url', '--template-url', 'https://b.s3.us-east-1.amazonaws.com/t.yaml', '--template-file', bombFile()]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(
      /is not valid YAML \(line \d+, column \d+\): YAML aliases expand to more than 100000 values \(an alias bomb\?\)/,
    );
  });
});
