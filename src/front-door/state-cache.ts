/**
 * The app's state as this function instance last read it, trusted for {@link CONFIRM_EVERY_MS}:
 * most requests then make no ECS call. After that a running task is confirmed (one
 * DescribeTasks call: its address goes back to the pool when it stops, and whoever gets it
 * next may answer), and any other state is read again. One per function instance.
 */
import type { AppState } from './app-state';

/** How long a state (and a running task's address) is used without asking ECS again. */
export const CONFIRM_EVERY_MS = 5_000;

export class StateCache {
  private entry: { state: AppState; at: number } | undefined;

  /** The cached state and when it was read or confirmed. */
  get(): { state: AppState; at: number } | undefined {
    return this.entry;
  }

  set(state: AppState, now: number): void {
    this.entry = { state, at: now };
  }

  clear(): void {
    this.entry = undefined;
  }
}
