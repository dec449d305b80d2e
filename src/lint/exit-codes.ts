import { EXIT } from '../errors';

/**
 * `fargate-oidc lint`'s names for the exit codes of the CLI's one table (`EXIT` in src/errors.ts). A finding and a failure never share a code,
 * so CI can tell "the template fails the lint" (1) from "the lint could not run" (2 to 4, 70).
 * cfn-lint alone ORs bit flags (2 error, 4 warning, 8 info) and exits non-zero on warnings; this
 * wrapper fails on errors by default (`--fail-on` moves the bar) and keeps 2 to 4 and 70 for failures.
 */
export const LINT_EXIT = {
  /** Nothing at or above `--fail-on`. */
  clean: EXIT.ok,
  /** Findings at or above `--fail-on` (default `error`). */
  findings: EXIT.failed,
  /** Bad usage, or a template that cannot be read (missing file, a directory). */
  usage: EXIT.usage,
  /** cfn-lint is not installed (and `--skip-cfn-lint` was not given). */
  cfnLintMissing: EXIT.didNotProceed,
  /** cfn-lint ran but gave no report we can read, or ran past `--cfn-lint-timeout`. */
  cfnLintFailed: EXIT.stackState,
  /** A bug in fargate-oidc: not a finding. */
  internal: EXIT.internal,
} as const;

/** The severities `--fail-on` accepts: the lowest severity that fails the run, or `none`. */
export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];
