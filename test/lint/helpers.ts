import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

export const FIXTURES = join(__dirname, 'fixtures');

/** Runs the CLI in-process and collects what it prints. */
export async function runCli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

/** A fresh temporary directory. */
export const tempDir = (prefix = 'lint-'): string => mkdtempSync(join(tmpdir(), prefix));

/** Writes an executable shell script named `cfn-lint` into a new directory; returns the directory. */
export function fakeCfnLint(script: string): string {
  const dir = tempDir('fake-cfn-lint-');
  const path = join(dir, 'cfn-lint');
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return dir;
}

/** Runs `fn` with environment variables replaced, then restores them. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** A YAML alias bomb: 9 levels of 9 aliases, 387 million values once expanded, from 640 bytes. */
export function aliasBomb(): string {
  const lines = ['Resources:', '  T:', '    Type: AWS::SNS::Topic', '    Metadata:', '      a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= 9; i++)
    lines.push(
      `      a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}]`,
    );
  return `${lines.join('\n')}\n`;
}
