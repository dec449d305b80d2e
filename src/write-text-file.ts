/**
 * The one file writer of the files `build` and `workflows` produce. A path that cannot be written is a user
 * error naming the flag and the reason in words (not a raw EEXIST or EACCES).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from './errors';

/**
 * Writes `text` to `path`, creating its directory. `flag` and `dir` name what the user gave
 * (e.g. `--out`, `.github/workflows`) for the message.
 */
export function writeTextFile(path: string, text: string, flag: string, dir: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `${dir} (or a directory above it) is a file, not a directory`
        : code === 'EISDIR'
          ? `${path} is a directory`
          : code === 'EACCES' || code === 'EPERM'
            ? `no permission to write ${path}`
            : code === 'EROFS'
              ? `${dir} is on a read-only file system`
              : `cannot write ${path} (${(e as Error).message})`;
    throw new UserError(`${flag} ${dir}: ${why}. Give a directory you can write to.`);
  }
}
