/**
 * Remembers the running task's address for a short while, so most requests go straight to the
 * app without ECS and EC2 calls. One per function instance; cleared when the address stops
 * answering (the task was replaced or stopped).
 */

/** How long a found address is trusted without asking ECS again. */
export const CACHE_TTL_MS = 30_000;

export class RunningTaskCache {
  private entry: { address: string; until: number } | undefined;

  /** The cached address, if still fresh at `now`. */
  get(now: number): string | undefined {
    return this.entry && now < this.entry.until ? this.entry.address : undefined;
  }

  set(address: string, now: number): void {
    this.entry = { address, until: now + CACHE_TTL_MS };
  }

  clear(): void {
    this.entry = undefined;
  }
}
