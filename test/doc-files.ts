/**
 * The project's documentation as the tests read it: README.md, CONTRIBUTING.md and every page
 * under docs/, in a fixed order (README first, then by path).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const ROOT = join(__dirname, '..');

/** Markdown files under `dir` (relative to the root), sorted by path. */
function markdownUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...markdownUnder(path));
    else if (entry.name.endsWith('.md')) found.push(path);
  }
  return found.sort();
}

/** Every documentation file, relative to the root: README.md, CONTRIBUTING.md, docs/**.md. */
export function docFiles(): string[] {
  return ['README.md', 'CONTRIBUTING.md', ...markdownUnder('docs')].map((p) => relative(ROOT, join(ROOT, p)));
}

/** One documentation file's text (`path` relative to the root). */
export function readDoc(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}
