/**
 * Which Node.js versions the CLI supports, and the one line it prints when that matters.
 *
 * The AWS SDK for JavaScript v3 prints a seven-line `NodeVersionSupportWarning` on Node < 22 the
 * first time a client is made. We turn that off (its documented switch,
 * `AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true`) and say it in one line instead, and
 * only for the commands that call AWS, where the SDK's support is what matters.
 *
 * Sources: Node.js release schedule, https://nodejs.org/en/about/previous-releases (Node 20
 * reached end of life on 2026-04-30); the SDK's notice, https://a.co/c895JFp (SDK releases after
 * the first week of January 2027 require Node 22 or later).
 */

/** The oldest Node.js the CLI runs on; package.json `engines` says the same. */
export const MIN_NODE = { major: 20, minor: 19 } as const;

/** The first major the AWS SDK keeps supporting after January 2027. */
export const SDK_MIN_MAJOR = 22;

/** Commands that load the AWS SDK. */
export const AWS_COMMANDS: ReadonlySet<string> = new Set(['deploy', 'destroy', 'publish', 'secret']);

/** Parses `v20.19.2` (process.version) into numbers; undefined when it is not that shape. */
export function parseNodeVersion(version: string): { major: number; minor: number } | undefined {
  const m = /^v?(\d+)\.(\d+)\./.exec(version);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** An error line when the CLI cannot run on this Node.js at all, else undefined. */
export function unsupportedNode(version: string): string | undefined {
  const v = parseNodeVersion(version);
  if (!v) return undefined;
  if (v.major > MIN_NODE.major || (v.major === MIN_NODE.major && v.minor >= MIN_NODE.minor)) return undefined;
  return `fargate-oidc needs Node.js ${MIN_NODE.major}.${MIN_NODE.minor} or later (22 or 24 recommended); this is Node.js ${version}.`;
}

/**
 * The one line to print before a command that calls AWS on a Node.js the SDK is leaving
 * behind; undefined for other commands and newer Node.js.
 */
export function nodeVersionNote(version: string, command: string | undefined): string | undefined {
  if (command === undefined || !AWS_COMMANDS.has(command)) return undefined;
  const v = parseNodeVersion(version);
  if (!v || v.major >= SDK_MIN_MAJOR) return undefined;
  return `note: Node.js ${version} is past its end of life; AWS SDK releases after January 2027 need Node.js ${SDK_MIN_MAJOR} or later, so upgrade to 22 or 24.`;
}

/** Turns off the SDK's own multi-line warning (it reads this variable when a client is made). */
export function silenceSdkNodeWarning(env: NodeJS.ProcessEnv): void {
  env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
}
