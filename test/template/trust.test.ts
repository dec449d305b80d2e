import { GITHUB_OIDC_AUDIENCE } from '../../src/template/github-oidc';
import { ACCOUNT, canAssume, compiled, deployRole, resolve } from './helpers';

const AUD = 'token.actions.githubusercontent.com:aud';
const SUB = 'token.actions.githubusercontent.com:sub';
const CREATED_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const token = (sub: string, aud = GITHUB_OIDC_AUDIENCE) => ({ [AUD]: aud, [SUB]: sub });

describe('deploy role trust policy', () => {
  it('trusts the deploy branch exactly and release tags by pattern, with audience sts.amazonaws.com', () => {
    expect(deployRole().trust).toEqual([
      {
        Sid: 'GitHubDeployBranchOrEnvironment',
        Effect: 'Allow',
        Principal: { Federated: CREATED_PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [AUD]: 'sts.amazonaws.com',
            [SUB]: ['repo:my-org/portfolio-app:ref:refs/heads/main'],
          },
        },
      },
      {
        Sid: 'GitHubReleaseTags',
        Effect: 'Allow',
        Principal: { Federated: CREATED_PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [AUD]: 'sts.amazonaws.com' },
          StringLike: { [SUB]: ['repo:my-org/portfolio-app:ref:refs/tags/v*.*.*'] },
        },
      },
    ]);
  });

  it("never uses the seed design's misspelled audience sts.amazon.com", () => {
    expect(compiled.yaml).not.toContain('sts.amazon.com');
  });

  it('drops the tag statement when ReleaseTagPattern is empty', () => {
    const { trust } = deployRole({ ReleaseTagPattern: '' });
    expect(trust.map((s) => s.Sid)).toEqual(['GitHubDeployBranchOrEnvironment']);
  });

  it('uses the configured branch and tag pattern', () => {
    const { trust } = deployRole({ DeployBranch: 'release/prod', ReleaseTagPattern: 'prod-*' });
    expect(trust[0]?.Condition?.['StringEquals']?.[SUB]).toEqual(['repo:my-org/portfolio-app:ref:refs/heads/release/prod']);
    expect(trust[1]?.Condition?.['StringLike']?.[SUB]).toEqual(['repo:my-org/portfolio-app:ref:refs/tags/prod-*']);
  });

  it('trusts only the GitHub environment when GitHubEnvironment is set: no branch, no tags', () => {
    expect(deployRole({ GitHubEnvironment: 'production' }).trust).toEqual([
      {
        Sid: 'GitHubDeployBranchOrEnvironment',
        Effect: 'Allow',
        Principal: { Federated: CREATED_PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: ['repo:my-org/portfolio-app:environment:production'] },
        },
      },
    ]);
  });

  it('trusts the immutable subject form too when owner and repository ids are given', () => {
    const { trust } = deployRole({ GitHubOwnerId: '1234', GitHubRepoId: '987654' });
    expect(trust[0]?.Condition?.['StringEquals']?.[SUB]).toEqual([
      'repo:my-org/portfolio-app:ref:refs/heads/main',
      'repo:my-org@1234/portfolio-app@987654:ref:refs/heads/main',
    ]);
    expect(trust[1]?.Condition?.['StringLike']?.[SUB]).toEqual([
      'repo:my-org/portfolio-app:ref:refs/tags/v*.*.*',
      'repo:my-org@1234/portfolio-app@987654:ref:refs/tags/v*.*.*',
    ]);
    expect(
      deployRole({ GitHubOwnerId: '1234', GitHubRepoId: '987654', GitHubEnvironment: 'production' }).trust.map(
        (t) => t.Condition?.['StringEquals']?.[SUB],
      ),
    ).toEqual([['repo:my-org/portfolio-app:environment:production', 'repo:my-org@1234/portfolio-app@987654:environment:production']]);
  });

  it('trusts only release tags when DeployBranch is empty (a production stack)', () => {
    expect(deployRole({ DeployBranch: '' }).trust.map((t) => t.Sid)).toEqual(['GitHubReleaseTags']);
  });

  it('refuses, before creating anything, a stack that nothing may deploy', () => {
    const rule = (compiled.plain['Rules'] as Record<string, { Assertions: { AssertDescription: string }[] }>)['SomethingMayDeploy'];
    expect(rule?.Assertions[0]?.AssertDescription).toBe(
      'Nothing could deploy this stack: give DeployBranch, ReleaseTagPattern or GitHubEnvironment.',
    );
  });

  it('trusts the existing provider, and creates none, when ExistingOidcProviderArn is given', () => {
    const existing = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
    const stack = resolve({ ExistingOidcProviderArn: existing });
    expect(stack.resources['GitHubOidcProvider']).toBeUndefined();
    expect(stack.outputs['OidcProviderArn']).toBe(existing);
    expect(deployRole({ ExistingOidcProviderArn: existing }).trust.map((s) => s.Principal?.Federated)).toEqual([existing, existing]);
  });

  it('creates the provider for GitHub with audience sts.amazonaws.com and a thumbprint list', () => {
    expect(resolve().resources['GitHubOidcProvider']).toEqual({
      Type: 'AWS::IAM::OIDCProvider',
      Properties: {
        Url: 'https://token.actions.githubusercontent.com',
        ClientIdList: ['sts.amazonaws.com'],
        ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'],
      },
    });
  });
});

