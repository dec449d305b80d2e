/**
 * The daily run-hours budget (the template's `DailyRunHours`): how long the app may run per
 * UTC day when visitors woke it. The idle check measures the run time every five minutes; the
 * front door stops waking the app once the budget is spent, and the idle check stops it. A
 * start by the owner is exempt until that run ends.
 */
import type { IdleState, StartRecord } from './activity';

/** The longest gap between two idle checks counted as running time (a missed check must not count hours). */
export const MAX_COUNTED_GAP_MS = 6 * 60_000;

const DAY_MS = 86_400_000;

/** The UTC day of `now`, YYYY-MM-DD. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** The next UTC midnight after `now`, when a spent budget is whole again. */
export function nextUtcMidnight(now: number): number {
  return (Math.floor(now / DAY_MS) + 1) * DAY_MS;
}

/**
 * The state after a check at `now` that found the app `running`: the time since the last
 * check (at most {@link MAX_COUNTED_GAP_MS}) is added to today; a new UTC day starts from zero
 * and counts only its own part of the gap.
 */
export function addRunTime(state: IdleState, now: number, running: boolean): IdleState {
  const today = utcDay(now);
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  const base = state.day === today ? state.runMs : 0;
  const from = Math.max(state.checkedAt, now - MAX_COUNTED_GAP_MS, state.day === today ? 0 : dayStart);
  const added = running && state.checkedAt > 0 ? Math.max(0, now - from) : 0;
  return { ...state, day: today, runMs: base + added, checkedAt: now };
}

/** True when visitors' runs have used up today's budget (`hours` 0 = no budget). */
export function budgetSpent(state: IdleState, hours: number, now: number): boolean {
  return hours > 0 && state.day === utcDay(now) && state.runMs >= hours * 3_600_000;
}

/** True when the budget applies to the current run: it was not started by the owner. */
export function budgetApplies(lastStart: StartRecord): boolean {
  return lastStart.by !== 'owner';
}
