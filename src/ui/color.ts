/**
 * Colours for terminal output. Off when NO_COLOR is set (https://no-color.org), when output is
 * not a terminal (CI logs, pipes), and with TERM=dumb; FORCE_COLOR turns them on.
 */

/** Styles the deploy output uses; each returns the text unchanged when colours are off. */
export interface Colors {
  enabled: boolean;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

/** Whether to colour output written to a stream that is (or is not) a terminal. */
export function colorEnabled(isTTY: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  if (env['TERM'] === 'dumb') return false;
  return isTTY;
}

function wrap(enabled: boolean, open: number, close: number): (t: string) => string {
  return enabled ? (t) => `\u001b[${open}m${t}\u001b[${close}m` : (t) => t;
}

/** The styles, on or off. */
export function makeColors(enabled: boolean): Colors {
  return {
    enabled,
    red: wrap(enabled, 31, 39),
    green: wrap(enabled, 32, 39),
    yellow: wrap(enabled, 33, 39),
    cyan: wrap(enabled, 36, 39),
    bold: wrap(enabled, 1, 22),
    dim: wrap(enabled, 2, 22),
  };
}

/** Text without colour codes (for measuring widths). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Colour for a CloudFormation status: failures red, completions green, the rest yellow. */
export function colorStatus(c: Colors, status: string): string {
  if (/FAILED|ROLLBACK/.test(status)) return c.red(status);
  if (/COMPLETE$/.test(status)) return c.green(status);
  return c.yellow(status);
}
