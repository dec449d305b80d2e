/**
 * The role GitHub Actions assumes through OIDC to deploy the app. Its trust policy is the
 * security boundary of the whole stack: read it here, whole.
 *
 * Who may assume it: a job of the configured repository (matched exactly; never a wildcard in
 * org, repo, branch or environment) with the audience `sts.amazonaws.com`, and
 * - when a GitHub environment is configured: only jobs in that environment (a job that names
 *   an environment gets the environment subject whatever its branch, so the environment must
 *   itself be limited to the deploy branch and tags with GitHub's deployment rules; its
 *   required reviewers then gate every deploy);
 * - otherwise: jobs on the deploy branch (if one is given) or on a release tag matching the
 *   tag pattern (if one is given). A rule refuses a stack that nothing could deploy.
 * Pull requests (`repo:O/R:pull_request`), other branches and other repositories are not in
 * the list and cannot assume it.
 *
 * What it may do: push and pull images of this stack's repository (and ecr:GetAuthorizationToken),
 * and invoke the stack's deployer function (src/template/deployer.ts), which alone registers task
 * definitions, rolls them out, starts and stops the app. No ECS write, no task-definition read
 * or write, no iam:PassRole, no tag write, no CloudFormation or Lambda change: request fields no
 * IAM condition key can see (UpdateService's security groups, load balancers, service
 * registries; RegisterTaskDefinition's volumes, log routing, image and roles) are written by the
 * deployer's code, which the template fixes. Each statement is granted by the module that owns
 * the resource (registry, deployer). Compared with the source design it no longer has
 * `logs:CreateLogGroup`/`PutRetentionPolicy`/`DescribeLogGroups` or `ecr:CreateRepository` (the
 * stack creates both), nor any hard-coded region, account or app name: every ARN comes from the
 * stack.
 */
import Role from 'cloudform-types/types/iam/role';
import { Fn, itemIf, statementIf, type IntrinsicFunction, type PolicyDocument, type StatementEntry, type Value } from './cfn';
import { GITHUB_GROUP } from './console-groups';
import type { Fragment } from './fragment';
import { grantee, type Grantee } from './grants';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST } from './github-oidc';
import { stringParam } from './parameters';

export const DEPLOY_ROLE_ID = 'GitHubDeployRole';
/** The role GitHub Actions assume: modules grant it what the workflows call on their resources. */
export const DEPLOY_ROLE: Grantee = grantee(DEPLOY_ROLE_ID, 'GitHub Actions push images with it and invoke the deployer');
export const HAS_RELEASE_TAGS = 'HasReleaseTags';
export const HAS_ENVIRONMENT = 'HasGitHubEnvironment';
export const HAS_IDS = 'HasGitHubIds';
export const HAS_DEPLOY_BRANCH = 'HasDeployBranch';
/** A GitHub environment is set: then only jobs in it are trusted, not the branch or tags. */
export const TRUSTS_BRANCH_OR_ENVIRONMENT = 'TrustsBranchOrEnvironment';
export const TRUSTS_RELEASE_TAGS = 'TrustsReleaseTags';

/** Options of the deploy role (defaults of its parameters). */
export interface DeployRoleOptions {
  /** Default for `GitHubOrg`: the user or organization that owns the repository. None: required. */
  githubOrg?: string;
  /** Default for `GitHubRepo`: the repository name, without the owner. None: required. */
  githubRepo?: string;
  /** Default for `DeployBranch`: the branch whose pushes deploy. Default `main`. */
  deployBranch?: string;
  /**
   * Default for `ReleaseTagPattern`: tags that may deploy, with `*` and `?` as wildcards.
   * Empty: tags cannot deploy. Default `v*.*.*` (which also matches `v1.2.3-rc1`).
   */
  releaseTagPattern?: string;
  /** Default for `GitHubEnvironment`: a GitHub environment whose jobs may deploy. Default empty (none). */
  githubEnvironment?: string;
  /**
   * Default for `GitHubOwnerId`: numeric id of the owner, for immutable subject claims
   * (repositories created since 2026-07-15). Set together with `githubRepoId`.
   */
  githubOwnerId?: string;
  /** Default for `GitHubRepoId`: numeric id of the repository, for immutable subject claims. */
  githubRepoId?: string;
}

/** What the deploy role needs from the other modules. */
export interface DeployRoleInputs {
  /** ARN of the GitHub OIDC provider. */
  providerArn: IntrinsicFunction;
  /** Every permission statement the workflows need, granted by the resources' own modules. */
  statements: readonly StatementEntry[];
}

