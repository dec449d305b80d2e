import { BatchDeleteImageCommand, ECRClient, ListImagesCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import type { CallContext } from '../../src/aws/call';
import { ecrClient, ecrImages, uniqueImages } from '../../src/aws/ecr';
import { AwsSetupError } from '../../src/errors';
import { main } from '../../src/cli/main';

const ecrMock = mockClient(ECRClient);
const client = (): ECRClient => new ECRClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

/** No retries are needed here: a context with no deadline and no Ctrl-C. */
const ctx: CallContext = { sleep: () => Promise.resolve(), now: () => new Date(0) };

beforeEach(() => ecrMock.reset());

describe('ECR images', () => {
  it('lists every page, and deletes each image once, 100 per call', async () => {
    const images = Array.from({ length: 150 }, (_, i) => ({ imageDigest: `sha256:${i}`, imageTag: `t${i}` }));
    const all = [...images, { imageDigest: 'sha256:0', imageTag: 'latest' }];
    ecrMock.on(ListImagesCommand).callsFake((input: { nextToken?: string }) => {
      const start = Number(input.nextToken ?? 0);
      const page = all.slice(start, start + 100);
      return start + 100 < all.length ? { imageIds: page, nextToken: String(start + 100) } : { imageIds: page };
    });
    ecrMock.on(BatchDeleteImageCommand).callsFake((input: { imageIds: unknown[] }) => ({ imageIds: input.imageIds, failures: [] }));
    const ecr = ecrImages(client(), ctx);
    const listed = await ecr.listImages('portfolio');
    expect(listed).toHaveLength(151);
    expect(ecrMock.commandCalls(ListImagesCommand).map((c) => c.args[0].input)).toEqual([
      { repositoryName: 'portfolio', maxResults: 1000 },
      { repositoryName: 'portfolio', maxResults: 1000, nextToken: '100' },
    ]);
    expect(await ecr.deleteImages('portfolio', listed)).toEqual({ deleted: 150, failures: [] });
    const batches = ecrMock.commandCalls(BatchDeleteImageCommand).map((c) => c.args[0].input.imageIds?.length);
    expect(batches).toEqual([100, 50]);
    expect(ecrMock.commandCalls(BatchDeleteImageCommand)[0]?.args[0].input.imageIds?.[0]).toEqual({ imageDigest: 'sha256:0' });
    ecr.close();
  });

  it('reports images that could not be deleted', async () => {
    ecrMock.on(BatchDeleteImageCommand).resolves({
      imageIds: [],
      failures: [
        { imageId: { imageDigest: 'sha256:a' }, failureCode: 'ImageReferencedByManifestList', failureReason: 'Referenced by an index' },
      ],
    });
    expect(await ecrImages(client(), ctx).deleteImages('r', [{ imageDigest: 'sha256:a' }])).toEqual({
      deleted: 0,
      failures: ['sha256:a: ImageReferencedByManifestList Referenced by an index'],
    });
  });

  it('treats a repository that is already gone as empty; access denied is a setup error naming the call', async () => {
    ecrMock
      .on(ListImagesCommand)
      .rejects(Object.assign(new Error('The repository does not exist'), { name: 'RepositoryNotFoundException' }));
    expect(await ecrImages(client(), ctx).listImages('gone')).toEqual([]);
    ecrMock.reset();
    ecrMock
      .on(ListImagesCommand)
      .rejects(Object.assign(new Error('not authorized to perform: ecr:ListImages'), { name: 'AccessDeniedException' }));
    const p = ecrImages(client(), ctx).listImages('locked');
    await expect(p).rejects.toBeInstanceOf(AwsSetupError);
    await expect(p).rejects.toThrow(
      'Access denied while listing the images of ECR repository locked (ListImages): not authorized to perform: ecr:ListImages',
    );
  });

  it('makes the client for the target region, and no SDK retries of its own (src/aws/call.ts retries)', async () => {
    const c = ecrClient({ region: 'ap-south-1' });
    expect(await c.config.region()).toBe('ap-south-1');
    expect(await c.config.maxAttempts()).toBe(1);
  });

  it('collapses the tags of one image to its digest', () => {
    expect(uniqueImages([{ imageDigest: 'a', imageTag: 'x' }, { imageDigest: 'a', imageTag: 'y' }, { imageTag: 'z' }])).toEqual([
      { imageDigest: 'a' },
      { imageTag: 'z' },
    ]);
  });
});

describe('fargate-oidc destroy (command line)', () => {
  it('requires --stack-name, checks it, and prints its help', async () => {
    const err: string[] = [];
    const out: string[] = [];
    expect(
      await main(
        ['destroy'],
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err[0]).toBe('fargate-oidc destroy: --stack-name (or --env) is required. Run "fargate-oidc destroy --help" for its options.');
    expect(
      await main(
        ['destroy', '--stack-name', 'my_stack'],
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err[1]).toMatch(/a stack name starts with a letter/);
    expect(
      await main(
        ['destroy', '--force'],
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err[2]).toBe('fargate-oidc destroy: unknown option --force. Run "fargate-oidc destroy --help" for its options.');
    expect(
      await main(
        ['destroy', '--help'],
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(0);
    expect(out[0]).toContain('--delete-images');
  });
});
