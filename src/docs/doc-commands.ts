/**
 * The commands a reader may copy from the docs: every `fargate-oidc <command>` (with or without
 * `npx`/`npx --no`) and every `npm run <script>` / `npm test` in a fenced code block or an
 * inline code span, with the `--options` each passes. The docs test checks each against the CLI
 * spec and package.json's scripts.
 */
import { codeBlocks, inlineCode } from './markdown';

/** One command found in the docs. */
export interface DocCommand {
  /** `cli`: `fargate-oidc <name>`; `npm`: `npm run <name>` (or `npm test`). */
  readonly kind: 'cli' | 'npm';
  /** The CLI command (`deploy`, `help`) or the npm script (`verify:iam`, `test`). */
  readonly name: string;
  /** The words after the command (for npm, after `--`), up to a shell operator or comment. */
  readonly args: readonly string[];
  /** The `--options` it passes (for npm: after `--`), each without its `=value`. */
  readonly flags: readonly string[];
  /** The command as written, for messages. */
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
}

/** Where a command may start: the line's start (after `$ `), or after a pipe, `;`, `&&`, `run:`. */
const START = String.raw`(?:^\s*(?:\$\s+)?|[|;&]\s*|\brun:\s+)`;
const CLI = new RegExp(`${START}(?:npx\\s+(?:--no\\s+)?)?fargate-oidc\\s+([a-z][\\w-]*)(.*)$`);
const NPM = new RegExp(`${START}npm\\s+(?:run(?:\\s+-s)?\\s+([\\w:-]+)|(test)\\b)(.*)$`);

/** The words of a command line, up to a shell operator (`|`, `>`, `&&`, `;`) or a comment. */
function words(rest: string): string[] {
  const end = rest.search(/\s(?:\||>|&&|;|#)|^\s*#/);
  return (end >= 0 ? rest.slice(0, end) : rest)
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
}

const flagsOf = (args: readonly string[]): string[] => args.filter((w) => /^--[a-z]/.test(w)).map((w) => w.replace(/=.*$/, ''));

/** The command on one line of code, if there is one. */
function commandOn(text: string, line: number): DocCommand | undefined {
  const cli = CLI.exec(text);
  if (cli) {
    const args = words(cli[2] as string);
    return { kind: 'cli', name: cli[1] as string, args, flags: flagsOf(args), text: text.trim(), line };
  }
  const npm = NPM.exec(text);
  if (npm) {
    const all = words(npm[3] as string);
    const dashdash = all.indexOf('--');
    const args = dashdash >= 0 ? all.slice(dashdash + 1) : [];
    return { kind: 'npm', name: (npm[1] ?? npm[2]) as string, args, flags: flagsOf(args), text: text.trim(), line };
  }
  return undefined;
}

/**
 * Every command in a file's code. In a fenced block, a comment line right after a command that
 * lists options (`# options: --deploy-branch, ...`) adds them to that command.
 */
export function docCommands(markdown: string): DocCommand[] {
  const found: DocCommand[] = [];
  for (const block of codeBlocks(markdown)) {
    let last: DocCommand | undefined;
    block.lines.forEach((text, i) => {
      const line = block.line + 1 + i;
      const command = commandOn(text, line);
      if (command) {
        found.push(command);
        last = command;
      } else if (last && /^\s*#/.test(text)) {
        const listed = [...text.matchAll(/--[a-z][\w-]*/g)].map((m) => m[0]);
        if (listed.length > 0) {
          last = { ...last, flags: listed, text: text.trim(), line };
          found.push(last);
        }
      } else {
        last = undefined;
      }
    });
  }
  for (const span of inlineCode(markdown)) {
    const command = commandOn(span.code, span.line);
    if (command) found.push(command);
  }
  return found;
}
