/**
 * Every generated documentation page, as path → text: docs/rules.md from the lint rules and
 * docs/cli/*.md from the CLI spec. `npm run docs` writes them (scripts/docs.ts); a test fails when
 * the files on disk differ.
 */
import { COMMANDS } from '../cli/commands';
import { HELP, type CommandSpec } from '../cli/spec';
import { ALL_RULES } from '../lint/rules';
import type { RuleMeta } from '../lint/rules/types';
import { CLI_DOCS_DIR, commandPage, commandPagePath, commandsIndexPage } from './cli-pages';
import { RULES_PAGE, rulesPage } from './rules-page';

/** One generated page. */
export interface GeneratedDoc {
  /** Path relative to the repository root, with `/` separators. */
  readonly path: string;
  /** The whole file. */
  readonly text: string;
}

/** What the pages are made from (defaults: this project's rules and commands). */
export interface GeneratedDocsSources {
  /** The lint rules' catalogue. */
  readonly rules?: readonly RuleMeta[];
  /** The CLI's commands. */
  readonly commands?: readonly CommandSpec[];
}

/** The generated pages, in a fixed order. */
export function generatedDocs(sources: GeneratedDocsSources = {}): GeneratedDoc[] {
  const commands = sources.commands ?? COMMANDS;
  return [
    { path: RULES_PAGE, text: rulesPage(sources.rules ?? ALL_RULES) },
    { path: `${CLI_DOCS_DIR}/README.md`, text: commandsIndexPage(commands) },
    ...commands.map((spec) => ({ path: commandPagePath(spec.name), text: commandPage(spec, HELP) })),
  ];
}

/** What differs between the generated pages and the files as read by `read` (undefined: missing). */
export function staleDocs(docs: readonly GeneratedDoc[], read: (path: string) => string | undefined): string[] {
  return docs.filter((d) => read(d.path) !== d.text).map((d) => d.path);
}
