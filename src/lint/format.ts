/**
 * Output formats: `text` (`file:line:col: severity [rule] message`, like compilers), `json`
 * (the whole result), and `github` (workflow commands that GitHub Actions shows as
 * annotations on the pull request: `::error file=…,line=…,col=…,title=…::message`).
 * Every format ends with the same summary line (in JSON, as fields).
 */
import type { LintResult } from './index';
import type { Finding } from './types';

/** The output formats `--format` accepts. */
export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `lint: 1 file, 0 errors, 2 warnings, 0 infos (cfn-lint 1.51.0 + fargate-oidc rules)` */
export function summaryLine(result: LintResult): string {
  const layers =
    'version' in result.cfnLint
      ? `cfn-lint ${result.cfnLint.version} + fargate-oidc rules`
      : 'fargate-oidc rules only; cfn-lint skipped by --skip-cfn-lint';
  const { error, warning, info } = result.counts;
  return `lint: ${plural(result.files.length, 'file')}, ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(info, 'info')} (${layers})`;
}

/** One finding as a compiler-style line. */
export function textLine(f: Finding): string {
  return `${f.file}:${f.line}:${f.col}: ${f.severity} [${f.rule}] ${f.message}`;
}

/** Escapes a workflow command's message (GitHub's `escapeData`). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (GitHub's `escapeProperty`). */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One finding as a GitHub Actions workflow command. */
export function githubLine(f: Finding): string {
  const command = f.severity === 'info' ? 'notice' : f.severity;
  const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.col}`, `title=${escapeProperty(f.rule)}`];
  return `::${command} ${props.join(',')}::${escapeData(`[${f.rule}] ${f.message}`)}`;
}

/** The lines to print for `result` in `format`. */
export function formatResult(result: LintResult, format: Format): string[] {
  switch (format) {
    case 'json':
      return [
        JSON.stringify(
          {
            files: result.files,
            cfnLint: result.cfnLint,
            counts: result.counts,
            summary: summaryLine(result),
            findings: result.findings,
          },
          null,
          2,
        ),
      ];
    case 'github':
      return [...result.findings.map(githubLine), summaryLine(result)];
    case 'text':
      return [...result.findings.map(textLine), summaryLine(result)];
  }
}
