/**
 * The ECR calls of `destroy`, behind a small interface so the flow can be tested with a fake:
 * list a repository's images (ListImages, every page) and delete them (BatchDeleteImage, at most
 * 100 per call).
 */
import { BatchDeleteImageCommand, ECRClient, type ImageIdentifier, ListImagesCommand } from '@aws-sdk/client-ecr';
import { type AwsTarget, requestHandlerOptions } from './clients';
import { withContext } from './cloudformation';
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

/** An ECR client for the target. */
export function ecrClient(target: AwsTarget): ECRClient {
  return new ECRClient({
    ...(target.region ? { region: target.region } : {}),
    ...(target.profile ? { profile: target.profile } : {}),
    requestHandler: requestHandlerOptions(target.timeouts),
  });
}

/** {@link EcrImages} over an ECR client (closed by `close()`). */
export function ecrImages(client: ECRClient): EcrImages {
  return {
    async listImages(repositoryName) {
      const images: ImageRef[] = [];
      let token: string | undefined;
      try {
        do {
          const page = await withContext(`listing the images of ECR repository ${repositoryName} (ListImages)`, () =>
            client.send(new ListImagesCommand({ repositoryName, maxResults: 1000, ...(token ? { nextToken: token } : {}) })),
          );
          images.push(...(page.imageIds ?? []));
          token = page.nextToken;
        } while (token);
      } catch (e) {
        if (errorName((e as { cause?: unknown }).cause ?? e) === 'RepositoryNotFoundException') return [];
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
        const r = await withContext(`deleting images of ECR repository ${repositoryName} (BatchDeleteImage)`, () =>
          client.send(new BatchDeleteImageCommand({ repositoryName, imageIds: batch })),
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
