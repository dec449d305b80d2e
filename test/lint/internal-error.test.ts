import { join } from 'node:path';
import { FIXTURES, runCli } from './helpers';

// A bug inside our rules, simulated: the lint must not exit 1 as if the template had findings.
jest.mock('../../src/lint/rules', () => ({
  ...jest.requireActual('../../src/lint/rules'),
  runRules: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')")),
}));

describe('lint when fargate-oidc itself fails', () => {
  it('gives an internal error its own exit code (5), never the findings code', async () => {
    const r = await runCli(['lint', '--skip-cfn-lint', join(FIXTURES, 'FO210.pass.yaml')]);
    expect(r.code).toBe(70);
    expect(r.out).toEqual([]);
    expect(r.err[0]).toMatch(
      /^fargate-oidc lint: internal error: TypeError: Cannot read properties of undefined \(reading 'x'\)\. This is a bug in fargate-oidc, not a finding in your templates: report it with the template that triggers it\.\n {4}at /,
    );
  });
});