/** What the composer uses of the deploy role. */
export interface DeployRole {
  fragment: Fragment;
  roleArn: IntrinsicFunction;
}

const AUD = `${GITHUB_OIDC_HOST}:aud`;
const SUB = `${GITHUB_OIDC_HOST}:sub`;
const NAME_FORM = 'repo:${GitHubOrg}/${GitHubRepo}';
const ID_FORM = 'repo:${GitHubOrg}@${GitHubOwnerId}/${GitHubRepo}@${GitHubRepoId}';

/**
 * The `sub` claims matched exactly: with a GitHub environment, jobs in that environment only
 * (its protection rules then gate every deploy); without one, jobs on the deploy branch.
 */
function exactSubjects(): IntrinsicFunction {
  return Fn.If(
    HAS_ENVIRONMENT,
    [Fn.Sub(`${NAME_FORM}:environment:\${GitHubEnvironment}`), itemIf(HAS_IDS, Fn.Sub(`${ID_FORM}:environment:\${GitHubEnvironment}`))],
    [Fn.Sub(`${NAME_FORM}:ref:refs/heads/\${DeployBranch}`), itemIf(HAS_IDS, Fn.Sub(`${ID_FORM}:ref:refs/heads/\${DeployBranch}`))],
  );
}

/** The `sub` claims of jobs on release tags: the only place a wildcard is meant. */
function tagSubjects(): Value<string>[] {
  return [
    Fn.Sub(`${NAME_FORM}:ref:refs/tags/\${ReleaseTagPattern}`),
    itemIf(HAS_IDS, Fn.Sub(`${ID_FORM}:ref:refs/tags/\${ReleaseTagPattern}`)),
  ];
}

/** The trust policy: GitHub jobs of one repository, on the deploy branch, tags or environment. */
export function deployRoleTrust(providerArn: IntrinsicFunction): PolicyDocument {
  const principal = { Federated: providerArn };
  return {
    Version: '2012-10-17',
    Statement: [
      statementIf(TRUSTS_BRANCH_OR_ENVIRONMENT, {
        Sid: 'GitHubDeployBranchOrEnvironment',
        Effect: 'Allow',
        Principal: principal,
        Action: 'sts:AssumeRoleWithWebIdentity',
        // One operator object per key: two "StringEquals" objects in JSON would silently
        // collapse into one.
        Condition: { StringEquals: { [AUD]: GITHUB_OIDC_AUDIENCE, [SUB]: exactSubjects() } },
      }),
      statementIf(TRUSTS_RELEASE_TAGS, {
        Sid: 'GitHubReleaseTags',
        Effect: 'Allow',
        Principal: principal,
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [AUD]: GITHUB_OIDC_AUDIENCE },
          StringLike: { [SUB]: tagSubjects() },
        },
      }),
    ],
  };
}

const NO_WILDCARD = 'It may not contain * or ?: they widen who may assume the deploy role.';

