import { addRunTime, budgetApplies, budgetSpent, nextUtcMidnight, utcDay } from '../../src/front-door/run-budget';

const at = (iso: string): number => Date.parse(iso);
const MINUTE = 60_000;

describe('daily run-hours budget', () => {
  it('adds the time since the last check while the app runs', () => {
    const state = { day: '2026-11-29', runMs: 10 * MINUTE, checkedAt: at('2026-11-29T12:00:00Z') };
    expect(addRunTime(state, at('2026-11-29T12:05:00Z'), true)).toEqual({
      day: '2026-11-29',
      runMs: 15 * MINUTE,
      checkedAt: at('2026-11-29T12:05:00Z'),
    });
    expect(addRunTime(state, at('2026-11-29T12:05:00Z'), false).runMs).toBe(10 * MINUTE);
  });

  it('counts at most 6 minutes for a gap (the app was stopped, or checks were missed)', () => {
    const state = { day: '2026-11-29', runMs: 0, checkedAt: at('2026-11-29T08:00:00Z') };
    expect(addRunTime(state, at('2026-11-29T12:00:00Z'), true).runMs).toBe(6 * MINUTE);
  });

  it('starts a new UTC day from zero, counting only its own part of the gap', () => {
    const state = { day: '2026-11-29', runMs: 600 * MINUTE, checkedAt: at('2026-11-29T23:58:00Z') };
    expect(addRunTime(state, at('2026-11-30T00:03:00Z'), true)).toEqual({
      day: '2026-11-30',
      runMs: 3 * MINUTE,
      checkedAt: at('2026-11-30T00:03:00Z'),
    });
  });

  it('is spent at the budget, on its own day only; 0 hours means no budget', () => {
    const state = { day: '2026-11-29', runMs: 2 * 3_600_000, checkedAt: 0 };
    expect(budgetSpent(state, 2, at('2026-11-29T20:00:00Z'))).toBe(true);
    expect(budgetSpent(state, 3, at('2026-11-29T20:00:00Z'))).toBe(false);
    expect(budgetSpent(state, 2, at('2026-11-30T00:00:00Z'))).toBe(false);
    expect(budgetSpent(state, 0, at('2026-11-29T20:00:00Z'))).toBe(false);
  });

  it("applies to visitors' runs, not the owner's", () => {
    expect(budgetApplies({ at: 1, by: 'visitor' })).toBe(true);
    expect(budgetApplies({ at: 1, by: 'owner' })).toBe(false);
  });

  it('names the UTC day and the next midnight', () => {
    expect(utcDay(at('2026-11-29T23:59:59Z'))).toBe('2026-11-29');
    expect(new Date(nextUtcMidnight(at('2026-11-29T12:00:00Z'))).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });
});
