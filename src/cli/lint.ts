/** `fargate-oidc lint [TEMPLATE ...]`: cfn-lint plus our least-privilege, cost and quota rules. */
import { EXIT } from '../errors';
import { LINT } from './commands';
import { checkChoice, parseCommand, usageText } from './spec';
import { FORMATS, formatResult, type Format } from '../lint/format';
import { ALL_RULES, lintExitCode, lintTemplates } from '../lint/index';

/** `fargate-oidc lint --help`. */
export const LINT_USAGE = usageText(LINT);

/** Runs `lint` with command-line arguments; returns the exit code. */
export async function lintCommand(argv: string[], out: (line: string) => void): Promise<number> {
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
  checkChoice('--fail-on', failOn, ['error', 'warning'] as const);
  const files = positionals.length > 0 ? positionals : ['out/template.yaml'];
  const result = await lintTemplates(files, { skipCfnLint: values['skip-cfn-lint'] });
  for (const line of formatResult(result, format)) out(line);
  return lintExitCode(result, failOn);
}

