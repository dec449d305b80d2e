/** `fargate-oidc build`: writes the template and the GitHub workflows into out/. */
import { join } from 'node:path';
import { compileTemplate } from '../template/compile';
import { renderWorkflows } from '../workflows';
import { EXIT } from '../errors';
import { BUILD } from './commands';
import { parseCommand, usageText } from './spec';
import { writeTextFile } from './write-files';
import { renderDiagramMarkdown } from '../console/diagram';
import { renderLaunchPage } from '../console/launch-page';
import { bundleLaunchScript } from '../console/launch-page/bundle';

/** `fargate-oidc build --help`. */
export const BUILD_USAGE = usageText(BUILD);

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
  for (const f of files) writeTextFile(f.path, f.text, '--out-dir', outDir);
  return { files: files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.text) })) };
}

/** Runs `build` with command-line arguments; returns the exit code. */
export function buildCommand(argv: string[], out: (line: string) => void): number {
  const { values } = parseCommand(BUILD, argv);
  if (values.help) {
    out(BUILD_USAGE);
    return EXIT.ok;
  }
  const result = writeBuildOutputs(values['out-dir'] ?? 'out');
  for (const f of result.files) out(`wrote ${f.path} (${f.bytes} bytes)`);
  return EXIT.ok;
}