describe('who can assume the deploy role (default parameters)', () => {
  const { trust } = deployRole();
  const can = (sub: string, aud?: string) => canAssume(trust, token(sub, aud), CREATED_PROVIDER);

  it('allows a push to main', () => expect(can('repo:my-org/portfolio-app:ref:refs/heads/main')).toBe(true));
  it('allows a release tag', () => expect(can('repo:my-org/portfolio-app:ref:refs/tags/v1.2.3')).toBe(true));
  it('denies another branch', () => expect(can('repo:my-org/portfolio-app:ref:refs/heads/feature')).toBe(false));
  it('denies a branch that only starts like main', () => expect(can('repo:my-org/portfolio-app:ref:refs/heads/main-2')).toBe(false));
  it('denies a pull_request token', () => expect(can('repo:my-org/portfolio-app:pull_request')).toBe(false));
  it('denies a tag outside the pattern', () => expect(can('repo:my-org/portfolio-app:ref:refs/tags/nightly')).toBe(false));
  it('denies an environment that was not configured', () => expect(can('repo:my-org/portfolio-app:environment:production')).toBe(false));
  it('denies another repository of the same org', () => expect(can('repo:my-org/other:ref:refs/heads/main')).toBe(false));
  it('denies the same repository name under another org', () => expect(can('repo:evil-org/portfolio-app:ref:refs/heads/main')).toBe(false));
  it('denies the wrong audience', () => expect(can('repo:my-org/portfolio-app:ref:refs/heads/main', 'sts.amazon.com')).toBe(false));
  it('denies a token from another provider', () =>
    expect(
      canAssume(
        trust,
        token('repo:my-org/portfolio-app:ref:refs/heads/main'),
        'arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com',
      ),
    ).toBe(false));
  it('denies the immutable form when no ids are configured', () =>
    expect(can('repo:my-org@1234/portfolio-app@987654:ref:refs/heads/main')).toBe(false));
});

describe('who can assume the deploy role (ids configured)', () => {
  const { trust } = deployRole({ GitHubOwnerId: '1234', GitHubRepoId: '987654' });
  const can = (sub: string) => canAssume(trust, token(sub), CREATED_PROVIDER);

  it('allows the immutable-claim form of main', () => expect(can('repo:my-org@1234/portfolio-app@987654:ref:refs/heads/main')).toBe(true));
  it('allows the immutable-claim form of a release tag', () =>
    expect(can('repo:my-org@1234/portfolio-app@987654:ref:refs/tags/v2.0.0')).toBe(true));
  it('denies a different repository id', () => expect(can('repo:my-org@1234/portfolio-app@111111:ref:refs/heads/main')).toBe(false));
  it('denies a different owner id', () => expect(can('repo:my-org@4321/portfolio-app@987654:ref:refs/heads/main')).toBe(false));
});

describe('who can assume the deploy role (a production stack: tags, GitHub environment)', () => {
  const { trust } = deployRole({ DeployBranch: '', GitHubEnvironment: 'production', GitHubOwnerId: '1234', GitHubRepoId: '987654' });
  const can = (sub: string) => canAssume(trust, token(sub), CREATED_PROVIDER);

  it('allows the configured environment', () => expect(can('repo:my-org/portfolio-app:environment:production')).toBe(true));
  it('allows the configured environment, immutable form', () =>
    expect(can('repo:my-org@1234/portfolio-app@987654:environment:production')).toBe(true));
  it('denies another environment', () => expect(can('repo:my-org/portfolio-app:environment:staging')).toBe(false));
  it('denies a release tag outside the environment', () => expect(can('repo:my-org/portfolio-app:ref:refs/tags/v1.2.3')).toBe(false));
  it('denies main', () => expect(can('repo:my-org/portfolio-app:ref:refs/heads/main')).toBe(false));
});
