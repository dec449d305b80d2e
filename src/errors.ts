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
