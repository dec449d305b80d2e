/**
 * deploy.yml: on a push to the deploy branch or a release tag, build the image for the task's
 * architecture, push it tagged with the commit SHA, register a task definition revision that
 * uses it, and point the service at it. A stopped service (desired count 0) stays stopped: the
 * new revision is what runs at the next start, and the job waits for stability only when the
 * service is running.
 */
import type { Json } from '../template/cfn';
import { ACTIONS, uses } from './actions';
import { githubFilter, type WorkflowOptions } from './options';

/** Step ids other steps refer to. */
export const DEPLOY_STEPS = { login: 'ecr', taskDefinition: 'taskdef', render: 'render', service: 'service' } as const;

export function deployWorkflow(o: WorkflowOptions): { [key: string]: Json } {
  const platform = o.cpuArchitecture === 'ARM64' ? 'linux/arm64' : 'linux/amd64';
  const repository = '${{ steps.ecr.outputs.registry }}/${{ env.ECR_REPOSITORY }}';
  const image = `${repository}:\${{ github.sha }}`;
  // Also the stack's ImageTag: a stack update that registers the template's own task
  // definition (ImageTag) then runs the last deployed image instead of failing to pull.
  const tags = `${image}\n${repository}:\${{ env.IMAGE_TAG }}\n`;
  const push: { [key: string]: Json } = {};
  if (o.deployBranch !== '') push['branches'] = [githubFilter(o.deployBranch)];
  if (o.releaseTagPattern !== '') push['tags'] = [githubFilter(o.releaseTagPattern)];

  const describe = 'aws ecs describe-task-definition --task-definition "$TASK_FAMILY" --query taskDefinition --output json';
  const taskDefinitionScript = o.propagateTags
    ? // The stack tags task definitions app=<AppName>; keep the tag on new revisions
      // (registering with tags is what ecs:TagResource with ecs:CreateAction allows).
      `${describe} \\\n  | jq --arg app "$ECR_REPOSITORY" '. + {tags: [{key: "app", value: $app}]}' > task-definition.json\n`
    : `${describe} > task-definition.json\n`;

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
      uses: uses(ACTIONS.buildPush),
      with: { context: '.', platforms: platform, push: true, provenance: false, tags },
    },
    { name: 'Download the current task definition', id: DEPLOY_STEPS.taskDefinition, run: taskDefinitionScript },
    {
      name: 'Put the new image into the task definition',
      id: DEPLOY_STEPS.render,
      uses: uses(ACTIONS.renderTaskDefinition),
      with: { 'task-definition': 'task-definition.json', 'container-name': '${{ env.CONTAINER_NAME }}', image },
    },
    {
      name: 'Is the service running?',
      id: DEPLOY_STEPS.service,
      run:
        'count=$(aws ecs describe-services --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE" \\\n' +
        "  --query 'services[0].desiredCount' --output text)\n" +
        'echo "desired-count=$count" >> "$GITHUB_OUTPUT"\n' +
        'if [ "$count" = "0" ]; then\n' +
        '  echo "The service is stopped: the new revision runs at the next start." >> "$GITHUB_STEP_SUMMARY"\n' +
        'fi\n',
    },
    {
      // No desired-count input: the action leaves the count as it is, so a stopped service
      // stays stopped (a deploy never starts billing).
      name: 'Deploy the new revision',
      uses: uses(ACTIONS.deployTaskDefinition),
      with: {
        'task-definition': '${{ steps.render.outputs.task-definition }}',
        cluster: '${{ env.ECS_CLUSTER }}',
        service: '${{ env.ECS_SERVICE }}',
        'wait-for-service-stability': "${{ steps.service.outputs.desired-count != '0' }}",
      },
    },
    {
      name: 'Summary',
      run: `echo "Deployed ${image} to $ECS_CLUSTER/$ECS_SERVICE" >> "$GITHUB_STEP_SUMMARY"\n`,
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
    ECS_CLUSTER: o.appName,
    ECS_SERVICE: o.appName,
    TASK_FAMILY: o.appName,
    CONTAINER_NAME: 'app',
    IMAGE_TAG: o.imageTag,
  };
}
