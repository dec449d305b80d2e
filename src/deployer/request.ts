/**
 * What the deployer accepts, checked before any AWS call. A request is exactly one of
 *   {"action":"deploy","image":"<tag or sha256:digest>"}
 *   {"action":"start"} | {"action":"stop"} | {"action":"status"}
 * and anything else is refused: an unknown action, a field the action does not take, an image
 * given as an address (another registry or repository, or this one's: only a tag or a digest
 * of this stack's repository is taken).
 */

/** The deployer's actions. */
export const ACTIONS = ['deploy', 'start', 'stop', 'status'] as const;
export type Action = (typeof ACTIONS)[number];

/** A checked request. */
export type DeployerRequest = { action: 'deploy'; image: ImageRef } | { action: 'start' } | { action: 'stop' } | { action: 'status' };

/** An image of this stack's repository, by tag or by digest. */
export type ImageRef = { tag: string } | { digest: string };

/** The request is refused; nothing was called. */
export class RefusedRequestError extends Error {
  constructor(problem: string) {
    super(`Refused: ${problem}`);
    this.name = 'RefusedRequest';
  }
}

/** ECR's image tag: up to 128 letters, digits, `_ . -`, not starting with `.` or `-`. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** An OCI digest as ECR gives it. */
const DIGEST = /^sha256:[a-f0-9]{64}$/;

const FIELDS: Readonly<Record<Action, readonly string[]>> = {
  deploy: ['action', 'image'],
  start: ['action'],
  stop: ['action'],
  status: ['action'],
};

/** Checks an invocation's payload; throws {@link RefusedRequestError} naming the problem and the fix. */
export function parseRequest(event: unknown): DeployerRequest {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new RefusedRequestError(
      `the payload must be a JSON object such as {"action":"status"}, not ${JSON.stringify(event) ?? String(event)}.`,
    );
  }
  const fields = event as Record<string, unknown>;
  const action = fields['action'];
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
    throw new RefusedRequestError(`unknown action ${JSON.stringify(action) ?? 'undefined'}: give one of ${ACTIONS.join(', ')}.`);
  }
  const allowed = FIELDS[action as Action];
  const extra = Object.keys(fields).filter((k) => !allowed.includes(k));
  if (extra.length > 0) {
    throw new RefusedRequestError(`${action} takes only ${allowed.join(' and ')}; remove ${extra.join(', ')}.`);
  }
  if (action !== 'deploy') return { action } as DeployerRequest;
  return { action, image: parseImage(fields['image']) };
}

/** A tag or a digest of this stack's repository; an address of any repository is refused. */
export function parseImage(image: unknown): ImageRef {
  if (typeof image !== 'string' || image === '') {
    throw new RefusedRequestError('deploy needs "image": a tag or a digest (sha256:...) of an image in this stack\'s repository.');
  }
  if (DIGEST.test(image)) return { digest: image };
  if (TAG.test(image)) return { tag: image };
  if (/[/@]/.test(image) || image.includes(':')) {
    throw new RefusedRequestError(
      `"${image}" is an image address; deploy takes only a tag or a digest (sha256:...) of an image in this stack's repository, ` +
        'and never an image from another repository or registry.',
    );
  }
  throw new RefusedRequestError(
    `"${image}" is neither an image tag (up to 128 letters, digits, _ . -) nor a digest (sha256: and 64 hex digits).`,
  );
}
