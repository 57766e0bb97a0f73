// The fuzz harness's minimiser: delta debugging (ddmin, complements only)
// over the lines of a failing input, then its tokens, then its characters, keeping a
// candidate while it still fails the same way. Bounded by a deadline: a
// failure that takes long to reproduce (a hang) is reduced as far as the
// time allows, and the smallest input found so far is kept.
import { tokens } from "./fuzz-mutate.mjs";

/**
 * The smallest sub-list of `units` found for which `fails` holds (the whole
 * list is assumed to fail). Removes chunks of decreasing size; after a
 * removal it goes on from the same place rather than starting over, which
 * keeps a monotone failure (depth above a limit, a list longer than n)
 * near-linear in the number of tests.
 * @template T
 * @param {T[]} units
 * @param {(candidate: T[]) => Promise<boolean>} fails
 * @param {number} deadline a Date.now() value
 * @returns {Promise<T[]>}
 */
export async function ddmin(units, fails, deadline) {
  let current = units;
  let parts = 2;
  while (current.length >= 1 && Date.now() < deadline) {
    const chunk = Math.max(1, Math.ceil(current.length / parts));
    let removed = false;
    for (let start = 0; start < current.length && Date.now() < deadline; ) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
      if (await fails(candidate)) {
        current = candidate;
        removed = true;
      } else start += chunk;
    }
    if (removed) parts = Math.max(2, parts - 1);
    else if (chunk === 1) break;
    else parts = Math.min(current.length, parts * 2);
  }
  return current;
}

/**
 * Minimises a failing text: by lines, then by tokens (a fast way through a
 * long line), then by characters, within
 * `seconds`. `keep` characters at the start are never removed (a planted
 * statement whose value must stay in its sensitive place). `fails(text)` says
 * whether a candidate still fails the same way. Identical candidates are
 * tested once.
 * @param {string} text
 * @param {(text: string) => Promise<boolean>} fails
 * @param {{ seconds?: number, keep?: number }} [options]
 * @returns {Promise<{ text: string, tests: number, complete: boolean }>}
 */
export async function minimize(text, fails, options = {}) {
  const deadline = Date.now() + (options.seconds ?? 30) * 1000;
  const kept = text.slice(0, options.keep ?? 0);
  const tested = new Map();
  let tests = 0;
  const check = async (rest) => {
    const candidate = kept + rest;
    if (tested.has(candidate)) return tested.get(candidate);
    tests++;
    const result = await fails(candidate);
    if (candidate.length <= 100_000) tested.set(candidate, result);
    return result;
  };
  let rest = text.slice(kept.length);
  const lines = rest.split(/(?<=\n)/);
  if (lines.length > 1) rest = (await ddmin(lines, (c) => check(c.join("")), deadline)).join("");
  rest = (await ddmin(tokens(rest), (c) => check(c.join("")), deadline)).join("");
  rest = (await ddmin([...rest], (c) => check(c.join("")), deadline)).join("");
  return { text: kept + rest, tests, complete: Date.now() < deadline };
}
