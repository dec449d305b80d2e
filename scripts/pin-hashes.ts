/**
 * `npm run pin-hashes`: for maintainers, with the Python package registry reachable. Resolves
 * requirements/cfn-lint.txt in a throw-away venv (`pip install`, `pip freeze`), downloads every
 * resolved package's files for the platforms users run (`pip download --only-binary`, plus the
 * sdists), and rewrites the file with every pin and its sha256 hashes, so `lint` installs with
 * `pip install --require-hashes`. Review the diff and commit it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hashPins, hashedRequirements, headerOf, parseFreeze } from '../src/lint/requirement-hashes';

const FILE = resolve(__dirname, '..', 'requirements', 'cfn-lint.txt');
/** Platforms whose wheels are hashed (pip picks the one that fits at install). */
const PLATFORMS = ['manylinux2014_x86_64', 'manylinux2014_aarch64', 'macosx_11_0_arm64', 'macosx_10_9_x86_64', 'win_amd64'];
const PYTHONS = ['3.9', '3.10', '3.11', '3.12', '3.13'];

function sh(command: string, args: string[]): string {
  process.stderr.write(`$ ${command} ${args.join(' ')}\n`);
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

const work = mkdtempSync(join(tmpdir(), 'pin-hashes-'));
try {
  const venv = join(work, 'venv');
  const pip = join(venv, 'bin', 'pip');
  sh('python3', ['-m', 'venv', venv]);
  const plain = join(work, 'requirements.txt');
  // Resolve without hashes (pip refuses a partly hashed file).
  writeFileSync(
    plain,
    readFileSync(FILE, 'utf8')
      .replace(/\s*\\\n\s*--hash=\S+/g, '')
      .replace(/\s--hash=\S+/g, ''),
  );
  sh(pip, ['install', '--disable-pip-version-check', '-r', plain]);
  const pins = parseFreeze(sh(pip, ['freeze', '--all', '--exclude', 'pip', '--exclude', 'setuptools', '--exclude', 'wheel']));
  const frozen = join(work, 'frozen.txt');
  writeFileSync(frozen, pins.map((p) => `${p.name}==${p.version}`).join('\n'));
  const files = join(work, 'files');
  // One batch per platform and Python; a package without a wheel there fails the batch, so
  // then each package alone (a missing wheel is fine: the sdist below covers it).
  const download = (extra: string[]): void => {
    try {
      sh(pip, ['download', '--disable-pip-version-check', '--no-deps', '-d', files, ...extra, '-r', frozen]);
    } catch {
      for (const p of pins) {
        try {
          sh(pip, ['download', '--disable-pip-version-check', '--no-deps', '-d', files, ...extra, `${p.name}==${p.version}`]);
        } catch {
          process.stderr.write(`  (no ${p.name} ${p.version} file for ${extra.join(' ')})\n`);
        }
      }
    }
  };
  for (const platform of PLATFORMS) {
    for (const python of PYTHONS) download(['--only-binary=:all:', '--platform', platform, '--python-version', python]);
  }
  download(['--no-binary=:all:']);
  const digests = readdirSync(files).map((file) => ({
    file,
    sha256: createHash('sha256')
      .update(readFileSync(join(files, file)))
      .digest('hex'),
  }));
  writeFileSync(FILE, hashedRequirements(headerOf(readFileSync(FILE, 'utf8')), hashPins(pins, digests)));
  process.stderr.write(`Wrote ${FILE}: ${pins.length} pins, ${digests.length} files hashed. Review and commit it.\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
