/**
 * The ECR calls of `destroy`, behind a small interface so the flow is tested with a fake:
 * list a repository's images (ListImages, every page) and delete them (BatchDeleteImage, 100 at
 * a time).
 *
 * The real implementation loads `@aws-sdk/client-ecr` at run time. It is not a dependency yet:
 * without it, {@link ecrImages} throws a UserError saying what to install, and nothing is deleted.
 */
import { errorName } from './errors';
import { withContext } from './cloudformation';
import type { AwsTarget } from './clients';
import { UserError } from '../errors';

/** An image as ListImages names it. */
export interface ImageRef {
  imageDigest?: string;
  imageTag?: string;
}

/** What `destroy` does with ECR. */
export interface EcrImages {
  /** Every image of the repository (one entry per tag, untagged images once); [] when the repository is gone. */
  listImages(repositoryName: string): Promise<ImageRef[]>;
  /** Deletes the images; returns how many were deleted and the failures as readable lines. */
  deleteImages(repositoryName: string, images: readonly ImageRef[]): Promise<{ deleted: number; failures: string[] }>;
  /** Closes the client. */
  close(): void;
}

/** The parts of @aws-sdk/client-ecr used here. */
interface EcrModule {
  ECRClient: new (config: { region?: string; profile?: string }) => { send(command: unknown): Promise<unknown>; destroy(): void };
  ListImagesCommand: new (input: { repositoryName: string; nextToken?: string; maxResults?: number }) => unknown;
  BatchDeleteImageCommand: new (input: { repositoryName: string; imageIds: ImageRef[] }) => unknown;
}

interface ListImagesOutput {
  imageIds?: ImageRef[];
  nextToken?: string;
}

interface BatchDeleteImageOutput {
  imageIds?: ImageRef[];
  failures?: { imageId?: ImageRef; failureCode?: string; failureReason?: string }[];
}

/** The package that provides ECR calls. */
export const ECR_PACKAGE = '@aws-sdk/client-ecr';

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

/** ECR for the target, or a UserError naming the package to install. */
export async function ecrImages(target: AwsTarget, load: (name: string) => Promise<unknown> = (name) => import(name)): Promise<EcrImages> {
  let mod: EcrModule;
  try {
    mod = (await load(ECR_PACKAGE)) as EcrModule;
  } catch {
    throw new UserError(
      `Checking the ECR repository for images needs ${ECR_PACKAGE}, which is not installed: run "npm install ${ECR_PACKAGE}" ` +
        'in this project. Nothing was deleted.',
    );
  }
  const client = new mod.ECRClient({
    ...(target.region ? { region: target.region } : {}),
    ...(target.profile ? { profile: target.profile } : {}),
  });
  return {
    async listImages(repositoryName) {
      const images: ImageRef[] = [];
      let token: string | undefined;
      try {
        do {
          const page = (await withContext(`listing the images of ECR repository ${repositoryName} (ListImages)`, () =>
            client.send(new mod.ListImagesCommand({ repositoryName, maxResults: 1000, ...(token ? { nextToken: token } : {}) })),
          )) as ListImagesOutput;
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
        const r = (await withContext(`deleting images of ECR repository ${repositoryName} (BatchDeleteImage)`, () =>
          client.send(new mod.BatchDeleteImageCommand({ repositoryName, imageIds: batch })),
        )) as BatchDeleteImageOutput;
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
