/**
 * The Python package index's boundary for tests of `lint`'s cfn-lint install: a stand-in
 * `python3` whose `-m venv DIR` makes DIR/bin/pip, and a stand-in `pip` that records its
 * arguments and writes a fake `cfn-lint` into the venv, or fails as pip does offline.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VERSION = '1.51.0';
const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

/** The stand-ins' behaviour: `ok`, or the failure to imitate. */
export type Mode = { venv?: 'ok' | 'no-ensurepip'; pip?: 'ok' | 'offline' | 'broken' };

export interface Boundary {
  /** PATH holding only the stand-in python3. */
  path: string;
  /** Each command the stand-ins ran, one per line. */
  log: () => string[];
  /** XDG_CACHE_HOME for the run. */
  cache: string;
}

export function script(path: string, body: string): void {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

/** A PATH with a stand-in python3 (and pip beside it), behaving as `mode` says. */
export function boundary(mode: Mode = {}): Boundary {
  const bin = tempDir('fake-python-');
  const logFile = join(bin, 'commands.log');
  writeFileSync(logFile, '');
  // pip: records its arguments; on success writes a cfn-lint that reports nothing into its venv.
  const pipBody =
    mode.pip === 'offline'
      ? `echo "ERROR: Could not find a version that satisfies the requirement cfn-lint==${VERSION} (from versions: none)" >&2\necho "ERROR: No matching distribution found for cfn-lint==${VERSION}" >&2\nexit 1`
      : mode.pip === 'broken'
        ? 'echo "ERROR: Exception: disk quota exceeded" >&2\nexit 2'
        : `d=$(/usr/bin/dirname "$0")\nprintf '#!/bin/sh\\nif [ "$1" = --version ]; then echo "cfn-lint ${VERSION}"; else echo "[]"; fi\\n' > "$d/cfn-lint"\n/bin/chmod 755 "$d/cfn-lint"`;
  script(join(bin, 'pip'), `echo "pip $*" >> ${logFile}\n${pipBody}`);
  script(
    join(bin, 'python3'),
    `echo "python3 $*" >> ${logFile}\n` +
      (mode.venv === 'no-ensurepip'
        ? '/bin/mkdir -p "$3/bin"\necho "The virtual environment was not created successfully because ensurepip is not\\navailable.  On Debian/Ubuntu systems, you need to install the python3-venv package" >&2\nexit 1'
        : `/bin/mkdir -p "$3/bin" && /bin/ln -s ${join(bin, 'pip')} "$3/bin/pip"`),
  );
  return {
    path: bin,
    log: () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    cache: tempDir('cache-'),
  };
}
