/**
 * start-stop.yml: run by hand (workflow_dispatch, action start or stop), and optionally on a
 * nightly schedule that stops the app (off by default: people forget it is on, and forget it
 * is scheduled). Both ask the stack's deployer function, which sets the desired count to 1 or
 * 0 and nothing else; the job then asks it for the status until the task runs (start: the
 * app's URL goes to the job summary) or none does (stop).
 */
import type { Json } from '../template/cfn';
import { ACTIONS, uses } from './actions';
import { workflowEnv } from './deploy';
import { INVOKE_FUNCTION, POLL_SECONDS, PRINT_FAILURE, WAIT_MINUTES } from './deployer-script';
import type { WorkflowOptions } from './options';

const SCRIPT = [
  'set -euo pipefail',
  INVOKE_FUNCTION,
  PRINT_FAILURE,
  'invoke "$(jq -cn --arg action "$ACTION" \'{action: $action}\')"',
  `deadline=$(( $(date +%s) + ${WAIT_MINUTES * 60} ))`,
  'while :; do',
  '  invoke \'{"action":"status"}\'',
  '  running=$(jq -r .runningCount result.json)',
  '  if [ "$ACTION" = start ] && [ "$running" -ge 1 ]; then break; fi',
  '  if [ "$ACTION" = stop ] && [ "$running" = 0 ]; then break; fi',
  '  if [ "$ACTION" = start ] && [ "$(jq -r .rollout.state result.json)" = FAILED ]; then',
  '    echo "::error::The app did not start."',
  '    print_failure',
  '    exit 1',
  '  fi',
  '  if [ "$(date +%s)" -ge "$deadline" ]; then',
  `    echo "::error::$ACTION did not finish within ${WAIT_MINUTES} minutes: $running task(s) running."`,
  '    print_failure',
  '    exit 1',
  '  fi',
  `  sleep ${POLL_SECONDS}`,
  'done',
  'if [ "$ACTION" = start ]; then',
  '  url=$(jq -r .url result.json)',
  '  echo "### Running at ${url:-(no URL yet: see the task in the ECS console)}" >> "$GITHUB_STEP_SUMMARY"',
  '  echo "Stop the app when done (or let the front door stop it when idle)." >> "$GITHUB_STEP_SUMMARY"',
  'else',
  '  echo "### Stopped: no task runs" >> "$GITHUB_STEP_SUMMARY"',
  'fi',
  '',
].join('\n');

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

  return {
    name: o.environmentName === '' ? 'Start or stop the app' : `Start or stop the app (${o.environmentName})`,
    on,
    permissions: { 'id-token': 'write', contents: 'read' },
    // Its own group: a stop queued behind a start is never dropped for a newer deploy.
    concurrency: { group: `start-stop-${o.appName}`, 'cancel-in-progress': false },
    env: workflowEnv(o),
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
            name: "${{ inputs.action || 'stop' }} the app (the stack's deployer function)",
            // A scheduled run has no inputs: it stops.
            env: { ACTION: "${{ inputs.action || 'stop' }}" },
            run: SCRIPT,
          },
        ],
      },
    },
  };
}
