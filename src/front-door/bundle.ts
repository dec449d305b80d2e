/** Bundles the front door (src/front-door/handler.ts) for the template: see src/lambda-bundle.ts. */
import type { BuildOptions } from 'esbuild';
import { bundleLambda, lambdaBuildOptions } from '../lambda-bundle';

/** Options of {@link bundleFrontDoor}. */
export interface BundleOptions {
  /** The handler's source file. Default: src/front-door/handler.ts of this checkout. */
  entry?: string;
}

/** esbuild's options for the front door's handler (also used by scripts/bundle.mjs). */
export function frontDoorBuildOptions(options: BundleOptions = {}): BuildOptions & { write: false } {
  return lambdaBuildOptions({ folder: 'front-door', ...options });
}

/** The minified front door as JavaScript source text (CommonJS, exports `handler`). */
export function bundleFrontDoor(options: BundleOptions = {}): string {
  return bundleLambda({ folder: 'front-door', ...options });
}
