/**
 * How the CLI reports an error: a user error prints its message (no stack trace) and exits
 * with its code; anything else is an internal error, reported in one short note, with the
 * stack trace only when FARGATE_OIDC_DEBUG is set (a bundled build's frames are minified and
 * say nothing to a user).
 */
import { EXIT, UserError } from '../errors';

/** The environment variable that adds stack traces to internal errors. */
export const DEBUG_ENV = 'FARGATE_OIDC_DEBUG';

/** Prints the error for `command` (e.g. `deploy`) and returns the exit code. */
export function reportError(
  command: string | undefined,
  e: unknown,
  err: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const prefix = command ? `fargate-oidc ${command}` : 'fargate-oidc';
  if (e instanceof UserError) {
    err(`${prefix}: ${e.message}`);
    return e.exitCode;
  }
  const message = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  err(`${prefix}: internal error: ${message}`);
  if (env[DEBUG_ENV] && env[DEBUG_ENV] !== '0') {
    err(e instanceof Error && e.stack ? e.stack : String(e));
  } else {
    err(`This is a bug in fargate-oidc. Run again with ${DEBUG_ENV}=1 for the stack trace, and report it with the command you ran.`);
  }
  return EXIT.internal;
}
