/** `fargate-oidc build`: writes out/template.yaml and out/template.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileTemplate } from '../template/compile';
import { UserError } from '../errors';

export const BUILD_USAGE = `Usage: fargate-oidc build [--out-dir DIR]

Compiles the template from src/template and writes DIR/template.yaml and DIR/template.json
(DIR defaults to ./out). Fails if the template breaks a CloudFormation limit.`;

/** What `build` wrote. */
export interface BuildResult {
  files: { path: string; bytes: number }[];
}

/** Writes the compiled template files into `outDir`. */
export function writeTemplateFiles(outDir: string): BuildResult {
  const compiled = compileTemplate();
  mkdirSync(outDir, { recursive: true });
  const files = [
    { path: join(outDir, 'template.yaml'), text: compiled.yaml },
    { path: join(outDir, 'template.json'), text: compiled.json },
  ];
  for (const f of files) writeFileSync(f.path, f.text);
  return { files: files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.text) })) };
}

/** Runs `build` with command-line arguments; returns the exit code. */
export function buildCommand(argv: string[], out: (line: string) => void): number {
  let outDir = 'out';
  try {
    const { values } = parseArgs({
      args: argv,
      options: { 'out-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if (values.help) {
      out(BUILD_USAGE);
      return 0;
    }
    outDir = values['out-dir'] ?? outDir;
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n\n${BUILD_USAGE}`);
  }
  const result = writeTemplateFiles(outDir);
  for (const f of result.files) out(`wrote ${f.path} (${f.bytes} bytes)`);
  return 0;
}
