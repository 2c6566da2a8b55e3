/**
 * Array helpers for arrays whose length follows the input's: `push(...xs)` and `Math.min(...xs)`
 * pass every element as an argument, and a few hundred thousand of them (a table of 150,000 rows,
 * each a problem) overflow the call stack.
 */

/** Appends every element of `from` to `to`, in order; `to` itself is returned. */
export function pushAll<T>(to: T[], ...from: readonly (readonly T[])[]): T[] {
  for (const xs of from) for (let i = 0; i < xs.length; i++) to.push(xs[i]);
  return to;
}

/** Replaces `xs[start…]` by `by`, as `xs.splice(start, xs.length - start, ...by)` without the spread. */
export function replaceFrom<T>(xs: T[], start: number, by: readonly T[]): void {
  xs.length = start;
  pushAll(xs, by);
}
