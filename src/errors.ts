/**
 * The exit codes of every command, in one table. docs/deploy.md's exit-code table says the same
 * (test/readme.test.ts compares them); each command's usage lists the ones it uses.
 */
export const EXIT = {
  /** Done: deployed, nothing to change, dry run, printed, clean. */
  ok: 0,
  /** The operation failed (the change set, the deploy, the delete, the upload; lint findings). */
  failed: 1,
  /** Bad input or usage, or an AWS setup problem; nothing was changed. */
  usage: 2,
  /** Stopped before acting: not confirmed (deploy, destroy), or a tool it needs is missing (lint: cfn-lint). */
  didNotProceed: 3,
  /** The stack is in a state that needs you (lint: cfn-lint failed). */
  stackState: 4,
  /** A wait reached its deadline (`--timeout`) before CloudFormation (or S3, SSM) answered or finished; CloudFormation carries on. */
  deadline: 5,
  /** A bug in fargate-oidc (sysexits' EX_SOFTWARE): never confused with a failure or a finding. */
  internal: 70,
  /** SIGHUP (the terminal closed): stopped as Ctrl-C stops a command. */
  hangup: 129,
  /** Ctrl-C. */
  interrupted: 130,
  /** Standard output's reader went away before anything was changed (the shell's code for a broken pipe). */
  outputClosed: 141,
  /** SIGTERM (a CI runner's cancel): stopped as Ctrl-C stops a command. */
  terminated: 143,
} as const;

/** One of the exit codes in {@link EXIT}. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What each exit code means, as docs/deploy.md's exit-code table says it. */
export const EXIT_MEANINGS: { readonly [C in ExitCode]: string } = {
  0: 'deployed, nothing to change, or dry run',
  1: 'the change set or the deploy failed or rolled back',
  2: 'bad input or usage; also missing or expired credentials, no or wrong region, access denied, an unreachable endpoint',
  3: 'not confirmed: declined, or no terminal and no `--yes` (the change set is kept and the execute command printed)',
  4: 'the stack is in a state that needs you (below)',
  5: 'the time limit (`--timeout`) passed first; a deploy or destroy carries on in CloudFormation, and the `aws cloudformation wait ...` command that goes on waiting is printed (`publish`: S3 did not answer in time, nothing is left half-done)',
  70: 'internal error: a bug in fargate-oidc, not a failure of your stack or a finding in your template (`FARGATE_OIDC_DEBUG=1` prints the stack trace)',
  129: 'SIGHUP (the terminal closed): stopped as Ctrl-C stops it, with the same lines (the status and the commands to keep watching)',
  130: 'Ctrl-C, which also ends a request in flight, in every command that calls AWS (CloudFormation carries on with what it had started; a second Ctrl-C or `--cancel-on-interrupt` cancels an update, and says so)',
  141: 'the reader of standard output went away (e.g. `head -1` at the end of a pipe) before anything was changed: the command stopped there and changed nothing. Once the operation has started it carries on quietly and exits with its true code, never 0 for a failure',
  143: 'SIGTERM (a CI runner cancelling the job): stopped as Ctrl-C stops it, with the same lines; with `--cancel-on-interrupt` a second signal ends the cancel at once',
};

/** What stopped a command, as an abort signal's reason: a signal, or a closed standard output. */
export type StopCause = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'EPIPE';

/** The exit code of each stop, as a shell reports the signal (128 + its number). */
export const STOP_EXIT: { readonly [C in StopCause]: number } = {
  SIGINT: EXIT.interrupted,
  SIGTERM: EXIT.terminated,
  SIGHUP: EXIT.hangup,
  EPIPE: EXIT.outputClosed,
};

/**
 * How a stop is named in messages ("Interrupted (SIGTERM) ..."): an abort signal's reason;
 * anything else (a test's plain abort) is Ctrl-C.
 */
export function stopName(reason: unknown): string {
  switch (reason) {
    case 'SIGTERM':
      return 'SIGTERM';
    case 'SIGHUP':
      return 'SIGHUP';
    case 'EPIPE':
      return 'output closed';
    default:
      return 'Ctrl-C';
  }
}

/**
 * Errors a user can act on. Each says what was wrong and what to do; the CLI prints the
 * message without a stack trace and exits with `exitCode`.
 */
