/**
 * The ECR calls of `destroy`, behind a small interface so the flow can be tested with a fake:
 * list a repository's images (ListImages, every page) and delete them (BatchDeleteImage, at most
 * 100 per call). Every call goes through src/aws/call.ts with the destroy's context: retries,
 * Ctrl-C, deadline. BatchDeleteImage is retried after a lost answer too: deleting images already
 * gone is reported as a failure of those images, and destroy lists the repository again anyway.
 */
import { BatchDeleteImageCommand, ECRClient, type ImageIdentifier, ListImagesCommand } from '@aws-sdk/client-ecr';
import { awsCall, type CallContext } from './call';
import { type AwsTarget, commonConfig, requireAwsAnswers } from './clients';
import { errorName } from './errors';

/** An image as ListImages names it. */
export type ImageRef = Pick<ImageIdentifier, 'imageDigest' | 'imageTag'>;

/** What `destroy` does with ECR. */
export interface EcrImages {
  /** Every image of the repository (one entry per tag, untagged images once); [] when the repository is gone. */
  listImages(repositoryName: string): Promise<ImageRef[]>;
  /** Deletes the images; returns how many were deleted and the failures as readable lines. */
  deleteImages(repositoryName: string, images: readonly ImageRef[]): Promise<{ deleted: number; failures: string[] }>;
  /** Closes the client. */
  close(): void;
}

/** One image per digest (tags of the same image collapse); images without a digest kept by tag. */
export function uniqueImages(images: readonly ImageRef[]): ImageRef[] {
  const seen = new Set<string>();
  const result: ImageRef[] = [];
  for (const image of images) {
    const id = image.imageDigest ?? `tag:${image.imageTag ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(image.imageDigest ? { imageDigest: image.imageDigest } : image);
  }
  return result;
}

/** An ECR client for the target: the time limits, and no SDK retries (src/aws/call.ts retries). */
export function ecrClient(target: AwsTarget): ECRClient {
  return requireAwsAnswers(new ECRClient(commonConfig(target)));
}

/** {@link EcrImages} over an ECR client (closed by `close()`); its calls share `ctx`. */
export function ecrImages(client: ECRClient, ctx: CallContext): EcrImages {
  return {
    async listImages(repositoryName) {
      const images: ImageRef[] = [];
      let token: string | undefined;
      try {
        do {
          const page = await awsCall(
            ctx,
            `listing the images of ECR repository ${repositoryName} (ListImages)`,
            (abortSignal) =>
              client.send(new ListImagesCommand({ repositoryName, maxResults: 1000, ...(token ? { nextToken: token } : {}) }), {
                abortSignal,
              }),
            { passThrough: (e) => errorName(e) === 'RepositoryNotFoundException' },
          );
          images.push(...(page.imageIds ?? []));
          token = page.nextToken;
        } while (token);
      } catch (e) {
        if (errorName(e) === 'RepositoryNotFoundException') return [];
        throw e;
      }
      return images;
    },
    async deleteImages(repositoryName, images) {
      const ids = uniqueImages(images);
      let deleted = 0;
      const failures: string[] = [];
      for (let i = 0; i < ids.length; i += 100) {
        const batch = ids.slice(i, i + 100);
        const r = await awsCall(ctx, `deleting images of ECR repository ${repositoryName} (BatchDeleteImage)`, (abortSignal) =>
          client.send(new BatchDeleteImageCommand({ repositoryName, imageIds: batch }), { abortSignal }),
        );
        deleted += uniqueImages(r.imageIds ?? []).length;
        for (const f of r.failures ?? []) {
          failures.push(`${f.imageId?.imageDigest ?? f.imageId?.imageTag ?? '?'}: ${f.failureCode ?? ''} ${f.failureReason ?? ''}`.trim());
        }
      }
      return { deleted, failures };
    },
    close() {
      client.destroy();
    },
  };
}
