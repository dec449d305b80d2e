/**
 * "Did you mean": the known name closest to a mistyped one, by edit distance (insertions,
 * deletions, substitutions and swaps of neighbours each cost 1), case ignored.
 */

/** Edit distance between two strings (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  // One row per prefix of a, one column per prefix of b, in a flat array.
  const width = b.length + 1;
  const d = new Int32Array((a.length + 1) * width);
  const at = (i: number, j: number): number => d[i * width + j] as number;
  for (let i = 0; i <= a.length; i++) d[i * width] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * width + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate closest to `given`, if it is close enough to be a typo: at most a third of
 * the longer name's characters differ (at least 1, at most 3). Ties go to the first candidate.
 */
export function closest(given: string, candidates: readonly string[]): string | undefined {
  const g = given.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(g, name.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  if (!best) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(Math.max(g.length, best.name.length) / 3)));
  return best.distance <= limit ? best.name : undefined;
}
