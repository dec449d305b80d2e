/** Bundles the deployer (src/deployer/handler.ts) for the template: see src/lambda-bundle.ts. */
import type { BuildOptions } from 'esbuild';
import { bundleLambda, lambdaBuildOptions } from '../lambda-bundle';

/** Options of {@link bundleDeployer}. */
export interface DeployerBundleOptions {
  /** The handler's source file. Default: src/deployer/handler.ts of this checkout. */
  entry?: string;
}

/** esbuild's options for the deployer (also used by scripts/bundle.mjs). */
export function deployerBuildOptions(options: DeployerBundleOptions = {}): BuildOptions & { write: false } {
  return lambdaBuildOptions({ folder: 'deployer', ...options });
}

/** The minified deployer as JavaScript source text (CommonJS, exports `handler`). */
export function bundleDeployer(options: DeployerBundleOptions = {}): string {
  return bundleLambda({ folder: 'deployer', ...options });
}
