/**
 * `destroy --delete-images` with the real ECR client (src/aws/ecr.ts) against a local endpoint
 * (test/fake-rest.ts); CloudFormation is the fake of destroy-fake.ts. Ctrl-C ends a ListImages
 * or BatchDeleteImage that hangs (exit 130, the stack not deleted), and throttling is retried by
 * the one policy of src/aws/call.ts with one line per retry. jest's own timeout only guards
 * against a hang, the defect tested.
 */
import { DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { ecrClient, ecrImages } from '../../src/aws/ecr';
import { destroy, DESTROY_EXIT } from '../../src/stack/destroy';
import { type Answer, type FakeRest, jsonAnswer, pointSdkAt, startFakeRest } from '../fake-rest';
import { fakeDestroy } from './destroy-fake';

jest.setTimeout(20_000);

let fake: FakeRest | undefined;
let restoreEnv: (() => void) | undefined;

afterEach(async () => {
  restoreEnv?.();
  restoreEnv = undefined;
  await fake?.close();
  fake = undefined;
});

const LIST = 'POST AmazonEC2ContainerRegistry_V20150921.ListImages';
const DELETE = 'POST AmazonEC2ContainerRegistry_V20150921.BatchDeleteImage';

/** A stack with one repository, `portfolio`, holding one image; ECR at the fake endpoint. */
async function setUp(answer: (request: string) => Answer) {
  fake = await startFakeRest(answer);
  restoreEnv = pointSdkAt(fake.endpoint);
  const f = fakeDestroy({
    status: 'CREATE_COMPLETE',
    resources: [
      {
        LogicalResourceId: 'Repository',
        PhysicalResourceId: 'portfolio',
        ResourceType: 'AWS::ECR::Repository',
        ResourceStatus: 'CREATE_COMPLETE',
        LastUpdatedTimestamp: new Date(),
      },
    ],
    events: [{ at: 1000, id: 'web', type: 'AWS::CloudFormation::Stack', status: 'DELETE_COMPLETE' }],
  });
  const ctrlC = new AbortController();
  f.deps.interrupt = ctrlC.signal;
  f.deps.random = () => 0.5;
  f.deps.ecr = (region, ctx) => Promise.resolve(ecrImages(ecrClient({ region, timeouts: { connectMs: 1000, responseMs: 600_000 } }), ctx));
  return { f, ctrlC };
}

describe('destroy --delete-images: ECR calls with Ctrl-C and retries over real HTTP', () => {
  it('Ctrl-C while ListImages hangs: exit 130, the stack not deleted', async () => {
    const { f, ctrlC } = await setUp(() => undefined);
    const running = destroy({ stackName: 'web', yes: true, deleteImages: true }, f.deps);
    expect(await fake!.nextHang()).toBe(LIST);
    ctrlC.abort();
    expect(await running).toBe(DESTROY_EXIT.interrupted);
    expect(f.lines).toContain('Interrupted (Ctrl-C) before deleting: stack web was not deleted.');
    expect(f.mock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('Ctrl-C while BatchDeleteImage hangs: exit 130, the stack not deleted', async () => {
    const { f, ctrlC } = await setUp((r) =>
      r === LIST ? jsonAnswer(200, { imageIds: [{ imageDigest: 'sha256:aaa', imageTag: 'v1' }] }) : undefined,
    );
    const running = destroy({ stackName: 'web', yes: true, deleteImages: true }, f.deps);
    expect(await fake!.nextHang()).toBe(DELETE);
    ctrlC.abort();
    expect(await running).toBe(DESTROY_EXIT.interrupted);
    expect(f.mock.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('ListImages throttled twice, then answered: one line per retry, images deleted, stack deleted', async () => {
    let throttles = 2;
    let deleted = false;
    const { f } = await setUp((r) => {
      if (r === DELETE) {
        deleted = true;
        return jsonAnswer(200, { imageIds: [{ imageDigest: 'sha256:aaa' }], failures: [] });
      }
      if (throttles-- > 0) return jsonAnswer(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
      return jsonAnswer(200, { imageIds: deleted ? [] : [{ imageDigest: 'sha256:aaa', imageTag: 'v1' }] });
    });
    expect(await destroy({ stackName: 'web', yes: true, deleteImages: true }, f.deps)).toBe(DESTROY_EXIT.ok);
    expect(f.lines.filter((l) => l.includes('(ListImages): throttled; retry'))).toEqual([
      '(listing the images of ECR repository portfolio (ListImages): throttled; retry 1 in 0.5s)',
      '(listing the images of ECR repository portfolio (ListImages): throttled; retry 2 in 1.0s)',
    ]);
    expect(f.lines).toContain('Deleted 1 image from ECR repository portfolio.');
    expect(f.mock.commandCalls(DeleteStackCommand)).toHaveLength(1);
  });
});
