/**
 * The image address a task definition names: this stack's repository, pinned by digest, in
 * the form the task's network reaches ECR by (see {@link ImageAddressForm}).
 */
import type { DeployerConfig, ImageAddressForm } from './config';

/** `<registry host>/<repo>@<digest>` for `form`. */
export function imageAddress(config: Pick<DeployerConfig, 'repositoryUri'>, digest: string, form: ImageAddressForm): string {
  return `${repositoryAddress(config.repositoryUri, form)}@${digest}`;
}

/**
 * The repository in `form`: the URI as ECR gives it (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>`),
 * or ECR's dual-stack host `<account>.dkr-ecr.<region>.on.aws/<repo>`.
 */
export function repositoryAddress(repositoryUri: string, form: ImageAddressForm): string {
  if (form === 'ipv4') return repositoryUri;
  const match = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/(.+)$/.exec(repositoryUri);
  // Only the aws partition's form is documented (the IPv6-only announcement); other partitions stay refused.
  if (!match)
    throw new Error(
      `REPOSITORY_URI "${repositoryUri}" is not an ECR repository URI of the aws partition (<account>.dkr.ecr.<region>.amazonaws.com/<repo>): no dual-stack form is known for it`,
    );
  return `${match[1]}.dkr-ecr.${match[2]}.on.aws/${match[3]}`;
}
