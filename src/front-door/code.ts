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

/**
 * The same handler as a small loader: the code deflated (raw DEFLATE, base64) and evaluated in
 * the module's own scope, so `module.exports.handler` is set as by the plain code. About 4 KB
 * smaller; the compiler uses it only when the template would not fit CloudFormation's
 * 51,200-byte body limit with the plain code (an app with large modules of its own), because
 * the plain code is the one a reviewer can read. `npm run build` makes both from src/.
 */
export function compressedFrontDoorCode(code: string): string {
  // Loaded here: the build without an oversized template never needs zlib.
  const { deflateRawSync } = require('node:zlib') as typeof import('node:zlib');
  const packed = deflateRawSync(Buffer.from(code), { level: 9 }).toString('base64');
  return `eval(require("zlib").inflateRawSync(Buffer.from("${packed}","base64")).toString())\n`;
}
