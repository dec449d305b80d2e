/**
 * The deployer's bundled source for the template's `Code.ZipFile`. scripts/bundle.mjs bundles
 * it once and inlines it as `DEPLOYER_CODE` into every dist/ file; from the TypeScript sources
 * (jest, scripts), it is bundled from src/deployer/handler.ts.
 */

/** Replaced with the bundled handler by scripts/bundle.mjs (esbuild `define`); undeclared elsewhere. */
declare const DEPLOYER_CODE: string | undefined;

/** The minified handler (CommonJS, exports `handler`). */
export function deployerCode(): string {
  if (typeof DEPLOYER_CODE === 'string') return DEPLOYER_CODE;
  // Loaded here, not at the top: only a run from the sources pays for esbuild.
  const { bundleDeployer } = require('./bundle') as typeof import('./bundle');
  return bundleDeployer();
}
