/**
 * The process around the CLI: output streams whose reader went away. `fargate-oidc url | head -1`
 * closes the pipe after one line; the next write fails with EPIPE, which Node raises as an
 * unhandled 'error' event. A CLI then stops quietly, as `cat` does.
 */

/** The part of a stream this module needs. */
export interface ErrorEmitter {
  on(event: 'error', listener: (e: NodeJS.ErrnoException) => void): unknown;
}

/**
 * Ends the process quietly (through `exit`) when the reader of `stream` has gone away;
 * other stream errors are thrown on as before.
 */
export function exitQuietlyOnBrokenPipe(stream: ErrorEmitter, exit: (code: number) => void): void {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      exit(0);
      return;
    }
    throw e;
  });
}
