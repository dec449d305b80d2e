/**
 * The one esbuild set-up for running TypeScript in this Node process without a build step:
 * the user's config (`config/load.ts`) and the checkout's template compiler
 * (`stack/template-source.ts`). The entry and what it imports become one CommonJS text in
 * memory; packages stay external (loaded from node_modules when the code runs).
 */

/** esbuild's JavaScript API, as `require('esbuild')` gives it. */
export type Esbuild = typeof import('esbuild');

/** Where to start. */
export interface NodeBundleOptions {
  /** The entry file (`.ts`, `.mts`, `.js`…). */
  entry: string;
  /** Directory that relative paths in esbuild's messages are relative to (default: the process's). */
  workingDir?: string;
}

/** One esbuild error, where it is known. */
export interface BundleError {
  /** The file, relative to the working directory. */
  file?: string;
  /** Line, from 1. */
  line?: number;
  /** Column, from 0 (as esbuild counts). */
  column?: number;
  /** What is wrong. */
  text: string;
}

/** Bundles `entry` into CommonJS for Node 20; throws esbuild's error (see {@link bundleErrors}). */
export function bundleForNode(esbuild: Esbuild, o: NodeBundleOptions): string {
  const result = esbuild.buildSync({
    entryPoints: [o.entry],
    ...(o.workingDir === undefined ? {} : { absWorkingDir: o.workingDir }),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** The errors of a failed {@link bundleForNode}; one with the error's message when it is not esbuild's. */
export function bundleErrors(e: unknown): BundleError[] {
  const errors = (e as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return [{ text: e instanceof Error ? e.message : String(e) }];
  return errors.map((x) =>
    x.location ? { file: x.location.file, line: x.location.line, column: x.location.column, text: x.text } : { text: x.text },
  );
}
