/**
 * GitHub's OIDC identity provider in IAM: lets GitHub Actions exchange its job token for
 * temporary AWS credentials, so no long-lived key is stored anywhere.
 *
 * An account holds one provider per URL, so the stack creates it only when the
 * `ExistingOidcProviderArn` parameter is empty; a second stack in the same account passes the
 * first one's ARN (output `OidcProviderArn`) and deploys cleanly.
 */
import OIDCProvider from 'cloudform-types/types/iam/oidcProvider';
import { Fn, retainOnDelete, type IntrinsicFunction } from './cfn';
import { GITHUB_GROUP } from './console-groups';
import type { Fragment } from './fragment';
import { stringParam } from './parameters';

/** Host of GitHub's token issuer; also the prefix of its claim context keys in IAM. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** Audience configure-aws-credentials requests by default (not `sts.amazon.com`). */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';
/**
 * GitHub's published certificate thumbprints. IAM no longer checks them for this provider,
 * but CloudFormation has failed creates without a ThumbprintList
 * (cloudformation-coverage-roadmap #2092), so we send both.
 */
export const GITHUB_OIDC_THUMBPRINTS = ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'] as const;

export const EXISTING_PROVIDER_PARAM = 'ExistingOidcProviderArn';
export const CREATE_PROVIDER_CONDITION = 'CreateGitHubOidcProvider';
export const PROVIDER_ID = 'GitHubOidcProvider';

/** Options of the OIDC provider module. */
export interface GitHubOidcOptions {
  /**
   * Default for `ExistingOidcProviderArn`: the ARN of a GitHub OIDC provider already in the
   * account (`arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com`).
   * Empty (the default) creates one.
   */
  existingOidcProviderArn?: string;
}

/** What other modules use of the provider. */
export interface GitHubOidc {
  fragment: Fragment;
  /** The provider ARN: the created one, or the one given. */
  providerArn: IntrinsicFunction;
}

export function githubOidc(o: GitHubOidcOptions = {}): GitHubOidc {
  // Retained on delete: other stacks in the account may trust this provider through their
  // ExistingOidcProviderArn; deleting it with this stack would lock their deploys out.
  const provider = retainOnDelete(
    new OIDCProvider({
      Url: `https://${GITHUB_OIDC_HOST}`,
      ClientIdList: [GITHUB_OIDC_AUDIENCE],
      ThumbprintList: [...GITHUB_OIDC_THUMBPRINTS],
    }).condition(CREATE_PROVIDER_CONDITION),
  );

  const providerArn = Fn.If(CREATE_PROVIDER_CONDITION, Fn.Ref(PROVIDER_ID), Fn.Ref(EXISTING_PROVIDER_PARAM));

  return {
    fragment: {
      parameters: {
        [EXISTING_PROVIDER_PARAM]: stringParam({
          label: 'Existing GitHub OIDC provider ARN',
          group: GITHUB_GROUP,
          // After the repository's own fields: an account fills it in once, for its second stack.
          order: 1,
          description:
            'Empty creates the GitHub OIDC provider. An account holds one: if IAM > Identity ' + 'providers lists it, paste its ARN.',
          default: o.existingOidcProviderArn ?? '',
          pattern: `(arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/${GITHUB_OIDC_HOST.replace(/\./g, '\\.')})?`,
          constraint: `Empty, or the ARN of the provider for ${GITHUB_OIDC_HOST}.`,
        }),
      },
      conditions: {
        [CREATE_PROVIDER_CONDITION]: Fn.Equals(Fn.Ref(EXISTING_PROVIDER_PARAM), ''),
      },
      resources: { [PROVIDER_ID]: provider },
      outputs: {
        OidcProviderArn: {
          Description: 'GitHub OIDC provider: ExistingOidcProviderArn of other stacks in this account.',
          Value: providerArn,
        },
      },
    },
    providerArn,
  };
}
