import { subProblem } from '../../src/lint/rules/github-oidc';

describe('GitHub OIDC sub patterns', () => {
  it.each([
    ['repo:octo/web:ref:refs/heads/main', true],
    ['repo:octo/web:environment:production', true],
    ['repo:octo/web:ref:refs/tags/v*.*.*', true],
    ['repo:octo@1/web@2:ref:refs/heads/main', true],
    ['repo:${GitHubOrg}/${GitHubRepo}:ref:refs/heads/${DeployBranch}', true],
    ['repo:octo/web:*', false],
  ])('accepts one repository and ref under StringEquals: %s', (sub) => {
    expect(subProblem(sub, false)).toBeUndefined();
  });

  it('denies a pull_request token, even under StringEquals', () => {
    expect(subProblem('repo:octo/web:pull_request', false)).toBe(
      '"repo:octo/web:pull_request" admits pull_request tokens, so a pull request\'s workflow can assume the role. Name the deploy branch (:ref:refs/heads/main) or environment instead.',
    );
  });

  it.each([
    ['repo:octo/*', 'admits every repository of octo matching "*"'],
    ['repo:octo/web*', 'admits every repository of octo matching "web*"'],
    ['repo:*', "does not name the repository's owner"],
    ['repo:*/web:ref:refs/heads/main', "does not name the repository's owner"],
    ['*', 'admits every repository on GitHub'],
    ['repo:octo/web:*', 'admits pull_request tokens'],
    ['repo:octo/web:pull_*', 'admits pull_request tokens'],
    ['repo:octo/web:environment:*', 'admits every GitHub environment'],
    ['repo:octo/web:ref:refs/heads/*', 'admits every branch'],
  ])('rejects %s under StringLike', (sub, problem) => {
    expect(subProblem(sub, true)).toContain(problem);
  });

  it('treats * as a literal under StringEquals', () => {
    expect(subProblem('repo:octo/*', false)).toBeUndefined();
  });
});
