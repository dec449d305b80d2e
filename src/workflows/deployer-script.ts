/**
 * The shell the workflows share to talk to the stack's deployer function (src/deployer/):
 * `invoke PAYLOAD` calls it with `aws lambda invoke` and leaves its answer in result.json; a
 * refusal or a failure of the function stops the step with its message. `aws lambda invoke`
 * exits 0 even when the function fails, and says so only in FunctionError.
 */

/** The `invoke` shell function; `set -euo pipefail` comes first in every script. */
export const INVOKE_FUNCTION = [
  'invoke() {',
  '  aws lambda invoke --function-name "$DEPLOYER_FUNCTION" --cli-binary-format raw-in-base64-out \\',
  '    --payload "$1" result.json > invoke.json',
  '  if jq -e .FunctionError invoke.json > /dev/null; then',
  '    echo "::error::The deployer did not do it: $(jq -r \'.errorMessage // .\' result.json)"',
  '    exit 1',
  '  fi',
  '}',
].join('\n');

/** How long a workflow waits for a rollout, a start or a stop before it fails (minutes). */
export const WAIT_MINUTES = 15;

/** Seconds between two status calls while waiting. */
export const POLL_SECONDS = 10;

/** Prints why the newest task stopped and the service's latest events (the job log of a failure). */
export const PRINT_FAILURE = [
  'print_failure() {',
  '  echo "Why the task stopped: $(jq -r \'if .stoppedReason == "" then "(no stopped task)" else .stoppedReason end\' result.json)"',
  '  echo "Rollout: $(jq -r \'.rollout.state + " " + .rollout.reason\' result.json)"',
  '  echo "Latest service events:"',
  "  jq -r '.events[]' result.json",
  '}',
].join('\n');
