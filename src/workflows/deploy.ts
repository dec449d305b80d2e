/**
 * deploy.yml: on a push to the deploy branch or a release tag, build the image for the task's
 * architecture, push it (tagged with the commit SHA and the stack's ImageTag), and hand its
 * digest to the stack's deployer function, which registers the stack's task definition with
 * that image and rolls it out. The job then asks the deployer for the rollout's state until it
 * completes or fails; a failure prints why the task stopped. The GitHub role can push images and
 * invoke the deployer, nothing else: it never calls ECS itself. A stopped service (desired
 * count 0) stays stopped: the new revision is what runs at the next start.
 */
import type { Json } from '../template/cfn';
import { ACTIONS, uses } from './actions';
import { INVOKE_FUNCTION, POLL_SECONDS, PRINT_FAILURE, WAIT_MINUTES } from './deployer-script';
import { githubFilter, type WorkflowOptions } from './options';

/** Step ids other steps refer to. */
export const DEPLOY_STEPS = { login: 'ecr', build: 'build', deploy: 'deploy' } as const;

/** The deploy step: the deployer registers the revision and points the service at it. */
const DEPLOY_SCRIPT = [
  'set -euo pipefail',
  INVOKE_FUNCTION,
  'invoke "$(jq -cn --arg image "$DIGEST" \'{action: "deploy", image: $image}\')"',
  'jq . result.json',
  'echo "revision=$(jq -r .revision result.json)" >> "$GITHUB_OUTPUT"',
  'echo "image=$(jq -r .image result.json)" >> "$GITHUB_OUTPUT"',
  '',
].join('\n');

/** The wait: status until the newest deployment completes, fails, or the time limit passes. */
const WAIT_SCRIPT = [
  'set -euo pipefail',
  INVOKE_FUNCTION,
  PRINT_FAILURE,
  `deadline=$(( $(date +%s) + ${WAIT_MINUTES * 60} ))`,
  'while :; do',
  '  invoke \'{"action":"status"}\'',
  '  state=$(jq -r .rollout.state result.json)',
  '  if [ "$(jq -r .desiredCount result.json)" = "0" ]; then',
  '    echo "The service is stopped: revision $REVISION runs at the next start."',
  '    break',
  '  fi',
  // After a failed rollout ECS rolls back: the newest deployment is then another revision.
  '  if [ "$(jq -r .rollout.revision result.json)" != "$REVISION" ]; then',
  '    echo "::error::Revision $REVISION is not the newest deployment any more (revision $(jq -r .rollout.revision result.json) is): ECS rolled it back."',
  '    print_failure',
  '    exit 1',
  '  fi',
  '  if [ "$state" = COMPLETED ]; then echo "Revision $REVISION is rolled out."; break; fi',
  '  if [ "$state" = FAILED ]; then',
  '    echo "::error::The rollout of revision $REVISION failed: ECS rolled back to the previous revision."',
  '    print_failure',
  '    exit 1',
  '  fi',
  '  if [ "$(date +%s)" -ge "$deadline" ]; then',
  `    echo "::error::Revision $REVISION was not rolled out within ${WAIT_MINUTES} minutes (rollout $state)."`,
  '    print_failure',
  '    exit 1',
  '  fi',
  `  sleep ${POLL_SECONDS}`,
  'done',
  'url=$(jq -r .url result.json)',
  '{',
  '  echo "### Deployed revision $REVISION"',
  '  echo "- URL: ${url:-(none yet: the app is stopped, or starting)}"',
  '  echo "- Revision: $REVISION"',
  '  echo "- Image: \\`$IMAGE\\`"',
  '  echo "- Digest: \\`$DIGEST\\`"',
  '} >> "$GITHUB_STEP_SUMMARY"',
  '',
].join('\n');

export function deployWorkflow(o: WorkflowOptions): { [key: string]: Json } {
  const platform = o.cpuArchitecture === 'ARM64' ? 'linux/arm64' : 'linux/amd64';
  const repository = '${{ steps.ecr.outputs.registry }}/${{ env.ECR_REPOSITORY }}';
  // Also the stack's ImageTag: a stack update that registers the template's own task
  // definition (ImageTag) then runs the last deployed image instead of failing to pull.
  const tags = `${repository}:\${{ github.sha }}\n${repository}:\${{ env.IMAGE_TAG }}\n`;
  const push: { [key: string]: Json } = {};
  if (o.deployBranch !== '') push['branches'] = [githubFilter(o.deployBranch)];
  if (o.releaseTagPattern !== '') push['tags'] = [githubFilter(o.releaseTagPattern)];
  const digest = `\${{ steps.${DEPLOY_STEPS.build}.outputs.digest }}`;

  const job: { [key: string]: Json } = {
    'runs-on': 'ubuntu-latest',
    'timeout-minutes': 45,
  };
  if (o.githubEnvironment !== '') job['environment'] = o.githubEnvironment;
  job['steps'] = [
    { uses: uses(ACTIONS.checkout), with: { 'persist-credentials': false } },
    {
      name: 'Configure AWS credentials (OIDC)',
      uses: uses(ACTIONS.configureAwsCredentials),
      with: { 'role-to-assume': `\${{ vars.${o.roleVariable} }}`, 'aws-region': '${{ env.AWS_REGION }}' },
    },
    { name: 'Log in to Amazon ECR', id: DEPLOY_STEPS.login, uses: uses(ACTIONS.ecrLogin) },
    ...(o.cpuArchitecture === 'ARM64' ? [{ name: 'Set up QEMU (ARM64 builds)', uses: uses(ACTIONS.setupQemu) }] : []),
    { name: 'Set up Docker Buildx', uses: uses(ACTIONS.setupBuildx) },
    {
      name: `Build and push the image (${platform})`,
      id: DEPLOY_STEPS.build,
      uses: uses(ACTIONS.buildPush),
      with: { context: '.', platforms: platform, push: true, provenance: false, tags },
    },
    {
      // The digest, not a tag: the revision runs exactly the image this job built.
      name: "Deploy the image by digest (the stack's deployer function)",
      id: DEPLOY_STEPS.deploy,
      env: { DIGEST: digest },
      run: DEPLOY_SCRIPT,
    },
    {
      name: 'Wait for the rollout',
      env: {
        DIGEST: digest,
        REVISION: `\${{ steps.${DEPLOY_STEPS.deploy}.outputs.revision }}`,
        IMAGE: `\${{ steps.${DEPLOY_STEPS.deploy}.outputs.image }}`,
      },
      run: WAIT_SCRIPT,
    },
  ];

  return {
    name: o.environmentName === '' ? 'Deploy' : `Deploy (${o.environmentName})`,
    on: { push, workflow_dispatch: {} },
    permissions: { 'id-token': 'write', contents: 'read' },
    // One deploy at a time per app: a running rollout is never cancelled; of the pushes that
    // wait, only the newest runs. start-stop.yml has a group of its own, so a queued stop is
    // never dropped in favour of a deploy.
    concurrency: { group: `deploy-${o.appName}`, 'cancel-in-progress': false },
    env: workflowEnv(o),
    jobs: { deploy: job },
  };
}

/** The stack's names, as the workflows' environment (the same values as the stack outputs). */
export function workflowEnv(o: WorkflowOptions): { [key: string]: Json } {
  return {
    AWS_REGION: o.region === '' ? '${{ vars.AWS_REGION }}' : o.region,
    ECR_REPOSITORY: o.appName,
    DEPLOYER_FUNCTION: `${o.appName}-deployer`,
    IMAGE_TAG: o.imageTag,
  };
}
