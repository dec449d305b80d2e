/**
 * `npm run docs`: writes the generated pages (docs/rules.md from the lint rules, docs/cli/*.md
 * from the CLI spec; see src/docs/generated.ts) and removes a page of docs/cli/ no command has
 * any more. `npm run docs -- --check` writes nothing and exits 1 if any page is stale.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLI_DOCS_DIR } from '../src/docs/cli-pages';
import { generatedDocs, staleDocs } from '../src/docs/generated';

const root = join(__dirname, '..');
const read = (path: string): string | undefined => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined);

const docs = generatedDocs();
const stale = staleDocs(docs, read);
const cliDir = join(root, CLI_DOCS_DIR);
const orphans = (existsSync(cliDir) ? readdirSync(cliDir) : [])
  .map((f) => `${CLI_DOCS_DIR}/${f}`)
  .filter((p) => p.endsWith('.md') && !docs.some((d) => d.path === p));

if (process.argv.includes('--check')) {
  for (const path of stale) process.stderr.write(`${path} is stale\n`);
  for (const path of orphans) process.stderr.write(`${path} documents no command\n`);
  if (stale.length + orphans.length > 0) {
    process.stderr.write('Run `npm run docs` and commit the pages.\n');
    process.exit(1);
  }
  process.stdout.write(`docs: ${docs.length} generated pages up to date\n`);
} else {
  for (const doc of docs.filter((d) => stale.includes(d.path))) {
    mkdirSync(dirname(join(root, doc.path)), { recursive: true });
    writeFileSync(join(root, doc.path), doc.text);
  }
  for (const path of orphans) rmSync(join(root, path));
  process.stdout.write(`docs: ${stale.length} of ${docs.length} generated pages written, ${orphans.length} removed\n`);
}
