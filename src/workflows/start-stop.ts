/**
 * start-stop.yml: run by hand (workflow_dispatch, action start or stop), and optionally on a
 * nightly schedule that stops the app (off by default: people forget it is on, and forget it
 * is scheduled). Start sets the desired count to 1, waits for the task and writes its public
 * URL to the job summary; stop sets it to 0 and confirms nothing runs any more.
 */
import type { Json } from '../template/cfn';
import { ACTIONS, uses } from './actions';
import { workflowEnv } from './deploy';
import type { WorkflowOptions } from './options';

export function startStopWorkflow(o: WorkflowOptions): { [key: string]: Json } {
  const on: { [key: string]: Json } = {
    workflow_dispatch: {
      inputs: {
        action: {
          description: 'start (1 task, billed while it runs) or stop (0 tasks, nothing billed)',
          type: 'choice',
          options: ['start', 'stop'],
          required: true,
          default: 'start',
        },
      },
    },
  };
  if (o.nightlyStop !== '') on['schedule'] = [{ cron: o.nightlyStop }];

  const script = [
    'set -euo pipefail',
    'if [ "$ACTION" = start ]; then count=1; else count=0; fi',
    'aws ecs update-service --cluster "$ECS_CLUSTER" --service "$ECS_SERVICE" --desired-count "$count" > /dev/null',
    'echo "Waiting for $ECS_SERVICE to settle at $count task(s)..."',
    'aws ecs wait services-stable --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE"',
    'if [ "$ACTION" = start ]; then',
    '  task=$(aws ecs list-tasks --cluster "$ECS_CLUSTER" --service-name "$ECS_SERVICE" \\',
    "    --desired-status RUNNING --query 'taskArns[0]' --output text)",
    '  if [ -z "$task" ] || [ "$task" = "None" ]; then',
    '    echo "::error::No running task: the service did not start. Its latest events:"',
    "    aws ecs describe-services --cluster \"$ECS_CLUSTER\" --services \"$ECS_SERVICE\" --query 'services[0].events[:5].message' --output text",
    '    exit 1',
    '  fi',
    '  eni=$(aws ecs describe-tasks --cluster "$ECS_CLUSTER" --tasks "$task" \\',
    "    --query \"tasks[0].attachments[0].details[?name=='networkInterfaceId'].value\" --output text)",
    '  ip=$(aws ec2 describe-network-interfaces --network-interface-ids "$eni" \\',
    "    --query 'NetworkInterfaces[0].Association.PublicIp' --output text)",
    '  echo "### Running at http://$ip:$APP_PORT" >> "$GITHUB_STEP_SUMMARY"',
    '  echo "The address changes at every start (no load balancer). Stop the app when done." >> "$GITHUB_STEP_SUMMARY"',
    'else',
    "  running=$(aws ecs describe-clusters --clusters \"$ECS_CLUSTER\" --query 'clusters[0].runningTasksCount' --output text)",
    '  echo "### Stopped: $running task(s) running in $ECS_CLUSTER" >> "$GITHUB_STEP_SUMMARY"',
    '  [ "$running" = "0" ] || { echo "::error::$running task(s) still run in $ECS_CLUSTER"; exit 1; }',
    'fi',
    '',
  ].join('\n');

  return {
    name: o.environmentName === '' ? 'Start or stop the app' : `Start or stop the app (${o.environmentName})`,
    on,
    permissions: { 'id-token': 'write', contents: 'read' },
    // Its own group: a stop queued behind a start is never dropped for a newer deploy.
    concurrency: { group: `start-stop-${o.appName}`, 'cancel-in-progress': false },
    env: { ...workflowEnv(o), APP_PORT: String(o.containerPort) },
    jobs: {
      'start-stop': {
        'runs-on': 'ubuntu-latest',
        'timeout-minutes': 20,
        ...(o.githubEnvironment !== '' ? { environment: o.githubEnvironment } : {}),
        steps: [
          {
            name: 'Configure AWS credentials (OIDC)',
            uses: uses(ACTIONS.configureAwsCredentials),
            with: { 'role-to-assume': `\${{ vars.${o.roleVariable} }}`, 'aws-region': '${{ env.AWS_REGION }}' },
          },
          {
            name: '${{ inputs.action || \'stop\' }} the service',
            // A scheduled run has no inputs: it stops.
            env: { ACTION: "${{ inputs.action || 'stop' }}" },
            run: script,
          },
        ],
      },
    },
  };
}
