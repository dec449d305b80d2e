/**
 * One spec per CLI command: the same object yields the `parseArgs` options and the usage text,
 * so a flag cannot be parsed without being documented (or documented without being parsed).
 * Unknown commands and flags get a "did you mean" from the same spec.
 */
import { parseArgs } from 'node:util';
import { UsageError, type ExitCode } from '../errors';
import { closest } from '../suggest';

/** One flag of a command. `parseArgs` reads `type`, `short`, `multiple` and `default`. */
export interface OptionSpec {
  /** The value's type: a flag with a value, or a switch. */
  readonly type: 'string' | 'boolean';
  /** One-letter alias (`-y`). */
  readonly short?: string;
  /** The flag may be repeated; its values come as a list. */
  readonly multiple?: boolean;
  /** Value when the flag is not given. */
  readonly default?: string | boolean;
  /** Placeholder for the value in the usage text, e.g. `NAME`. */
  readonly arg?: string;
  /** What the flag does, for the usage text. Lines after the first are indented under it. */
  readonly help: string;
}

/** A command's flags by long name (without the dashes). */
export type OptionSpecs = { readonly [name: string]: OptionSpec };

/** Everything the CLI knows about one command. */
export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  /** The command word, e.g. `deploy`. */
  readonly name: string;
  /** One line for the general help. */
  readonly summary: string;
  /** What follows `fargate-oidc <name>` in the usage line(s), e.g. `--stack-name NAME [options]`. */
  readonly synopsis: string;
  /** Paragraph(s) between the usage line and the flags. */
  readonly description: string;
  /** The flags; `--help`/`-h` is added to every command. */
  readonly options: O;
  /** Whether the command takes positional arguments (file names). */
  readonly positionals?: boolean;
  /** Text after the flags (notes). */
  readonly notes?: string;
  /** The exit codes this command uses, with what each means for it. */
  readonly exitCodes: readonly (readonly [ExitCode, string])[];
}

/** The `--help` flag every command has. */
export const HELP = { help: { type: 'boolean', short: 'h', help: 'show this help' } } as const satisfies OptionSpecs;

type WithHelp<O extends OptionSpecs> = O & typeof HELP;
type Parsed<O extends OptionSpecs> = ReturnType<
  typeof parseArgs<{ args: string[]; options: WithHelp<O>; strict: true; allowPositionals: true }>
>;

/** The parsed flags of a command, typed from its spec. */
export type ParsedCommand<O extends OptionSpecs> = { values: Parsed<O>['values']; positionals: string[] };

/** Declares a command (keeps the literal option types for `parseCommand`). */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/** The flags as `parseArgs` takes them (the help texts are left out). */
export function parseArgsOptions<O extends OptionSpecs>(spec: CommandSpec<O>): WithHelp<O> {
  const options: { [name: string]: Omit<OptionSpec, 'help' | 'arg'> } = Object.create(null);
  for (const [name, o] of Object.entries<OptionSpec>({ ...spec.options, ...HELP })) {
    options[name] = {
      type: o.type,
      ...(o.short !== undefined ? { short: o.short } : {}),
      ...(o.multiple !== undefined ? { multiple: o.multiple } : {}),
      ...(o.default !== undefined ? { default: o.default } : {}),
    };
  }
  return options as WithHelp<O>;
}

/** The usage text: usage line, description, one line per flag, notes, exit codes. */
export function usageText(spec: CommandSpec): string {
  const synopses = spec.synopsis.split('\n');
  const lines = [
    `Usage: fargate-oidc ${spec.name} ${synopses[0]}`,
    ...synopses.slice(1).map((s) => `       fargate-oidc ${spec.name} ${s}`),
    '',
    spec.description,
    '',
  ];
  const column = 29;
  for (const [name, o] of Object.entries<OptionSpec>({ ...spec.options, ...HELP })) {
    const flag = `--${name}${o.arg ? ` ${o.arg}` : ''}${o.short ? `, -${o.short}` : ''}`;
    const [first, ...more] = o.help.split('\n');
    lines.push(`  ${flag.padEnd(column - 3)}${flag.length >= column - 3 ? ' ' : ''}${first}`);
    for (const m of more) lines.push(`${' '.repeat(column - 1)}${m}`);
  }
  if (spec.notes) lines.push('', spec.notes);
  lines.push('', ...wrap(`Exit codes: ${spec.exitCodes.map(([code, meaning]) => `${code} ${meaning}`).join(', ')}.`, 95));
  return lines.join('\n');
}

/** Splits a paragraph into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Parses a command's arguments with its spec. A usage mistake throws {@link UsageError} with
 * the problem, a "did you mean" for a mistyped flag, and a pointer to `--help`.
 */
export function parseCommand<O extends OptionSpecs>(spec: CommandSpec<O>, argv: readonly string[]): ParsedCommand<O> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: parseArgsOptions(spec),
      strict: true,
      allowPositionals: spec.positionals === true,
    });
    return { values: values as Parsed<O>['values'], positionals };
  } catch (e) {
    throw new UsageError(`${usageProblem(spec, e)} Run "fargate-oidc ${spec.name} --help" for its options.`);
  }
}

/**
 * Refuses a flag value that is not one of `allowed`, suggesting the closest:
 * `--format jsn` → `--format must be one of text, json, github, not "jsn" (did you mean json?).`
 */
export function checkChoice<T extends string>(flag: string, value: string, allowed: readonly T[]): asserts value is T {
  if ((allowed as readonly string[]).includes(value)) return;
  const near = closest(value, allowed);
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"${near ? ` (did you mean ${near}?)` : ''}.`);
}

/** The problem `parseArgs` found, in our words, with the closest flag for an unknown one. */
function usageProblem(spec: CommandSpec, e: unknown): string {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = /'(-{1,2}[^'=]*)/.exec(message)?.[1] ?? '';
    const names = Object.keys({ ...spec.options, ...HELP });
    const near = closest(given.replace(/^-+/, ''), names);
    return `unknown option ${given}${near ? ` (did you mean --${near}?)` : ''}.`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const given = /'([^']*)'/.exec(message)?.[1] ?? '';
    return `unexpected argument "${given}": this command takes only options.`;
  }
  return `${message.replace(/\.$/, '')}.`;
}
