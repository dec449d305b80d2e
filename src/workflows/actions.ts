/**
 * The third-party actions the generated workflows use, pinned to a major version that runs on
 * Node 24. GitHub forces Node 20 actions onto Node 24 since 2 June 2026 and removed Node 20 on
 * 16 September 2026; older majors of some of these (configure-aws-credentials v5) hang there.
 * Sources: the actions' "Node 24 support" issues and releases (amazon-ecr-login v2.1.2,
 * configure-aws-credentials v6, checkout v5, setup-qemu v4, setup-buildx v4, build-push v7).
 *
 * A major tag moves; a commit SHA does not. We cannot resolve SHAs without network access at
 * build time, so the files carry the tag; `pinact run` (or Dependabot) rewrites `@v6` to
 * `@<sha> # v6.x.y` in one command.
 */
export interface PinnedAction {
  /** `owner/repo`. */
  uses: string;
  /** The ref the workflow uses. */
  ref: string;
}

export const ACTIONS = {
  checkout: { uses: 'actions/checkout', ref: 'v5' },
  configureAwsCredentials: { uses: 'aws-actions/configure-aws-credentials', ref: 'v6' },
  ecrLogin: { uses: 'aws-actions/amazon-ecr-login', ref: 'v2' },
  setupQemu: { uses: 'docker/setup-qemu-action', ref: 'v4' },
  setupBuildx: { uses: 'docker/setup-buildx-action', ref: 'v4' },
  buildPush: { uses: 'docker/build-push-action', ref: 'v7' },
} as const satisfies Record<string, PinnedAction>;

/** `owner/repo@ref`, as a workflow step's `uses`. */
export function uses(action: PinnedAction): string {
  return `${action.uses}@${action.ref}`;
}
