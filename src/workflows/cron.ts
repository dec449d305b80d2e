/**
 * GitHub Actions' `on.schedule` cron: five fields (minute hour day month weekday, UTC), each a
 * comma list of `*`, `N`, `N-M`, with an optional `/STEP`, within the field's range; months and
 * weekdays may be named (JAN, SUN). Checked the way actionlint does (robfig/cron's standard
 * parser), so what `workflows --nightly-stop` writes is what GitHub accepts.
 * https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule
 */

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** `?` means "any" in the day fields. */
  question?: boolean;
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], question: true },
];

/**
 * What is wrong with a cron expression, naming the field, as words that follow the quoted
 * expression; undefined when GitHub accepts it.
 */
export function cronProblem(expression: string): string | undefined {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== FIELDS.length || parts[0] === '') {
    return 'is not a 5-field cron expression (minute hour day month weekday, UTC), e.g. "0 22 * * *".';
  }
  for (let i = 0; i < FIELDS.length; i++) {
    const field = FIELDS[i] as CronField;
    const problem = fieldProblem(parts[i] as string, field);
    if (problem) return `is not a cron expression GitHub accepts: the ${field.name} field "${parts[i]}": ${problem}`;
  }
  return undefined;
}

function fieldProblem(text: string, f: CronField): string | undefined {
  for (const item of text.split(',')) {
    const [range = '', step, extra] = item.split('/');
    if (extra !== undefined) return `"${item}" has two steps.`;
    if (step !== undefined && !(/^\d+$/.test(step) && Number(step) > 0)) return `the step in "${item}" must be a whole number above 0.`;
    if (range === '*' || (range === '?' && f.question)) continue;
    const [from = '', to, more] = range.split('-');
    if (more !== undefined) return `"${range}" is not a range N-M.`;
    const a = value(from, f);
    if (a === undefined) return outOfRange(from, f);
    if (to === undefined) continue;
    const b = value(to, f);
    if (b === undefined) return outOfRange(to, f);
    if (a > b) return `the range "${range}" starts after it ends.`;
  }
  return undefined;
}

function value(text: string, f: CronField): number | undefined {
  const named = f.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + f.min;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= f.min && n <= f.max ? n : undefined;
}

function outOfRange(text: string, f: CronField): string {
  return `"${text}" is not ${f.names ? `${f.min}-${f.max} or ${f.names[0]}-${f.names[f.names.length - 1]}` : `a number from ${f.min} to ${f.max}`}.`;
}
