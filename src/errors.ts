/**
 * Errors a user can act on. Each says what was wrong and what to do; the CLI prints the
 * message without a stack trace and exits with `exitCode`.
 */
export class UserError extends Error {
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

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
    super(
      `Two template modules define ${section} "${logicalId}". Rename one of them: ` +
        'logical ids must be unique in a template.',
    );
    this.name = 'DuplicateLogicalIdError';
  }
}

/** The compiled template breaks a CloudFormation quota. */
export class TemplateTooLargeError extends UserError {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `The template is ${bytes} bytes, over CloudFormation's ${limit}-byte limit for a template ` +
        'body sent directly to the API. Shorten descriptions or split the stack; the build refuses ' +
        'to write a template the console upload and the deploy script cannot use.',
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
  override readonly exitCode: number = 4;
}

/**
 * An AWS call failed for a reason the user fixes outside this tool: missing or expired
 * credentials, no or wrong region, access denied, endpoint unreachable. One line, no stack
 * trace. Exit code 2 (like bad input: nothing was changed).
 */
export class AwsSetupError extends UserError {}

/** An AWS call failed during a deploy for another reason; the message says what was being done. Exit code 1. */
export class AwsCallError extends UserError {
  override readonly exitCode: number = 1;
}

/** cfn-lint, the first lint layer, is not installed: the lint must not pass silently. */
export class CfnLintMissingError extends UserError {
  override readonly exitCode: number = 3;
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

/** cfn-lint ran but did not produce a report we can read. */
export class CfnLintFailedError extends UserError {
  override readonly exitCode: number = 4;
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
  ) {
    super(`cannot read ${file}: ${reason}. Run "npm run build" to write out/template.yaml, or name a template file.`);
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

/**
 * Ctrl-C ended a wait or a request in flight. Exit code 130, as a shell reports SIGINT; what
 * CloudFormation does meanwhile is said by the operation that was interrupted.
 */
export class InterruptedError extends UserError {
  override readonly exitCode: number = 130;
}

/**
 * A stack operation reached its deadline (`--timeout`) before CloudFormation finished, or a call
 * kept failing until then. Exit code 5; the message names the command that goes on waiting.
 */
export class WaitDeadlineError extends UserError {
  override readonly exitCode: number = 5;
}
