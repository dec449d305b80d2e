/** `fargate-oidc lint [TEMPLATE ...]`: cfn-lint plus our least-privilege, cost and quota rules. */
import { existsSync } from 'node:fs';
import { EXIT, LintInternalError, TemplateReadError, UserError } from '../errors';
import { LINT } from './commands';
import { checkChoice, parseCommand, usageText } from './spec';
import { FAIL_ON } from '../lint/exit-codes';
import { FORMATS, formatResult, type Format } from '../lint/format';
import { ALL_RULES, lintExitCode, lintTemplates } from '../lint/index';
import { appEnvironment, appTemplateFile } from './app-env';
import { provisionCfnLint, shippedRequirementsFile } from '../lint/provision';
import { askYesNo } from '../ui/prompt';

/** `fargate-oidc lint --help`. */
export const LINT_USAGE = usageText(LINT);

/** Runs `lint` with command-line arguments; returns the exit code. */
export async function lintCommand(argv: string[], out: (line: string) => void, err: (line: string) => void = () => {}): Promise<number> {
  const { values, positionals } = parseCommand(LINT, argv);
  if (values.help) {
    out(LINT_USAGE);
    return EXIT.ok;
  }
  if (values['list-rules']) {
    for (const r of ALL_RULES) out(`${r.id}  ${r.severity.padEnd(7)}  ${r.title}`);
    return EXIT.ok;
  }
  const format: string = values.format;
  checkChoice<Format>('--format', format, FORMATS);
  const failOn: string = values['fail-on'];
  checkChoice('--fail-on', failOn, FAIL_ON);
  const timeout = Number(values['cfn-lint-timeout']);
  if (!(timeout > 0)) throw new UserError(`--cfn-lint-timeout must be a number of seconds above 0, not "${values['cfn-lint-timeout']}".`);
  if (values.env !== undefined && positionals.length > 0) throw new UserError('--env picks the template: leave out the template files.');
  // In an app repository: --env NAME, or bare, the app's built template (not out/template.yaml).
  const app = appEnvironment('lint', { env: values.env, explicit: 'lint', cwd: process.cwd() });
  const appFile = positionals.length > 0 ? undefined : (app?.target.templateFile ?? appTemplateFile(process.cwd()));
  if (appFile !== undefined && !existsSync(appFile)) {
    throw new TemplateReadError(
      appFile,
      'no such file',
      'This is an app repository: run "npx --no fargate-oidc build" to write it, or name a template file.',
    );
  }
  const files = positionals.length > 0 ? positionals : [appFile ?? 'out/template.yaml'];
  let lines: string[];
  let code: number;
  try {
    const provisioned = values['skip-cfn-lint']
      ? undefined
      : await provisionCfnLint({
          env: process.env,
          requirementsFile: shippedRequirementsFile(),
          install: values['install-cfn-lint'],
          ...(process.stdin.isTTY && process.stderr.isTTY ? { ask: (q: string) => askYesNo(q, err) } : {}),
          say: err,
        });
    const env = provisioned === undefined ? process.env : { ...process.env, CFN_LINT: provisioned };
    const result = await lintTemplates(files, { skipCfnLint: values['skip-cfn-lint'], cfnLint: { timeoutMs: timeout * 1000, env } });
    lines = formatResult(result, format);
    code = lintExitCode(result, failOn);
  } catch (e) {
    // A crash must not look like findings: user errors keep their codes, bugs get their own.
    throw e instanceof UserError ? e : new LintInternalError(e);
  }
  for (const line of lines) out(line);
  return code;
}
