/**
 * `fargate-oidc build`: with an app config (`fargate-oidc.config.ts`), compiles the app: its
 * template, each environment's parameter file and workflows. Without one, writes the generic
 * template of the console path (and its workflows, diagram and launch page) into out/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compileApp } from '../config/app';
import { findConfigFile, loadConfig } from '../config/load';
import { compileTemplate } from '../template/compile';
import { renderWorkflows } from '../workflows';
import { writeWorkflowFiles } from '../workflows/write';
import { UserError } from '../errors';
import { renderDiagramMarkdown } from '../console/diagram';
import { renderLaunchPage } from '../console/launch-page';
import { bundleLaunchScript } from '../console/launch-page/bundle';
import * as publicApi from '../index';

export const BUILD_USAGE = `Usage: fargate-oidc build [--out-dir DIR] [--config FILE] [--force]

With fargate-oidc.config.ts (or .mts, .js, .mjs) in the current directory, or --config FILE,
compiles your app and writes:
  DIR/template.yaml, template.json      the template every environment deploys
                                        (DIR: --out-dir, the config's outDir, default fargate-oidc)
  DIR/params/<environment>.json         each environment's parameters (deploy --env reads them)
  .github/workflows/deploy-<environment>.yml, start-stop-<environment>.yml
                                        (the config's workflowsDir); a workflow file not written
                                        by fargate-oidc for the same app and environment is left
                                        alone unless --force
Without a config, compiles this project's generic template and writes, under DIR (default ./out):
  template.yaml, template.json          the CloudFormation template of the console path
  github/workflows/deploy.yml           deploy workflow for the app repository
  github/workflows/start-stop.yml       start/stop workflow for the app repository
  diagram.md, launch.html               the resource diagram and the launch page
Fails if the template breaks a CloudFormation limit.`;

/** What `build` wrote. */
export interface BuildResult {
  files: { path: string; bytes: number }[];
}

/** The files `build` writes without a config, relative to the output directory. */
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

function writeFiles(files: { path: string; text: string }[]): BuildResult {
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.text);
  }
  return { files: files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.text) })) };
}

/** Writes every build output into `outDir`. */
export function writeBuildOutputs(outDir: string): BuildResult {
  return writeFiles(buildOutputs().map((f) => ({ path: join(outDir, f.path), text: f.text })));
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
  const outDir = resolve(root, o.outDir ?? config.outDir ?? 'fargate-oidc');
  const workflowsDir = resolve(root, config.workflowsDir ?? join('.github', 'workflows'));
  const workflows = Object.assign({}, ...plan.environments.map((env) => renderWorkflows(plan.compiled.template, env.workflow))) as Record<string, string>;
  const written = writeWorkflowFiles(workflowsDir, workflows, o.force).map((path) => ({ path, bytes: Buffer.byteLength(workflows[path.slice(workflowsDir.length + 1)] ?? '') }));
  const result = writeFiles([
    { path: join(outDir, 'template.yaml'), text: plan.compiled.yaml },
    { path: join(outDir, 'template.json'), text: plan.compiled.json },
    ...plan.environments.map((env) => ({ path: join(outDir, 'params', `${env.name}.json`), text: `${JSON.stringify(env.parameters, null, 2)}\n` })),
  ]);
  const files = [...result.files, ...written];
  for (const f of files) out(`wrote ${f.path} (${f.bytes} bytes)`);
  for (const env of plan.environments) {
    out(
      `${env.name}: npx --no fargate-oidc deploy --env ${env.name}${env.region ? ` --region ${env.region}` : ''}, then set the repository variable ` +
        `${env.workflow.roleVariable} to the stack output DeployRoleArn of ${env.stackName}.`,
    );
  }
  return { files };
}

/** Runs `build` with command-line arguments; returns the exit code. */
export function buildCommand(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  cwd: string = process.cwd(),
): number {
  let values: { 'out-dir'?: string; config?: string; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'out-dir': { type: 'string' },
        config: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n\n${BUILD_USAGE}`);
  }
  if (values.help) {
    out(BUILD_USAGE);
    return 0;
  }
  const configFile = values.config ? resolve(cwd, values.config) : findConfigFile(cwd);
  if (configFile) {
    buildApp({ configFile, ...(values['out-dir'] ? { outDir: values['out-dir'] } : {}), force: values.force === true }, out, err);
    return 0;
  }
  const result = writeBuildOutputs(values['out-dir'] ?? (cwd === process.cwd() ? 'out' : join(cwd, 'out')));
  for (const f of result.files) out(`wrote ${f.path} (${f.bytes} bytes)`);
  return 0;
}
