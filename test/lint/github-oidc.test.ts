import { subProblem } from '../../src/lint/rules/github-oidc';
import { lintTexts } from '../../src/lint/index';

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

describe('GitHub Enterprise Cloud issuers (token.actions.githubusercontent.com/<enterprise>)', () => {
  const trust = (conditions: string) => `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Federated: arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/octo-ent }
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
${conditions}
`;
  const lint = async (text: string) => (await lintTexts([{ file: 't.yaml', text }])).map((f) => `${f.rule} ${f.message}`);

  it("asks for the enterprise issuer's keys when sub is missing", async () => {
    expect(
      await lint(trust('              StringEquals: { token.actions.githubusercontent.com/octo-ent:aud: sts.amazonaws.com }')),
    ).toEqual([
      'FO110 GitHub OIDC trust without a sub condition: any repository on GitHub can assume this role. Add StringEquals { token.actions.githubusercontent.com/octo-ent:aud: sts.amazonaws.com } and token.actions.githubusercontent.com/octo-ent:sub: repo:OWNER/REPO:ref:refs/heads/BRANCH.',
    ]);
  });

  it('says repo:* admits every owner', async () => {
    const conditions = `              StringEquals: { token.actions.githubusercontent.com/octo-ent:aud: sts.amazonaws.com }
              StringLike: { token.actions.githubusercontent.com/octo-ent:sub: "repo:*" }`;
    expect(await lint(trust(conditions))).toEqual([
      'FO112 "repo:*" does not name the repository\'s owner, so workflows of other owners\' repositories can assume the role. Use repo:OWNER/REPO:ref:refs/heads/BRANCH.',
    ]);
  });
});
