/** Asking a person a yes/no question in the terminal. */
import { createInterface } from 'node:readline/promises';

/**
 * Asks `question` on stderr and reads the answer from stdin: true only for "y" or "yes".
 * Ctrl-C at the prompt reaches readline, not the process, and means "no"; so does `stop`
 * (SIGTERM, SIGHUP, a closed output), which the caller then reports as the stop it is.
 */
export async function askYesNo(question: string, err: (line: string) => void, stop?: AbortSignal): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const ask = new AbortController();
  rl.on('SIGINT', () => ask.abort());
  if (stop?.aborted) ask.abort();
  stop?.addEventListener('abort', () => ask.abort(), { once: true });
  try {
    const answer = await rl.question(question, { signal: ask.signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    err('');
    return false;
  } finally {
    rl.close();
  }
}
