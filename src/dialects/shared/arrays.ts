// Appending a list of any length. `target.push(...items)` passes every item
// as an argument, and JavaScript engines refuse calls with more than some
// tens of thousands of arguments (a RangeError, as a stack overflow is): a
// statement with 150,000 keys or a kept text of 150,000 lines has as many.

/** Appends every item of `items` to `target`, whatever their number. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
