/** `fargate-oidc lint [TEMPLATE ...]`: cfn-lint plus our least-privilege, cost and quota rules. */
import { parseArgs } from 'node:util';
import { LintInternalError, UserError } from '../errors';
import { CFN_LINT_TIMEOUT_MS } from '../lint/cfn-lint';
import { EXIT_CODES_TEXT, FAIL_ON } from '../lint/exit-codes';
import { FORMATS, formatResult, type Format } from '../lint/format';
import { ALL_RULES, lintExitCode, lintTemplates } from '../lint/index';

export const LINT_USAGE = `Usage: fargate-oidc lint [TEMPLATE ...] [--format text|json|github|sarif] [--skip-cfn-lint] [--fail-on error|warning|info|none]
                         [--cfn-lint-timeout SECONDS]
       fargate-oidc lint --list-rules

Lints CloudFormation templates (default: out/template.yaml) with cfn-lint (found on PATH or
through CFN_LINT) and fargate-oidc's own rules: least privilege (FO1xx), cost (FO2xx) and
quotas (FO3xx); --list-rules lists them. --format sarif writes SARIF 2.1.0 for GitHub code
scanning (github/codeql-action/upload-sarif), cfn-lint's findings and ours in one run. Turn a rule off for one resource with
  Metadata: { fargate-oidc: { ignore_rules: [FO201] } }
(or for the whole template with the same key in the template's top-level Metadata).

Warnings do not fail the run unless --fail-on warning (cfn-lint alone fails on them).
cfn-lint is stopped after --cfn-lint-timeout seconds (default 900) so it cannot hang a CI job.
${EXIT_CODES_TEXT}`;

/** Runs `lint` with command-line arguments; returns the exit code. */
export async function lintCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    out(LINT_USAGE);
    return 0;
  }
  if (values['list-rules']) {
    for (const r of ALL_RULES) out(`${r.id}  ${r.severity.padEnd(7)}  ${r.title}`);
    return 0;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}".`);
  const failOn = FAIL_ON.find((f) => f === values['fail-on']);
  if (failOn === undefined) throw new UserError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${values['fail-on']}".`);
  const timeout = Number(values['cfn-lint-timeout']);
  if (!(timeout > 0)) throw new UserError(`--cfn-lint-timeout must be a number of seconds above 0, not "${values['cfn-lint-timeout']}".`);
  const files = positionals.length > 0 ? positionals : ['out/template.yaml'];
  let lines: string[];
  let code: number;
  try {
    const result = await lintTemplates(files, { skipCfnLint: values['skip-cfn-lint'], cfnLint: { timeoutMs: timeout * 1000 } });
    lines = formatResult(result, format);
    code = lintExitCode(result, failOn);
  } catch (e) {
    // A crash must not look like findings: user errors keep their codes, bugs get their own.
    throw e instanceof UserError ? e : new LintInternalError(e);
  }
  for (const line of lines) out(line);
  return code;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        'skip-cfn-lint': { type: 'boolean', default: false },
        'fail-on': { type: 'string', default: 'error' },
        'cfn-lint-timeout': { type: 'string', default: String(CFN_LINT_TIMEOUT_MS / 1000) },
        'list-rules': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n\n${LINT_USAGE}`);
  }
}
