/**
 * `fargate-oidc build`: with an app config (`fargate-oidc.config.ts`), compiles the app: its
 * template, each environment's parameter file and workflows. Without one, writes the generic
 * template of the console path (and its workflows, diagram and launch page) into out/.
 */
import { dirname, join, resolve } from 'node:path';
import { compileApp } from '../config/app';
import { findConfigFile, loadConfig } from '../config/load';
import { secretParameters } from '../config/secret-parameters';
import { compileTemplate } from '../template/compile';
import { renderWorkflows } from '../workflows';
import { writeWorkflowFiles } from '../workflows/write';
import { EXIT } from '../errors';
import { BUILD } from './commands';
import { parseCommand, usageText } from './spec';
import { writeTextFile } from '../write-text-file';
import { renderDiagramMarkdown } from '../console/diagram';
import { renderLaunchPage } from '../console/launch-page';
import { launchScript } from '../console/launch-page/bundle';
import * as publicApi from '../index';

/** `fargate-oidc build --help`. */
export const BUILD_USAGE = usageText(BUILD);

/** What `build` wrote. */
export interface BuildResult {
  files: { path: string; bytes: number }[];
  /** The compiler's notes about size (a template over the 51,200-byte body limit, which deploy sends through S3). */
  warnings: string[];
}

/** The files `build` writes without a config, relative to the output directory. */
export function buildOutputs(): { path: string; text: string }[] {
  return genericBuild().files;
}

/** The generic build: its files and the compiler's warnings. */
function genericBuild(): { files: { path: string; text: string }[]; warnings: string[] } {
  const compiled = compileTemplate();
  const workflows = renderWorkflows(compiled.template);
  return {
    warnings: compiled.warnings,
    files: [
      { path: 'template.yaml', text: compiled.yaml },
      { path: 'template.json', text: compiled.json },
      ...Object.entries(workflows).map(([name, text]) => ({ path: join('github', 'workflows', name), text })),
      { path: 'diagram.md', text: renderDiagramMarkdown(compiled.plain) },
      { path: 'launch.html', text: renderLaunchPage(compiled.plain, launchScript()) },
    ],
  };
}

function writeFiles(files: { path: string; text: string }[], outDir: string, warnings: string[] = []): BuildResult {
  for (const f of files) writeTextFile(f.path, f.text, '--out-dir', outDir);
  return { files: files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.text) })), warnings };
}

/** Writes every build output into `outDir`. */
export function writeBuildOutputs(outDir: string): BuildResult {
  const build = genericBuild();
  return writeFiles(
    build.files.map((f) => ({ path: join(outDir, f.path), text: f.text })),
    outDir,
    build.warnings,
  );
}

/** Options of an app build. */
export interface AppBuildOptions {
  /** The config file. */
  configFile: string;
  /** Overrides the config's `outDir`. */
  outDir?: string;
  /** Overwrite workflow files fargate-oidc did not write for the same app and environment. */
  force: boolean;
}

/** Compiles the app of `configFile` and writes its template, parameter files and workflows. */
export function buildApp(o: AppBuildOptions, out: (line: string) => void, err: (line: string) => void): BuildResult {
  const root = dirname(o.configFile);
  const config = loadConfig(o.configFile, publicApi);
  const plan = compileApp(config, o.configFile.slice(root.length + 1));
  for (const w of plan.warnings) err(`warning: ${w}`);
  // Expected for most apps (the default template is over 51,200 bytes) and handled by deploy: a note, not a warning.
  for (const n of plan.compiled.warnings) out(`note: ${n}`);
  const outDir = resolve(root, o.outDir ?? config.outDir ?? 'fargate-oidc');
  const workflowsDir = resolve(root, config.workflowsDir ?? join('.github', 'workflows'));
  const workflows = Object.assign({}, ...plan.environments.map((env) => renderWorkflows(plan.compiled.template, env.workflow))) as Record<
    string,
    string
  >;
  const written = writeWorkflowFiles(workflowsDir, workflows, {
    force: o.force,
    flag: 'workflowsDir',
    elsewhere: 'set workflowsDir in the config',
  }).map((path) => ({ path, bytes: Buffer.byteLength(workflows[path.slice(workflowsDir.length + 1)] ?? '') }));
  const result = writeFiles(
    [
      { path: join(outDir, 'template.yaml'), text: plan.compiled.yaml },
      { path: join(outDir, 'template.json'), text: plan.compiled.json },
      ...plan.environments.map((env) => ({
        path: join(outDir, 'params', `${env.name}.json`),
        text: `${JSON.stringify(env.parameters, null, 2)}\n`,
      })),
    ],
    outDir,
  );
  const files = [...result.files, ...written];
  for (const f of files) out(`wrote ${f.path} (${f.bytes} bytes)`);
  for (const env of plan.environments) {
    const secrets = secretParameters(config, env.name, env.stackName);
    if (secrets.length > 0) {
      out(`${env.name}: first write its secret${secrets.length === 1 ? '' : 's'} (SSM), once:`);
      for (const secret of secrets) out(`  ${secret.command}`);
    }
    out(
      `${env.name}: npx --no fargate-oidc deploy --env ${env.name}${env.region ? ` --region ${env.region}` : ''}, then set the repository variable ` +
        `${env.workflow.roleVariable} to the stack output DeployRoleArn of ${env.stackName}.`,
    );
  }
  return { files, warnings: plan.compiled.warnings };
}

/** Runs `build` with command-line arguments; returns the exit code. */
export function buildCommand(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  cwd: string = process.cwd(),
): number {
  const { values } = parseCommand(BUILD, argv);
  if (values.help) {
    out(BUILD_USAGE);
    return EXIT.ok;
  }
  const configFile = values.config ? resolve(cwd, values.config) : findConfigFile(cwd);
  if (configFile) {
    buildApp({ configFile, ...(values['out-dir'] ? { outDir: values['out-dir'] } : {}), force: values.force === true }, out, err);
    return EXIT.ok;
  }
  const result = writeBuildOutputs(values['out-dir'] ?? (cwd === process.cwd() ? 'out' : join(cwd, 'out')));
  for (const n of result.warnings) out(`note: ${n}`);
  for (const f of result.files) out(`wrote ${f.path} (${f.bytes} bytes)`);
  return EXIT.ok;
}
