/**
 * `lintTemplates(files, options)`: the three layers on any CloudFormation templates.
 * cfn-lint runs as a child process while our rules run in this one, so our layers add
 * almost nothing to the wall time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateReadError } from '../errors';
import { runCfnLint, type CfnLintOptions } from './cfn-lint';
import { LINT_EXIT, type FailOn } from './exit-codes';
import type { RuleMetadata } from './rule-metadata';
import { runRules } from './rules';
import { decodeTemplate, type ParsedTemplate } from '../template-file/decode';
import type { Finding, Severity } from './types';

export type { Finding, Severity } from './types';
export { ALL_RULES } from './rules';

/** How to lint. */
export interface LintOptions {
  /** Do not run cfn-lint (layer 1). The summary says it was skipped. Default false. */
  skipCfnLint?: boolean;
  /** Where to find cfn-lint (`PATH`, `CFN_LINT`) and where to run it. */
  cfnLint?: CfnLintOptions;
}

/** Which cfn-lint ran, or that it was skipped on request. */
export type CfnLintStatus = { version: string } | { skipped: true };

/** The outcome of a lint run. */
export interface LintResult {
  /** The templates, as named by the caller. */
  files: string[];
  /** Every finding of every layer, by file (in the order given), line, column, rule. */
  findings: Finding[];
  cfnLint: CfnLintStatus;
  /** Number of findings per severity. */
  counts: Record<Severity, number>;
  /** cfn-lint's descriptions of the rules behind its findings (empty when it was skipped). */
  cfnLintRules: RuleMetadata[];
}

/** Lints templates given as text (no cfn-lint): our layers only. Pure apart from IAM data reads. */
export async function lintTexts(templates: readonly { file: string; text: string }[]): Promise<Finding[]> {
  const all = await Promise.all(templates.map(({ file, text }) => runRules(decodeTemplate(file, text))));
  return all.flat();
}

function readTemplate(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EISDIR')
      throw new TemplateReadError(file, 'it is a directory', `Name the template files in it (e.g. ${join(file, '*.yaml')}).`);
    throw new TemplateReadError(file, err.code === 'ENOENT' ? 'no such file' : err.message);
  }
}

/**
 * Lints template files through every layer. Throws the cfn-lint errors unless it is skipped.
 * Our reader goes first: a file it refuses as hostile (an alias bomb) is not given to cfn-lint,
 * whose YAML reader would expand it and hang the job.
 */
export async function lintTemplates(files: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  const sources: ParsedTemplate[] = files.map((file) => decodeTemplate(file, readTemplate(file)));
  const forCfnLint = sources.filter((s) => s.refused === undefined).map((s) => s.file);
  const [cfn, ours] = await Promise.all([
    options.skipCfnLint ? undefined : runCfnLint(forCfnLint, options.cfnLint),
    Promise.all(sources.map(runRules)).then((all) => all.flat()),
  ]);
  const order = new Map(files.map((f, i) => [f, i]));
  const findings = [...(cfn?.findings ?? []), ...ours].sort(
    (a, b) =>
      (order.get(a.file) ?? files.length) - (order.get(b.file) ?? files.length) ||
      a.line - b.line ||
      a.col - b.col ||
      a.rule.localeCompare(b.rule),
  );
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return {
    files: [...files],
    findings,
    cfnLint: cfn ? { version: cfn.version } : { skipped: true },
    counts,
    cfnLintRules: cfn?.rules ?? [],
  };
}

/** Exit code for a result: 1 when a finding at or above `failOn` exists, else 0. */
export function lintExitCode(result: LintResult, failOn: FailOn = 'error'): number {
  const failing: Record<FailOn, Severity[]> = {
    error: ['error'],
    warning: ['error', 'warning'],
    info: ['error', 'warning', 'info'],
    none: [],
  };
  return failing[failOn].some((s) => result.counts[s] > 0) ? LINT_EXIT.findings : LINT_EXIT.clean;
}
