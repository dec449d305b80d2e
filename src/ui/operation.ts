/** What a long stack operation (deploy, destroy) needs from its surroundings, injected so tests control all of it. */
import type { Sleep } from '../aws/sleep';
import type { Colors } from './color';
import type { Printer } from './progress';

export interface OperationDeps {
  /** Standard output: human lines (deploy --json: the one JSON object). */
  out: (line: string) => void;
  /** Where human lines go (default: plain lines to `out`). */
  printer?: Printer;
  colors: Colors;
  /** Whether a person can answer a question. */
  interactive: boolean;
  confirm: (question: string) => Promise<boolean>;
  sleep: Sleep;
  now: () => Date;
  /**
   * Aborted by the first Ctrl-C, SIGTERM or SIGHUP, or by a closed standard output before the
   * operation started (its reason says which: src/cli/process-io.ts): ends any request in
   * flight and any wait.
   */
  interrupt?: AbortSignal;
  /**
   * Called just before the call that changes the stack (ExecuteChangeSet, DeleteStack): from
   * then on a closed standard output no longer stops the command, which carries on quietly to
   * its true exit code.
   */
  started?: () => void;
  /** Random number in [0, 1) for retry jitter (default Math.random; tests fix it). */
  random?: () => number;
}
