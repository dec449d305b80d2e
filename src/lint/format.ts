/**
 * Output formats: `text` (`file:line:col: severity [rule] message`, like compilers), `json`
 * (the whole result), `github` (workflow commands that GitHub Actions shows as annotations on
 * the pull request: `::error file=…,line=…,col=…,title=…::message`) and `sarif` (SARIF 2.1.0
 * for code scanning, see `sarif.ts`). Text, github and json end with the same summary line (in
 * JSON, as a field); SARIF is one document and nothing else.
 */
import type { LintResult } from './index';
import { sarifLog, type SarifOptions } from './sarif';
import type { Finding } from './types';

/** The output formats `--format` accepts. */
export const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
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

/**
 * Control characters (C0, DEL, C1) and bidirectional overrides, which a template value could use
 * to forge an output line (`\n`), an ANSI escape (`\x1b[2K` erases the line) or reorder text.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `unsafe` characters written as escapes (`\n`, `\x1b`, `\u202e`), like JSON and the `github` format do. */
export function escapeControl(s: string, keep = ''): string {
  return s.replace(UNSAFE, (c) => {
    if (keep.includes(c)) return c;
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/** Lists longer than this are cut to their first {@link LIST_HEAD} items in text output. */
const LIST_MAX = 8;
const LIST_HEAD = 3;
/** A comma-separated run of more than {@link LIST_MAX} items: quoted strings or unspaced words (`s3:GetObject`, `AWS::EC2::VPC`). */
const ITEM = String.raw`(?:'[^'\s]*'|"[^"\s]*"|[^\s,()\[\]'"]+)`;
const LONG_LIST = new RegExp(`${ITEM}(?:, ${ITEM}){${LIST_MAX},}`, 'g');

/**
 * `message` with every long list cut to a few items and a count: `a, b, c and 97 more`.
 * cfn-lint's W3037 lists every S3 action; the JSON and SARIF outputs keep the whole message.
 */
export function capLists(message: string): string {
  return message.replace(LONG_LIST, (run) => {
    const items = run.split(', ');
    return `${items.slice(0, LIST_HEAD).join(', ')} and ${items.length - LIST_HEAD} more`;
  });
}

/** One finding as a compiler-style line, control characters escaped, long lists cut. */
export function textLine(f: Finding): string {
  return escapeControl(`${f.file}:${f.line}:${f.col}: ${f.severity} [${f.rule}] ${capLists(f.message)}`);
}

/** Escapes a workflow command's message (GitHub's `escapeData`). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (GitHub's `escapeProperty`). */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One finding as a GitHub Actions workflow command (line breaks kept as `%0A`, long lists cut). */
export function githubLine(f: Finding): string {
  const command = f.severity === 'info' ? 'notice' : f.severity;
  const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.col}`, `title=${escapeProperty(f.rule)}`];
  return `::${command} ${props.join(',')}::${escapeData(escapeControl(`[${f.rule}] ${capLists(f.message)}`, '\r\n'))}`;
}

/** The lines to print for `result` in `format`. */
export function formatResult(result: LintResult, format: Format, options: SarifOptions = {}): string[] {
  switch (format) {
    case 'sarif':
      return [JSON.stringify(sarifLog(result, options), null, 2)];
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
