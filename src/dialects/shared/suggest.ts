// "Did you mean" at a bounded cost. A suggestion is a name within a few edits
// of the word: the distance is computed inside a band of that width and
// abandoned as soon as it exceeds it, and only names whose length is within
// that many characters of the word's are compared (an index by length), so a
// statement with 100,000 unknown keys costs 100,000 small comparisons.

/**
 * Optimal string alignment distance (insertions, deletions, substitutions,
 * and a swap of neighbours, each one edit), or `max + 1` when it is more
 * than `max`.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  const beyond = max + 1;
  if (Math.abs(n - m) > max) return beyond;
  // Three rows of the table (two back for the swap of neighbours), reused from call to call.
  if (rows[0]!.length < m + 1) rows = [new Int32Array(2 * m + 2), new Int32Array(2 * m + 2), new Int32Array(2 * m + 2)];
  let [before, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= m; j++) previous[j] = Math.min(j, beyond);
  for (let i = 1; i <= n; i++) {
    // Cells further than `max` from the diagonal are more than `max` edits.
    current.fill(beyond, 0, m + 1);
    current[0] = Math.min(i, beyond);
    let rowBest = current[0]!;
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      current[j] = Math.min(d, beyond);
      if (current[j]! < rowBest) rowBest = current[j]!;
    }
    // Every later row is at least this row's best.
    if (rowBest > max) return beyond;
    [before, previous, current] = [previous, current, before];
  }
  return previous[m]!;
}

let rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Characters counted in 64 classes (code unit mod 64): a lower bound on edits is cheap to take from two of these. */
function histogram(text: string): Int32Array {
  const counts = new Int32Array(64);
  for (let i = 0; i < text.length; i++) counts[text.charCodeAt(i) & 63]!++;
  return counts;
}

/**
 * At most this many edits can turn one histogram into the other: an edit
 * changes the counts by 2 at most (a substitution takes one character out
 * and puts one in), so half the total difference is a lower bound.
 */
function histogramDistance(a: Int32Array, b: Int32Array): number {
  let difference = 0;
  for (let k = 0; k < 64; k++) difference += Math.abs(a[k]! - b[k]!);
  return Math.ceil(difference / 2);
}

/** How many edits still make a typo of a word of this length. */
export function typoLimit(length: number): number {
  return length <= 4 ? 1 : length <= 12 ? 2 : 3;
}

/**
 * Names to suggest from, indexed by length. Comparison ignores case, and a
 * difference in case alone counts as one edit (names are case-sensitive).
 */
export class Suggestions {
  /** Each name with its position in the list (ties go to the earlier), its lower case and that one's histogram, by length. */
  private readonly byLength = new Map<number, { name: string; lower: string; counts: Int32Array; index: number }[]>();

  constructor(names: Iterable<string>) {
    let index = 0;
    for (const name of names) {
      const lower = name.toLowerCase();
      const entry = { name, lower, counts: histogram(lower), index: index++ };
      const list = this.byLength.get(name.length);
      if (list === undefined) this.byLength.set(name.length, [entry]);
      else list.push(entry);
    }
  }

  /** The closest name within `limit` edits of `word`, the earliest of equals; undefined when none is. */
  closest(word: string, limit = typoLimit(word.length)): string | undefined {
    const lower = word.toLowerCase();
    let counts: Int32Array | undefined;
    let best: { name: string; distance: number; index: number } | undefined;
    for (let length = word.length - limit; length <= word.length + limit; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        counts ??= histogram(lower);
        if (candidate.lower !== lower && histogramDistance(counts, candidate.counts) > limit) continue;
        const distance = candidate.lower === lower ? 1 : editDistanceWithin(lower, candidate.lower, limit);
        if (distance > limit) continue;
        if (best === undefined || distance < best.distance || (distance === best.distance && candidate.index < best.index)) {
          best = { name: candidate.name, distance, index: candidate.index };
        }
      }
    }
    return best?.name;
  }
}
