/**
 * docs/cli/<command>.md for every command, and docs/cli/README.md listing them, written from the
 * one spec per command (src/cli/commands.ts) that also yields the parser and `--help`, as rain
 * writes its docs/ from its commands: usage, description, options, notes, exit codes.
 */
import type { CommandSpec, OptionSpec } from '../cli/spec';
import { escapeMarkdown, GENERATED_NOTE } from './text';

/** The folder of the command pages, relative to the repository root. */
export const CLI_DOCS_DIR = 'docs/cli';

/** A command's page, relative to the repository root (`docs/cli/deploy.md`). */
export function commandPagePath(name: string): string {
  return `${CLI_DOCS_DIR}/${name}.md`;
}

const SOURCE = 'src/cli/commands.ts';

/** `--name ARG`, `-s` as the option's column shows it. */
function optionLabel(name: string, o: OptionSpec): string {
  const parts = [`\`--${name}${o.arg ? ` ${o.arg}` : ''}\``];
  if (o.short) parts.push(`\`-${o.short}\``);
  return parts.join(', ');
}

/** What an option does, on one table row: its help, whether it repeats, its default. */
function optionText(o: OptionSpec): string {
  const help = o.help
    .split('\n')
    .map((l) => l.trim())
    .join(' ');
  const extra = [
    o.multiple && !/repeatable/i.test(help) ? 'Repeatable.' : '',
    o.default !== undefined ? `Default: \`${String(o.default)}\`.` : '',
  ].filter((s) => s !== '');
  return [escapeMarkdown(help), ...extra].join(' ');
}

/** The page of one command; `help` holds the flags every command has (`HELP` of src/cli/spec.ts). */
export function commandPage(spec: CommandSpec, help: { readonly [name: string]: OptionSpec }): string {
  const options = { ...spec.options, ...help };
  const lines = [
    GENERATED_NOTE(SOURCE),
    `# fargate-oidc ${spec.name}`,
    '',
    `What it does: ${escapeMarkdown(spec.summary)}.`,
    '',
    '## Usage',
    '',
    '```text',
    ...spec.synopsis.split('\n').map((s) => `fargate-oidc ${spec.name} ${s}`),
    '```',
    '',
    '```text',
    spec.description,
    '```',
    '',
    '## Options',
    '',
    '| Option | What it does |',
    '|---|---|',
    ...Object.entries(options).map(([name, o]) => `| ${optionLabel(name, o)} | ${optionText(o)} |`),
    '',
  ];
  if (spec.notes) lines.push('## Notes', '', '```text', spec.notes, '```', '');
  lines.push(
    '## Exit codes',
    '',
    '| Code | Meaning |',
    '|---|---|',
    ...spec.exitCodes.map(([code, meaning]) => `| ${code} | ${escapeMarkdown(meaning)} |`),
    '',
  );
  lines.push('Every exit code of every command, and what to do about it: [deploy and destroy](../deploy.md#exit-codes).');
  return `${lines.join('\n').trimEnd()}\n`;
}

/** docs/cli/README.md: one line per command, linking its page. */
export function commandsIndexPage(specs: readonly CommandSpec[]): string {
  const lines = [
    GENERATED_NOTE(SOURCE),
    '# Commands',
    '',
    "Every command of `fargate-oidc`, as `fargate-oidc <command> --help` prints it. In your app's",
    'repository run them as `npx --no fargate-oidc <command>` (never a bare `npx`: the package',
    'is not on the npm registry).',
    '',
    '| Command | What it does |',
    '|---|---|',
    ...specs.map((s) => `| [${s.name}](${s.name}.md) | ${escapeMarkdown(s.summary)} |`),
  ];
  return `${lines.join('\n')}\n`;
}
