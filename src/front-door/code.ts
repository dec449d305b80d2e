/**
 * The front door's bundled source for the template's `Code.ZipFile`. scripts/bundle.mjs bundles
 * it once and inlines it as `FRONT_DOOR_CODE` into every dist/ file (so an installed package
 * needs neither src/ nor esbuild for it, and `npm run build` does not bundle it again); from
 * the TypeScript sources (jest, scripts), it is bundled from src/front-door/handler.ts.
 */

/** Replaced with the bundled handler by scripts/bundle.mjs (esbuild `define`); undeclared elsewhere. */
declare const FRONT_DOOR_CODE: string | undefined;

/** The minified handler (CommonJS, exports `handler`). */
export function frontDoorCode(): string {
  if (typeof FRONT_DOOR_CODE === 'string') return FRONT_DOOR_CODE;
  // Loaded here, not at the top: only a run from the sources pays for esbuild.
  const { bundleFrontDoor } = require('./bundle') as typeof import('./bundle');
  return bundleFrontDoor();
}
