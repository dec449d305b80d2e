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
 *   pin-hashes  dist/pin-hashes.cjs  `npm run pin-hashes` (maintainers, with the Python package registry)
 *   record-transcript  dist/record-transcript.cjs  `npm run record-transcript`: docs/deploy.md's deploy transcript
 *   transcript-cli     dist/transcript/cli.cjs     the CLI again, for the transcript's runs (its own file, so
 *                                                  a test bundling it never races `npm pack` writing dist/cli.cjs)
 *   docs        dist/docs.cjs        `npm run docs`: docs/rules.md and docs/cli/*.md
 *
 * Every target gets the front door's and the deployer's bundled handlers (src/front-door/code.ts,
 * src/deployer/code.ts) as the constants FRONT_DOOR_CODE and DEPLOYER_CODE: the template inlines
 * them, and an installed package has no src/ to bundle them from.
 */
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
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
  'pin-hashes': { entryPoints: ['scripts/pin-hashes.ts'], outfile: 'dist/pin-hashes.cjs', packages: 'external' },
  'transcript-cli': { entryPoints: ['src/cli/bin.ts'], outfile: 'dist/transcript/cli.cjs', packages: 'external' },
  'record-transcript': { entryPoints: ['scripts/record-transcript.ts'], outfile: 'dist/record-transcript.cjs', packages: 'external' },
  docs: { entryPoints: ['scripts/docs.ts'], outfile: 'dist/docs.cjs', packages: 'external' },
};

/**
 * A build-time module of ours (its esbuild options live in one place, in TypeScript), bundled in
 * memory and loaded: src/front-door/bundle.ts, src/console/launch-page/bundle.ts.
 */
async function loadTool(entry) {
  const tool = await build({ ...common, entryPoints: [entry], packages: 'external', write: false });
  const module = { exports: {} };
  const dir = join(root, dirname(entry));
  new Function('module', 'exports', 'require', '__dirname', '__filename', tool.outputFiles[0].text)(
    module,
    module.exports,
    createRequire(join(root, 'package.json')),
    dir,
    join(root, entry),
  );
  return module.exports;
}

/**
 * What every dist/ file inlines (esbuild `define`), each bundled once here, concurrently:
 * FRONT_DOOR_CODE, the front door's handler for the template's Code.ZipFile
 * (src/front-door/code.ts), DEPLOYER_CODE, the deployer's (src/deployer/code.ts), and LAUNCH_SCRIPT, the launch page's browser script
 * (src/console/launch-page/bundle.ts). So neither `npm run build` nor an installed package
 * starts esbuild for them.
 */
async function inlined() {
  const [frontDoor, deployer, launchPage] = await Promise.all([
    loadTool('src/front-door/bundle.ts'),
    loadTool('src/deployer/bundle.ts'),
    loadTool('src/console/launch-page/bundle.ts'),
  ]);
  const [code, deployerCode, script] = await Promise.all([
    build(frontDoor.frontDoorBuildOptions({ entry: join(root, 'src', 'front-door', 'handler.ts') })),
    build(deployer.deployerBuildOptions({ entry: join(root, 'src', 'deployer', 'handler.ts') })),
    build(launchPage.launchScriptBuildOptions(root)),
  ]);
  return {
    FRONT_DOOR_CODE: JSON.stringify(code.outputFiles[0].text),
    DEPLOYER_CODE: JSON.stringify(deployerCode.outputFiles[0].text),
    LAUNCH_SCRIPT: JSON.stringify(launchPage.checkedLaunchScript(script.outputFiles[0]?.text)),
  };
}

/**
 * Writes `path` by renaming a finished temporary file onto it, so a process running dist/cli.cjs
 * (a test, while another suite's `npm pack` rebundles) never reads half a file.
 */
function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in targets));
if (unknown.length > 0) {
  process.stderr.write(`bundle: unknown target ${unknown.join(', ')}; targets: ${Object.keys(targets).join(', ')}\n`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : Object.keys(targets);
try {
  const define = await inlined();
  const built = await Promise.all(names.map((name) => build({ ...common, define, ...targets[name], write: false })));
  for (const file of built.flatMap((b) => b.outputFiles)) writeAtomically(file.path, file.contents);
} catch (e) {
  // The targets' errors are printed by esbuild itself (file, line, column); the inlined bundles
  // are built silently, so their errors are printed here.
  process.stderr.write(`bundle: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
