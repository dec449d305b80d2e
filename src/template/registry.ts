/**
 * The ECR repository the deploy workflow pushes to: scanned on push, and a lifecycle policy
 * that keeps only the newest images, so storage (billed per GB-month beyond the Free Tier's
 * 500 MB) stays small.
 */
import Repository from 'cloudform-types/types/ecr/repository';
import { Fn, type IntrinsicFunction } from './cfn';
import { STORAGE_GROUP } from './console-groups';
import type { Fragment } from './fragment';
import { grant, type Grant, type Grantee } from './grants';
import { numberParam } from './parameters';

export const REPOSITORY_ID = 'Repository';
export const IMAGES_TO_KEEP_PARAM = 'ImagesToKeep';

/** Options of the registry module. */
export interface RegistryOptions {
  /** Default for `ImagesToKeep`: how many images the lifecycle policy keeps (1-1000). Default 5. */
  imagesToKeep?: number;
}

/** What other modules use of the repository. */
export interface Registry {
  fragment: Fragment;
  repositoryArn: IntrinsicFunction;
  repositoryUri: IntrinsicFunction;
  /**
   * The repository's dual-stack address, `<account>.dkr-ecr.<region>.on.aws/<name>` (ECR's
   * dual-stack endpoints, reachable over IPv6): what an IPv6-only task pulls from.
   */
  dualStackRepositoryUri: IntrinsicFunction;
  /** `docker login` to ECR: GetAuthorizationToken has no resource-level permission. */
  grantLogin(to: Grantee): Grant[];
  /**
   * Push and pull images of this repository only: what `docker push` and `docker pull` call.
   * The source design's DescribeRepositories and ListImages are left out: no workflow uses
   * them (`npm run verify:iam` fails on a grant no workflow call needs).
   */
  grantPushPull(to: Grantee): Grant[];
  /** Read an image's details in this repository (the deployer resolves a tag to its digest). */
  grantDescribeImages(to: Grantee): Grant[];
}

/**
 * Lifecycle rules, as ECR wants them: a JSON string. Untagged layers left by re-pushed tags
 * expire after a day; of the rest, the newest `ImagesToKeep` stay. Rule priorities: the
 * `any` rule must come last.
 */
const LIFECYCLE_POLICY = JSON.stringify({
  rules: [
    {
      rulePriority: 1,
      description: 'Expire untagged images after one day',
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 },
      action: { type: 'expire' },
    },
    {
      rulePriority: 2,
      description: 'Keep only the newest images',
      selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 999999 },
      action: { type: 'expire' },
    },
  ],
}).replace('999999', `\${${IMAGES_TO_KEEP_PARAM}}`);

export function registry(o: RegistryOptions = {}): Registry {
  const repository = new Repository({
    RepositoryName: Fn.Ref('AppName'),
    ImageScanningConfiguration: { ScanOnPush: true },
    // MUTABLE so a re-run deploy of the same commit can push its tag again; the workflows
    // deploy by commit-sha tag, never by a moving tag.
    ImageTagMutability: 'MUTABLE',
    LifecyclePolicy: { LifecyclePolicyText: Fn.Sub(LIFECYCLE_POLICY) },
  });
  // No EmptyOnDelete: deleting the stack never deletes images silently. CloudFormation stops
  // with "repository is not empty" and the images stay until someone removes them on purpose.

  const repositoryArn = Fn.GetAtt(REPOSITORY_ID, 'Arn');
  const repositoryUri = Fn.GetAtt(REPOSITORY_ID, 'RepositoryUri');
  const dualStackRepositoryUri = Fn.Sub(`\${AWS::AccountId}.dkr-ecr.\${AWS::Region}.on.aws/\${${REPOSITORY_ID}}`);

  return {
    fragment: {
      parameters: {
        [IMAGES_TO_KEEP_PARAM]: numberParam({
          label: 'Images to keep',
          group: STORAGE_GROUP,
          description: 'Images the repository keeps; older ones are deleted (ECR: $0.10 per GB-month).',
          default: o.imagesToKeep ?? 5,
          minValue: 1,
          maxValue: 1000,
          constraint: 'Must be a whole number from 1 to 1000.',
        }),
      },
      resources: { [REPOSITORY_ID]: repository },
      outputs: {
        RepositoryUri: {
          Description: 'ECR repository URI (docker push <uri>:<tag>).',
          Value: repositoryUri,
        },
        RepositoryName: {
          Description: 'ECR repository name (ECR_REPOSITORY in the deploy workflow).',
          Value: Fn.Ref(REPOSITORY_ID),
        },
      },
    },
    repositoryArn,
    repositoryUri,
    dualStackRepositoryUri,
    grantLogin: (to) =>
      grant(to, {
        Sid: 'EcrLogin',
        Effect: 'Allow',
        Action: 'ecr:GetAuthorizationToken',
        Resource: '*',
      }),
    grantPushPull: (to) =>
      grant(to, {
        Sid: 'EcrPushPullThisRepository',
        Effect: 'Allow',
        Action: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:BatchGetImage',
          'ecr:CompleteLayerUpload',
          'ecr:GetDownloadUrlForLayer',
          'ecr:InitiateLayerUpload',
          'ecr:PutImage',
          'ecr:UploadLayerPart',
        ],
        Resource: repositoryArn,
      }),
    grantDescribeImages: (to) =>
      grant(to, {
        Sid: 'EcrDescribeImagesOfThisRepository',
        Effect: 'Allow',
        Action: 'ecr:DescribeImages',
        Resource: repositoryArn,
      }),
  };
}
