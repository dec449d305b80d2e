/**
 * Writes generated workflows into the app repository without clobbering anything: a file is
 * replaced only when it carries the owner line of the same app and environment (see
 * `ownerLine`), or with `force`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors';
import { writeTextFile } from '../write-text-file';
import type { WorkflowFiles } from './index';

/** A workflow file that exists and was not written by us for the same app and environment. */
export class WorkflowOverwriteError extends UserError {
  constructor(
    readonly files: readonly string[],
    /** How to write them elsewhere: `give --out DIR` (workflows), `set workflowsDir in the config` (build). */
    elsewhere = 'give --out DIR',
  ) {
    super(
      `refusing to overwrite ${files.join(', ')}: not written by fargate-oidc for this app and environment. ` +
        `Move them away, ${elsewhere}, or pass --force to overwrite.`,
    );
  }
}

/** Options of {@link writeWorkflowFiles}. */
export interface WriteWorkflowOptions {
  /** Replace files fargate-oidc did not write for the same app and environment. */
  force: boolean;
  /** The refusal's way to write them elsewhere, for the command that writes (default `give --out DIR`). */
  elsewhere?: string;
  /** What the user gave for the directory (`--out`, `workflowsDir`), named when it cannot be written. */
  flag: string;
}

const OWNER = /^# fargate-oidc: app=\S+ environment=\S+$/m;

/** Files of `files` that exist in `dir` and would be overwritten without our owner line. */
export function foreignFiles(dir: string, files: WorkflowFiles): string[] {
  return Object.entries(files)
    .map(([name, text]) => ({ path: join(dir, name), owner: OWNER.exec(text)?.[0] }))
    .filter(({ path, owner }) => existsSync(path) && (owner === undefined || OWNER.exec(readFileSync(path, 'utf8'))?.[0] !== owner))
    .map(({ path }) => path);
}

/**
 * Writes `files` into `dir` (creating it); refuses (before writing any) to replace a foreign
 * file unless `force`. A directory that cannot be written is a plain message naming `flag`
 * (what the user gave: `--out`, `workflowsDir`).
 */
export function writeWorkflowFiles(dir: string, files: WorkflowFiles, o: WriteWorkflowOptions): string[] {
  const foreign = o.force ? [] : foreignFiles(dir, files);
  if (foreign.length > 0) throw new WorkflowOverwriteError(foreign, o.elsewhere);
  return Object.entries(files).map(([name, text]) => {
    const path = join(dir, name);
    writeTextFile(path, text, o.flag, dir);
    return path;
  });
}
