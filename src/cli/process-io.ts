/**
 * The process around the CLI: what stops a command, and what that does to its exit code.
 *
 * - SIGINT (Ctrl-C), SIGTERM (a CI runner's cancel) and SIGHUP (a closed terminal) all stop a
 *   command the same way: the first aborts {@link CommandStop.first}, which ends any request in
 *   flight and any wait; the command prints the status and how to keep watching, and exits
 *   130, 143 or 129, as a shell reports the signal. A second signal aborts
 *   {@link CommandStop.second} where the command uses it (deploy: cancelling an update), else
 *   exits at once; a third always exits at once.
 * - A closed standard output (`deploy ... | head -1`: the next write fails with EPIPE) before the
 *   command changed anything stops it the same way (nothing is changed; exit 141, the shell's
 *   code for a broken pipe). Once the operation started (ExecuteChangeSet, DeleteStack ...), it
 *   carries on quietly to the end and exits with its true code, so CI learns the real outcome.
 *   A closed output never turns a failure into exit 0.
 */
import { EXIT, type StopCause, STOP_EXIT } from '../errors';

/** The part of a stream this module needs. */
export interface ErrorEmitter {
  on(event: 'error', listener: (e: NodeJS.ErrnoException) => void): unknown;
}

/** The part of `process` that delivers signals. */
export interface SignalSource {
  on(event: 'SIGINT' | 'SIGTERM' | 'SIGHUP', listener: () => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM' | 'SIGHUP', listener: () => void): unknown;
}

/** The signals that stop a command. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** What stops one command run: signals and a closed output. */
export class CommandStop {
  private readonly firstStop = new AbortController();
  private readonly secondStop = new AbortController();
  private cause: StopCause | undefined;
  private changing = false;
  private closed = false;
  private secondUsed = false;

  /** `exitNow` ends the process at once (a signal the command does not wait for). */
  constructor(private readonly exitNow: (code: number) => void = () => undefined) {}

  /** Aborted by the first signal, or a closed output before the operation started; its reason is the {@link StopCause}. */
  get first(): AbortSignal {
    return this.firstStop.signal;
  }

  /** Aborted by the second signal, when the command said it uses it ({@link useSecond}). */
  get second(): AbortSignal {
    return this.secondStop.signal;
  }

  /** Standard output's reader went away: write nothing more to it. */
  get outputClosed(): boolean {
    return this.closed;
  }

  /** The command acts on a second signal (deploy: cancel the update, or stop cancelling it). */
  useSecond(): void {
    this.secondUsed = true;
  }

  /** The operation started changing something: from now on a closed output does not stop it. */
  readonly started = (): void => {
    this.changing = true;
  };

  /** A signal arrived. */
  signal(cause: Exclude<StopCause, 'EPIPE'>): void {
    if (!this.firstStop.signal.aborted) {
      this.cause = cause;
      this.firstStop.abort(cause);
      return;
    }
    if (this.secondUsed && !this.secondStop.signal.aborted) {
      this.secondStop.abort(cause);
      return;
    }
    this.exitNow(STOP_EXIT[this.cause ?? cause]);
  }

  /** Standard output's reader went away (EPIPE). */
  outputGone(): void {
    this.closed = true;
    if (this.changing || this.firstStop.signal.aborted) return;
    this.cause = 'EPIPE';
    this.firstStop.abort('EPIPE');
  }

  /**
   * The process's exit code for the command's `code`: a stop's own code (130, 143, 129) when
   * the command was interrupted; 141 when the output closed before anything changed (unless the
   * command failed for another reason first); else the command's code.
   */
  exitCode(code: number): number {
    if (this.cause === 'EPIPE') return code === EXIT.ok || code === EXIT.interrupted ? STOP_EXIT.EPIPE : code;
    if (this.cause !== undefined && code === EXIT.interrupted) return STOP_EXIT[this.cause];
    return code;
  }

  /** Listens for SIGINT, SIGTERM and SIGHUP on `source`; returns what stops listening. */
  listen(source: SignalSource): () => void {
    const handlers = STOP_SIGNALS.map((s) => [s, () => this.signal(s)] as const);
    for (const [s, h] of handlers) source.on(s, h);
    return () => {
      for (const [s, h] of handlers) source.off(s, h);
    };
  }
}

/**
 * Watches `stream` for its reader going away (EPIPE, or a write after it was destroyed): tells
 * `stop`, and the writes that follow are dropped. Other stream errors are thrown on as before.
 */
export function watchOutput(stream: ErrorEmitter, stop: CommandStop): void {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      stop.outputGone();
      return;
    }
    throw e;
  });
}

/**
 * Runs `command` with `stop`, or, without one (a test calling a command directly), with one
 * listening to this process's signals for the time of the run.
 */
export async function withStop<T>(stop: CommandStop | undefined, command: (stop: CommandStop) => Promise<T>): Promise<T> {
  if (stop) return command(stop);
  const own = new CommandStop();
  const unlisten = own.listen(process);
  try {
    return await command(own);
  } finally {
    unlisten();
  }
}
