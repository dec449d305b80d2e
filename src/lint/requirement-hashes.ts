/**
 * The pure half of `npm run pin-hashes` (scripts/pin-hashes.ts): turns the downloaded
 * distribution files of a resolved set of pins into a requirements file that
 * `pip install --require-hashes` accepts (every package pinned with `==` and at least one
 * `--hash=sha256:`).
 */

/** One resolved package: its pin and the sha256 of each of its distribution files. */
export interface HashedPin {
  /** The project name as `pip freeze` writes it, e.g. `cfn-lint`. */
  readonly name: string;
  /** The exact version. */
  readonly version: string;
  /** Hex sha256 digests of its wheels and sdist. */
  readonly hashes: readonly string[];
}

/** PEP 503 normalised name: lowercase, runs of `-`, `_`, `.` as one `-`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The project name and version in a wheel or sdist file name, or undefined. */
export function distributionOf(file: string): { name: string; version: string } | undefined {
  const wheel = /^([^-]+)-([^-]+)-.*\.whl$/.exec(file);
  if (wheel?.[1] && wheel[2]) return { name: normalizeName(wheel[1]), version: wheel[2] };
  const sdist = /^(.+)-([0-9][^-]*)\.(tar\.gz|zip)$/.exec(file);
  if (sdist?.[1] && sdist[2]) return { name: normalizeName(sdist[1]), version: sdist[2] };
  return undefined;
}

/** `pip freeze` lines (`name==version`) as pins; other lines are left out. */
export function parseFreeze(text: string): { name: string; version: string }[] {
  return text
    .split(/\r?\n/)
    .map((l) => /^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1] ?? '', version: m[2] ?? '' }));
}

/** Groups file digests by pin; throws naming the pins that no downloaded file matches. */
export function hashPins(
  pins: readonly { name: string; version: string }[],
  files: readonly { file: string; sha256: string }[],
): HashedPin[] {
  const out = pins.map((p) => ({
    name: p.name,
    version: p.version,
    hashes: files
      .filter((f) => {
        const d = distributionOf(f.file);
        return d !== undefined && d.name === normalizeName(p.name) && d.version === p.version;
      })
      .map((f) => f.sha256)
      .sort(),
  }));
  const missing = out.filter((p) => p.hashes.length === 0).map((p) => `${p.name}==${p.version}`);
  if (missing.length > 0) throw new Error(`no downloaded file for ${missing.join(', ')}`);
  return out;
}

/** The requirements file: the header comment kept, then each pin with its hashes, sorted by name. */
export function hashedRequirements(header: string, pins: readonly HashedPin[]): string {
  const body = [...pins]
    .sort((a, b) => normalizeName(a.name).localeCompare(normalizeName(b.name)))
    .map((p) => [`${p.name}==${p.version}`, ...[...new Set(p.hashes)].map((h) => `    --hash=sha256:${h}`)].join(' \\\n'));
  return `${header.trimEnd()}\n${body.join('\n')}\n`;
}

/** The leading comment lines of a requirements file. */
export function headerOf(requirements: string): string {
  const lines = requirements.split(/\r?\n/);
  const end = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return lines.slice(0, end === -1 ? lines.length : end).join('\n');
}
