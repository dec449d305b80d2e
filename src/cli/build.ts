/** `fargate-oidc build`: writes the template and the GitHub workflows into out/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileTemplate } from '../template/compile';
import { renderWorkflows } from '../workflows';
import { UserError } from '../errors';
import { renderDiagramMarkdown } from '../console/diagram';
import { renderLaunchPage } from '../console/launch-page';
import { bundleLaunchScript } from '../console/launch-page/bundle';

export const BUILD_USAGE = `Usage: fargate-oidc build [--out-dir DIR]

Compiles the template from src/template and writes, under DIR (default ./out):
  template.yaml, template.json          the CloudFormation template
  github/workflows/deploy.yml           deploy workflow for the app repository
  github/workflows/start-stop.yml       start/stop workflow for the app repository
Fails if the template breaks a CloudFormation limit.`;

/** What `build` wrote. */
export interface BuildResult {
  files: { path: string; bytes: number }[];
}

/** The files `build` writes, relative to the output directory, with their contents. */
export function buildOutputs(): { path: string; text: string }[] {
  const compiled = compileTemplate();
  const workflows = renderWorkflows(compiled.template);
  return [
    { path: 'template.yaml', text: compiled.yaml },
    { path: 'template.json', text: compiled.json },
    ...Object.entries(workflows).map(([name, text]) => ({ path: join('github', 'workflows', name), text })),
    { path: 'diagram.md', text: renderDiagramMarkdown(compiled.plain) },
    { path: 'launch.html', text: renderLaunchPage(compiled.plain, bundleLaunchScript()) },
  ];
}

/** Writes every build output into `outDir`. */
export function writeBuildOutputs(outDir: string): BuildResult {
  const files = buildOutputs().map((f) => ({ path: join(outDir, f.path), text: f.text }));
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.text);
  }
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
  const result = writeBuildOutputs(outDir);
  for (const f of result.files) out(`wrote ${f.path} (${f.bytes} bytes)`);
  return 0;
}