export function deployRole(o: DeployRoleOptions, inputs: DeployRoleInputs): DeployRole {
  const role = new Role({
    RoleName: Fn.Sub('${AppName}-github-deploy-${AWS::Region}'),
    Description: Fn.Sub('GitHub Actions of ${GitHubOrg}/${GitHubRepo} deploy and start/stop ${AppName} with this role.'),
    MaxSessionDuration: 3600,
    AssumeRolePolicyDocument: deployRoleTrust(inputs.providerArn),
    Policies: [
      {
        PolicyName: 'deploy-and-start-stop',
        PolicyDocument: { Version: '2012-10-17', Statement: [...inputs.statements] },
      },
    ],
  });
  const roleArn = DEPLOY_ROLE.arn;
  const notEmpty = (param: string) => Fn.Not(Fn.Equals(Fn.Ref(param), ''));

  return {
    fragment: {
      parameters: {
        GitHubOrg: stringParam({
          label: 'GitHub owner (user or organization)',
          group: GITHUB_GROUP,
          description: 'Owner of the app repository, exactly as in its URL: github.com/<owner>/<repo>. ' + 'Required.',
          ...(o.githubOrg === undefined ? {} : { default: o.githubOrg }),
          pattern: '[A-Za-z0-9]([A-Za-z0-9-]{0,37}[A-Za-z0-9])?',
          minLength: 1,
          maxLength: 39,
          constraint: `Required: 1 to 39 letters, digits or hyphens, as in github.com/<owner>. ${NO_WILDCARD}`,
        }),
        GitHubRepo: stringParam({
          label: 'GitHub repository',
          group: GITHUB_GROUP,
          description: 'Name of the app repository, without the owner: github.com/<owner>/<repo>. Required.',
          ...(o.githubRepo === undefined ? {} : { default: o.githubRepo }),
          pattern: '[A-Za-z0-9._-]{1,100}',
          minLength: 1,
          maxLength: 100,
          constraint: `Required: 1 to 100 letters, digits, dots, hyphens or underscores. ${NO_WILDCARD}`,
        }),
        DeployBranch: stringParam({
          label: 'Deploy branch',
          group: GITHUB_GROUP,
          description: 'Pushes to this branch may deploy. Empty: no branch can.',
          default: o.deployBranch ?? 'main',
          pattern: '([A-Za-z0-9._+][A-Za-z0-9._/+-]{0,243})?',
          constraint: `Leave empty, or give a branch name of letters, digits and . _ / + - (no spaces or colons). ${NO_WILDCARD}`,
        }),
        ReleaseTagPattern: stringParam({
          label: 'Release tag pattern',
          group: GITHUB_GROUP,
          description: 'Tags that may deploy (* any characters, ? one). Empty: no tag can.',
          default: o.releaseTagPattern ?? 'v*.*.*',
          pattern: '([A-Za-z0-9._/+*?-]{1,128})?',
          constraint: 'Leave empty, or give a tag pattern of letters, digits, . _ / + - and the wildcards * ?.',
        }),
        GitHubEnvironment: stringParam({
          label: 'GitHub environment (optional)',
          group: GITHUB_GROUP,
          description:
            'Only jobs in this GitHub environment may deploy (not the branch or tags), so its ' +
            'protection rules gate every deploy. Empty: none.',
          default: o.githubEnvironment ?? '',
          pattern: '([A-Za-z0-9._-]{1,255})?',
          constraint: `Leave empty, or give the environment name: letters, digits, . _ -. ${NO_WILDCARD}`,
        }),
        GitHubOwnerId: stringParam({
          label: 'GitHub owner id (optional)',
          group: GITHUB_GROUP,
          description:
            'Owner id for immutable subject claims (repositories since 2026-07-15): "id" of ' +
            'https://api.github.com/users/<owner>. Set with GitHubRepoId.',
          default: o.githubOwnerId ?? '',
          pattern: '([0-9]{1,20})?',
          constraint: 'Leave empty, or give the numeric id only (digits).',
        }),
        GitHubRepoId: stringParam({
          label: 'GitHub repository id (optional)',
          group: GITHUB_GROUP,
          description: 'Repository id for immutable subject claims: "id" of api.github.com/repos/<owner>/<repo>.',
          default: o.githubRepoId ?? '',
          pattern: '([0-9]{1,20})?',
          constraint: 'Leave empty, or give the numeric id only (digits).',
        }),
      },
      rules: {
        SomethingMayDeploy: {
          Assertions: [
            {
              Assert: Fn.Or([notEmpty('DeployBranch'), notEmpty('ReleaseTagPattern'), notEmpty('GitHubEnvironment')]),
              AssertDescription: 'Nothing could deploy this stack: give DeployBranch, ReleaseTagPattern or GitHubEnvironment.',
            },
          ],
        },
        GitHubIdsComeTogether: {
          RuleCondition: Fn.Or([notEmpty('GitHubOwnerId'), notEmpty('GitHubRepoId')]),
          Assertions: [
            {
              Assert: Fn.And([notEmpty('GitHubOwnerId'), notEmpty('GitHubRepoId')]),
              AssertDescription: 'Immutable subject claims need both GitHubOwnerId and GitHubRepoId; give both or neither.',
            },
          ],
        },
      },
      conditions: {
        [HAS_RELEASE_TAGS]: notEmpty('ReleaseTagPattern'),
        [HAS_ENVIRONMENT]: notEmpty('GitHubEnvironment'),
        [HAS_IDS]: Fn.And([notEmpty('GitHubOwnerId'), notEmpty('GitHubRepoId')]),
        [HAS_DEPLOY_BRANCH]: notEmpty('DeployBranch'),
        [TRUSTS_BRANCH_OR_ENVIRONMENT]: Fn.Or([Fn.Condition(HAS_ENVIRONMENT), Fn.Condition(HAS_DEPLOY_BRANCH)]),
        [TRUSTS_RELEASE_TAGS]: Fn.And([Fn.Condition(HAS_RELEASE_TAGS), Fn.Not(Fn.Condition(HAS_ENVIRONMENT))]),
      },
      resources: { [DEPLOY_ROLE_ID]: role },
      outputs: {
        DeployRoleArn: {
          Description: 'Role for GitHub Actions: the repository variable AWS_ROLE_ARN (role-to-assume).',
          Value: roleArn,
        },
      },
    },
    roleArn,
  };
}
