/**
 * The package's version (`fargate-oidc --version`), read from package.json at bundle time by
 * esbuild (the JSON import is inlined), so the installed command needs no file lookup.
 */
import packageJson from '../../package.json';

/** The version in package.json, e.g. `0.1.0`. */
export const PACKAGE_VERSION: string = packageJson.version;
