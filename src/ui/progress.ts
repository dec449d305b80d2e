/**
 * Output for a long operation: plain lines, plus in a terminal one live status line at the
 * bottom that is redrawn in place (never in CI logs, where it would be noise).
 */

/** Where lines go and how the live line is drawn. */
export interface Printer {
  /** Prints one permanent line (above the live status line, if any). */
  line(text: string): void;
  /** Sets the live status line; a no-op when not in a terminal. */
  status(text: string): void;
  /** Removes the live status line. */
  clearStatus(): void;
}

/** A printer of plain lines only (CI logs, tests). */
export function plainPrinter(out: (line: string) => void): Printer {
  return { line: out, status: () => undefined, clearStatus: () => undefined };
}

/** A printer for a terminal stream: permanent lines, and a status line redrawn with \r. */
export function terminalPrinter(stream: { write(text: string): unknown; columns?: number }): Printer {
  let current = '';
  const erase = (): void => {
    if (current !== '') stream.write('\r\u001b[2K');
  };
  const draw = (): void => {
    if (current !== '') stream.write(current.slice(0, Math.max(20, (stream.columns ?? 100) - 1)));
  };
  return {
    line(text) {
      erase();
      stream.write(`${text}\n`);
      draw();
    },
    status(text) {
      erase();
      current = text;
      draw();
    },
    clearStatus() {
      erase();
      current = '';
    },
  };
}

/** "12s", "3m05s": elapsed time for event lines and the status line. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
