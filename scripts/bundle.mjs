#!/usr/bin/env node
/**
 * Turns the TypeScript sources into the JavaScript that runs, with esbuild: it strips the types
 * and bundles, in tens of milliseconds. Type checking is `tsc --noEmit` (`npm run typecheck`,
 * run by `npm test` and so by CI); nothing that runs pays for `tsc`.
 *
 * Plain JavaScript on purpose: it is the one file that must run before anything is compiled.
 *
 *   node scripts/bundle.mjs              every target
 *   node scripts/bundle.mjs build cli    only the named targets
 *
 * Targets (all CommonJS for Node 20+, written under dist/):
 *   build       dist/build.cjs       `npm run build`: the compiler with cloudform-types and yaml
 *                                    inlined, so a build loads one file instead of ~40 modules
 *   cli         dist/cli.cjs         the `fargate-oidc` command (package.json `bin`); packages
 *                                    stay external: the AWS SDK loads from node_modules, and only
 *                                    for the commands that call AWS
 *   lib         dist/index.cjs       `import { defineConfig } from 'fargate-oidc'` (package.json
 *                                    `main`): what configs and users' modules import
 *   bench       dist/bench.cjs       `npm run bench`
 *   verify-iam  dist/verify-iam.cjs  `npm run verify:iam`
 *
 * Every target gets the front door's bundled handler (src/front-door/handler.ts, see
 * src/front-door/code.ts) as the constant FRONT_DOOR_CODE: the template inlines it, and an
 * installed package has no src/ to bundle it from.
 */
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Options every target shares. `keepNames` keeps stack frames readable when something breaks. */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  absWorkingDir: root,
  // The browser bundle of the launch page is made at build time by esbuild itself.
  external: ['esbuild'],
};

/** @type {Record<string, import('esbuild').BuildOptions>} */
const targets = {
  build: { entryPoints: ['scripts/build-entry.ts'], outfile: 'dist/build.cjs', minifyWhitespace: true, minifySyntax: true },
  cli: { entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.cjs', packages: 'external', banner: { js: '#!/usr/bin/env node' } },
  lib: { entryPoints: ['src/index.ts'], outfile: 'dist/index.cjs', packages: 'external' },
  bench: { entryPoints: ['scripts/bench.ts'], outfile: 'dist/bench.cjs', packages: 'external' },
  'verify-iam': { entryPoints: ['scripts/verify-iam.ts'], outfile: 'dist/verify-iam.cjs', packages: 'external' },
};

/**
 * The front door's handler, bundled by src/front-door/bundle.ts itself (so its options live in
 * one place): that module is bundled in memory, loaded, and asked for the code.
 */
async function frontDoorCode() {
  const tool = await build({ ...common, entryPoints: ['src/front-door/bundle.ts'], packages: 'external', write: false });
  const module = { exports: {} };
  const text = tool.outputFiles[0].text;
  new Function('module', 'exports', 'require', '__dirname', text)(module, module.exports, createRequire(join(root, 'package.json')), join(root, 'src', 'front-door'));
  return module.exports.bundleFrontDoor({ entry: join(root, 'src', 'front-door', 'handler.ts') });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in targets));
if (unknown.length > 0) {
  process.stderr.write(`bundle: unknown target ${unknown.join(', ')}; targets: ${Object.keys(targets).join(', ')}\n`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : Object.keys(targets);
try {
  const define = { FRONT_DOOR_CODE: JSON.stringify(await frontDoorCode()) };
  await Promise.all(names.map((name) => build({ ...common, define, ...targets[name] })));
} catch {
  // esbuild has already printed each error with its file, line and column.
  process.exit(1);
}
