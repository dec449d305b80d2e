/**
 * The one table of `fargate-oidc lint` exit codes. A finding and a failure never share a code,
 * so CI can tell "the template fails the lint" (1) from "the lint could not run" (2 to 5).
 * cfn-lint alone ORs bit flags (2 error, 4 warning, 8 info) and exits non-zero on warnings; this
 * wrapper fails on errors by default (`--fail-on` moves the bar) and keeps 2 to 5 for failures.
 */
export const LINT_EXIT = {
  /** Nothing at or above `--fail-on`. */
  clean: 0,
  /** Findings at or above `--fail-on` (default `error`). */
  findings: 1,
  /** Bad usage, or a template that cannot be read (missing file, a directory). */
  usage: 2,
  /** cfn-lint is not installed (and `--skip-cfn-lint` was not given). */
  cfnLintMissing: 3,
  /** cfn-lint ran but gave no report we can read. */
  cfnLintFailed: 4,
  /** A bug in fargate-oidc: not a finding. */
  internal: 5,
} as const;

/** The severities `--fail-on` accepts: the lowest severity that fails the run, or `none`. */
export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** The exit codes as the usage and the README state them. */
export const EXIT_CODES_TEXT =
  `Exit codes: ${LINT_EXIT.clean} clean, ${LINT_EXIT.findings} findings at or above --fail-on (default error), ` +
  `${LINT_EXIT.usage} usage or unreadable template, ${LINT_EXIT.cfnLintMissing} cfn-lint not installed, ` +
  `${LINT_EXIT.cfnLintFailed} cfn-lint failed, ${LINT_EXIT.internal} internal error (a bug in fargate-oidc, not a finding).`;
