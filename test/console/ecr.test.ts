import { ecrImages, type ImageRef, uniqueImages } from '../../src/aws/ecr';
import { UserError } from '../../src/errors';
import { main } from '../../src/cli/main';

/** A stand-in for @aws-sdk/client-ecr: the same class and command shapes, answering from memory. */
function fakeModule(images: ImageRef[], opts: { missingRepo?: boolean } = {}) {
  const calls: { command: string; input: unknown }[] = [];
  const configs: unknown[] = [];
  class ListImagesCommand {
    constructor(readonly input: { repositoryName: string; nextToken?: string; maxResults?: number }) {}
  }
  class BatchDeleteImageCommand {
    constructor(readonly input: { repositoryName: string; imageIds: ImageRef[] }) {}
  }
  class ECRClient {
    constructor(config: unknown) {
      configs.push(config);
    }
    send(command: ListImagesCommand | BatchDeleteImageCommand): Promise<unknown> {
      if (command instanceof ListImagesCommand) {
        calls.push({ command: 'ListImages', input: command.input });
        if (opts.missingRepo) {
          return Promise.reject(Object.assign(new Error('The repository does not exist'), { name: 'RepositoryNotFoundException' }));
        }
        const start = Number(command.input.nextToken ?? 0);
        const page = images.slice(start, start + 2);
        return Promise.resolve(start + 2 < images.length ? { imageIds: page, nextToken: String(start + 2) } : { imageIds: page });
      }
      calls.push({ command: 'BatchDeleteImage', input: command.input });
      return Promise.resolve({ imageIds: command.input.imageIds, failures: [] });
    }
    destroy(): void {
      calls.push({ command: 'destroy', input: undefined });
    }
  }
  return { mod: { ECRClient, ListImagesCommand, BatchDeleteImageCommand }, calls, configs };
}

describe('ECR images (the adapter over @aws-sdk/client-ecr)', () => {
  it('lists every page, and deletes each image once, 100 per call', async () => {
    const images = Array.from({ length: 150 }, (_, i) => ({ imageDigest: `sha256:${i}`, imageTag: `t${i}` }));
    const fake = fakeModule([...images, { imageDigest: 'sha256:0', imageTag: 'latest' }]);
    const ecr = await ecrImages({ region: 'eu-west-1', profile: 'p' }, () => Promise.resolve(fake.mod));
    const listed = await ecr.listImages('portfolio');
    expect(listed).toHaveLength(151);
    expect(fake.calls.filter((c) => c.command === 'ListImages')).toHaveLength(76);
    expect(await ecr.deleteImages('portfolio', listed)).toEqual({ deleted: 150, failures: [] });
    const batches = fake.calls.filter((c) => c.command === 'BatchDeleteImage').map((c) => (c.input as { imageIds: ImageRef[] }).imageIds.length);
    expect(batches).toEqual([100, 50]);
    ecr.close();
    expect(fake.configs).toEqual([{ region: 'eu-west-1', profile: 'p' }]);
    expect(fake.calls.at(-1)?.command).toBe('destroy');
  });

  it('treats a repository that is already gone as empty', async () => {
    const fake = fakeModule([], { missingRepo: true });
    const ecr = await ecrImages({ region: 'us-east-1' }, () => Promise.resolve(fake.mod));
    expect(await ecr.listImages('gone')).toEqual([]);
  });

  it('says which package to install when @aws-sdk/client-ecr is missing', async () => {
    await expect(ecrImages({}, () => Promise.reject(new Error("Cannot find module '@aws-sdk/client-ecr'")))).rejects.toThrow(
      new UserError(
        'Checking the ECR repository for images needs @aws-sdk/client-ecr, which is not installed: run "npm install @aws-sdk/client-ecr" in this project. Nothing was deleted.',
      ),
    );
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
    expect(await main(['destroy'], (l) => out.push(l), (l) => err.push(l))).toBe(2);
    expect(err[0]).toMatch(/^fargate-oidc destroy: --stack-name is required\.\n\nUsage: fargate-oidc destroy --stack-name NAME/);
    expect(await main(['destroy', '--stack-name', 'my_stack'], (l) => out.push(l), (l) => err.push(l))).toBe(2);
    expect(err[1]).toMatch(/a stack name starts with a letter/);
    expect(await main(['destroy', '--force'], (l) => out.push(l), (l) => err.push(l))).toBe(2);
    expect(err[2]).toMatch(/^fargate-oidc destroy: Unknown option '--force'/);
    expect(await main(['destroy', '--help'], (l) => out.push(l), (l) => err.push(l))).toBe(0);
    expect(out[0]).toContain('--delete-images');
  });
});
