/**
 * Which template deploy, url and publish use: what the user sees. `--template-file` when
 * given; else src/template (which the package ships beside the CLI) compiled now, in this
 * process, with esbuild (a dependency of fargate-oidc), so an edit to src/ is deployed without
 * `npm run bundle`; else, where esbuild cannot load or cache its bundle, the template compiled
 * into this build. Never a compiled copy older than src/: then a dist/ older than src/ is refused.
 * A differing out/template.yaml is reported (it is what the console upload and `lint` use).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { UserError } from '../errors';
import { bundleErrors, bundleForNode, type Esbuild } from '../node-bundle';
import type { CompiledTemplate } from '../template/compile';
import { compiledTemplate, sha256Hex, templateFromCompiled, templateFromFile, type DeployTemplate } from './template';

/** The compiler module's shape (src/template/compile.ts). */
type CompilerModule = { compileTemplate: () => CompiledTemplate };

/** Where to look and how to compile; every field has a default for the real CLI. */
export interface TemplateSourceOptions {
  /** `--template-file`: use this file as it is. */
  templateFile?: string;
  /** Root of the fargate-oidc package the CLI runs from (default: found above this module). */
  packageRoot?: string;
  /** This module's file (default `__filename`): a `.ts` file means the CLI runs from src/ (tests, ts-node). */
  runningFile?: string;
  /**
   * Bundles src/template/compile.ts and loads it (default: esbuild, then `require` from
   * node_modules/.cache); `undefined` when esbuild is not installed.
   */
  compileSource?: (root: string) => CompilerModule | undefined;
  /** Writes a line for the user (warnings). */
  warn?: (line: string) => void;
}

/** The template to use, with where it came from (and its sha256) in `origin`. */
export function chooseTemplate(o: TemplateSourceOptions = {}): DeployTemplate {
  const warn = o.warn ?? (() => undefined);
  if (o.templateFile) return templateFromFile(o.templateFile);
  const root = o.packageRoot ?? packageRoot(__dirname);
  // The package always ships package.json and src/ (package.json `files`), so there is a root with sources.
  if (root === undefined) throw new Error(`no package.json of fargate-oidc above ${__dirname}`);
  const runningFile = o.runningFile ?? __filename;
  let template: DeployTemplate;
  if (runningFile.endsWith('.ts')) {
    template = compiledTemplate();
  } else {
    const compiler = (o.compileSource ?? compileWithEsbuild)(root);
    if (compiler) {
      template = templateFromCompiled(compileOrExplain(compiler), 'src/template (compiled now)');
    } else {
      const stale = newerSource(root, runningFile);
      if (stale) {
        throw new UserError(
          `${relative(root, stale)} is newer than the compiled CLI (${relative(root, runningFile)}), and esbuild is not ` +
            'installed to compile src/ now: run "npm ci" (or "npm run bundle"), or pass --template-file out/template.yaml.',
        );
      }
      template = compiledTemplate();
      template.origin = `src/template (bundled into the CLI, not older than src/), sha256 ${template.sha256}`;
    }
  }
  const out = join(root, 'out', 'template.yaml');
  if (existsSync(out) && sha256Hex(readFileSync(out, 'utf8')) !== template.sha256) {
    warn(
      `Note: out/template.yaml differs from src/template (used here); run "npm run build" to update it, ` +
        'or pass --template-file out/template.yaml to use that file.',
    );
  }
  return template;
}

/**
 * Runs the freshly bundled compiler. Its error classes are the bundle's own copies, so a
 * user error (one with an `exitCode`, e.g. a template over a limit) is rethrown as ours.
 */
function compileOrExplain(compiler: CompilerModule): CompiledTemplate {
  try {
    return compiler.compileTemplate();
  } catch (e) {
    if (e instanceof Error && typeof (e as { exitCode?: unknown }).exitCode === 'number') throw new UserError(e.message);
    throw e;
  }
}

/** The directory above `from` whose package.json names fargate-oidc; undefined if none. */
export function packageRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'fargate-oidc') return dir;
      } catch {
        // not ours
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Bundles the checkout's src/template/compile.ts with esbuild (packages stay external) into
 * node_modules/.cache/fargate-oidc/, named by the bundle's hash, and loads it. Undefined when
 * esbuild is not installed or the cache cannot be written. Takes about a tenth of a second.
 */
export function compileWithEsbuild(root: string): CompilerModule | undefined {
  const requireFromRoot = createRequire(join(root, 'package.json'));
  let esbuild: Esbuild;
  try {
    esbuild = requireFromRoot('esbuild') as Esbuild;
  } catch {
    return undefined;
  }
  let code: string;
  try {
    code = bundleForNode(esbuild, { entry: join(root, 'src', 'template', 'compile.ts'), workingDir: root });
  } catch (e) {
    throw new UserError(`src/template does not compile:\n${syntaxErrors(e)}\nFix it, or pass --template-file out/template.yaml.`);
  }
  const dir = join(root, 'node_modules', '.cache', 'fargate-oidc');
  const file = join(dir, `compile-${sha256Hex(code).slice(0, 16)}.cjs`);
  if (!existsSync(file)) {
    try {
      mkdirSync(dir, { recursive: true });
      // One bundle is enough: drop those of earlier sources.
      for (const old of readdirSync(dir)) if (/^compile-[0-9a-f]{16}\.cjs$/.test(old)) rmSync(join(dir, old), { force: true });
      writeFileSync(file, code);
    } catch {
      return undefined; // node_modules is read-only: as if esbuild were missing (the staleness check decides)
    }
  }
  return requireFromRoot(file) as CompilerModule;
}

/** esbuild's errors as `file:line:column: text` lines (files relative to the checkout). */
function syntaxErrors(e: unknown): string {
  return bundleErrors(e)
    .map((x) => `- ${x.file === undefined ? '' : `${x.file}:${x.line}:${(x.column ?? 0) + 1}: `}${x.text}`)
    .join('\n');
}

/** The newest .ts file under src/ if it is newer than `compiled`; undefined otherwise. */
export function newerSource(root: string, compiled: string): string | undefined {
  const builtAt = statSync(compiled).mtimeMs;
  let newest: { file: string; mtime: number } | undefined;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const mtime = statSync(path).mtimeMs;
        if (!newest || mtime > newest.mtime) newest = { file: path, mtime };
      }
    }
  };
  walk(join(root, 'src'));
  return newest && newest.mtime > builtAt ? newest.file : undefined;
}