export class UserError extends Error {
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number = EXIT.usage;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A mistyped command line: unknown command or flag, missing value. Exit code 2. */
export class UsageError extends UserError {}

/** A template option (TypeScript API) or parameter value that breaks its rule. */
export class InvalidOptionError extends UserError {
  constructor(
    /** The option or parameter, e.g. `githubOrg` or `GitHubOrg`. */
    readonly field: string,
    /** What is wrong and how to fix it. */
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** Two template modules defined the same logical id: a programming error in `src/template`. */
export class DuplicateLogicalIdError extends Error {
  constructor(
    readonly section: string,
    readonly logicalId: string,
  ) {
    super(`Two template modules define ${section} "${logicalId}". Rename one of them: ` + 'logical ids must be unique in a template.');
    this.name = 'DuplicateLogicalIdError';
  }
}

/** The compiled template breaks CloudFormation's quota for a template read from S3. */
export class TemplateTooLargeError extends UserError {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `The template is ${bytes} bytes, over CloudFormation's ${limit}-byte limit for a template ` +
        'read from S3, the largest it takes. Shorten descriptions or split the stack (move resources into ' +
        'a module of their own stack); the build refuses to write a template CloudFormation cannot read.',
    );
  }
}

/** A Ref, GetAtt, Sub variable or condition name that points nowhere. */
export class DanglingReferenceError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The template has references that resolve to nothing:\n- ${problems.join('\n- ')}`);
    this.name = 'DanglingReferenceError';
  }
}

/** A parameters file, `--parameter` or `--tags` value the deploy command cannot use. */
export class ParameterInputError extends UserError {}

/**
 * The stack is in a state that cannot take a change set now and needs the user
 * (ROLLBACK_COMPLETE without `--replace-failed-stack`, UPDATE_ROLLBACK_FAILED, DELETE_FAILED,
 * an operation in progress with `--no-wait`). Exit code 4.
 */
export class StackStateError extends UserError {
  override readonly exitCode: number = EXIT.stackState;
}

/**
 * An AWS call failed for a reason the user fixes outside this tool: missing or expired
 * credentials, no or wrong region, access denied, endpoint unreachable. One line, no stack
 * trace. Exit code 2 (like bad input: nothing was changed).
 */
export class AwsSetupError extends UserError {}

/** An AWS call failed during a deploy for another reason; the message says what was being done. Exit code 1. */
export class AwsCallError extends UserError {
  override readonly exitCode: number = EXIT.failed;
}

/**
 * A mutating call answered (or seemed to: a proxy's page), yet the state shows the operation
 * never started, even after one more call: nothing was changed. Exit code 1.
 */
export class OperationNotStartedError extends UserError {
  override readonly exitCode: number = EXIT.failed;
}

/**
 * An error after the operation started (expired credentials, access denied on a read): this
 * process stopped following, but CloudFormation carries on. Keeps the original's exit code.
 */
export class CarriesOnError extends UserError {
  override readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** cfn-lint, the first lint layer, is not installed: the lint must not pass silently. */
export class CfnLintMissingError extends UserError {
  override readonly exitCode: number = EXIT.didNotProceed;
  constructor(
    /** Where we looked: `PATH` or the CFN_LINT path that does not exist. */
    readonly lookedIn: string,
  ) {
    super(
      `cfn-lint not found (${lookedIn}): install it with "pip install cfn-lint" (1.x), ` +
        'set CFN_LINT to its path, or pass --skip-cfn-lint to run only fargate-oidc rules.',
    );
  }
}

/** `lint` could not install its pinned cfn-lint: no Python, no venv module, or no package index. */
export class CfnLintProvisionError extends UserError {
  override readonly exitCode: number = EXIT.didNotProceed;
  constructor(
    /** What failed, e.g. `no python3 on PATH`. */
    readonly what: string,
    /** What to do about it. */
    readonly fix: string,
  ) {
    super(`Could not install cfn-lint: ${what}. Fix: ${fix}; or set CFN_LINT to a cfn-lint, or pass --skip-cfn-lint.`);
  }
}

/** cfn-lint ran but did not produce a report we can read. */
export class CfnLintFailedError extends UserError {
  override readonly exitCode: number = EXIT.stackState;
  constructor(
    readonly command: string,
    readonly detail: string,
  ) {
    super(`${command} failed: ${detail}. Run it by hand to see why, or pass --skip-cfn-lint.`);
  }
}

/** A template given to `lint` cannot be read. */
export class TemplateReadError extends UserError {
  constructor(
    readonly file: string,
    readonly reason: string,
    /** What to do; by default, how to get a template. */
    readonly advice = 'Run "npm run build" to write out/template.yaml, or name a template file.',
  ) {
    super(`cannot read ${file}: ${reason}. ${advice}`);
  }
}

/**
 * `lint` failed for a reason inside fargate-oidc (a bug), not because of a finding: exit code 5,
 * so a CI job can tell a crash from a template that fails the lint (exit code 1).
 */
export class LintInternalError extends UserError {
  override readonly exitCode: number = EXIT.internal;
  constructor(override readonly cause: unknown) {
    const what = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    const where = cause instanceof Error ? (cause.stack?.split('\n').slice(1, 4).join('\n') ?? '') : '';
    super(
      `internal error: ${what}. This is a bug in fargate-oidc, not a finding in your templates: ` +
        `report it with the template that triggers it.${where ? `\n${where}` : ''}`,
    );
  }
}

/**
 * A console quick-create URL over the console's 1,024-character limit. The message says how
 * long it is and which parts to drop (parameters to type in the console instead).
 */
export class QuickCreateUrlTooLongError extends UserError {
  constructor(
    /** The URL's length in characters. */
    readonly length: number,
    readonly limit: number,
    message: string,
  ) {
    super(message);
  }
}

/** The app's config (`fargate-oidc.config.ts`) cannot be loaded or breaks a rule. */
export class ConfigError extends UserError {
  constructor(
    /** The config file. */
    readonly file: string,
    /** The field, e.g. `environments.staging.deployBranch`; empty for the file as a whole. */
    readonly field: string,
    /** What is wrong and how to fix it. */
    readonly problem: string,
  ) {
    super(field === '' ? `${file}: ${problem}` : `${file}: ${field}: ${problem}`);
  }
}

/** A task definition references a secret its execution role cannot read. */
export class UnreadableSecretError extends UserError {
  constructor(readonly problems: readonly string[]) {
    super(`The task would fail to start (unable to pull secrets):\n- ${problems.join('\n- ')}`);
  }
}

/**
 * Ctrl-C ended a wait or a request in flight. Exit code 130, as a shell reports SIGINT; what
 * CloudFormation does meanwhile is said by the operation that was interrupted.
 */
export class InterruptedError extends UserError {
  override readonly exitCode: number = EXIT.interrupted;
}

/**
 * A stack operation reached its deadline (`--timeout`) before CloudFormation finished, or a call
 * kept failing until then. Exit code 5 (`EXIT.deadline`); the message names the command that goes on waiting.
 */
export class WaitDeadlineError extends UserError {
  override readonly exitCode: number = EXIT.deadline;
}
