/**
 * A pure function with its results kept, keyed by its whole input: every argument, serialised
 * (`keyOfArguments`). Two calls that differ in any argument never share a result, so a result can only be
 * served for the input it was computed from.
 */
export function memoize<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  const results = new Map<string, R>();
  return (...args: A): R => {
    const key = keyOfArguments(args);
    if (results.has(key)) return results.get(key) as R;
    const result = compute(...args);
    results.set(key, result);
    return result;
  };
}

/** The key of a list of arguments: each JSON-serialised, `undefined` told apart from `null` and from absent. */
export function keyOfArguments(args: readonly unknown[]): string {
  return JSON.stringify(args.map((arg) => (arg === undefined ? [] : [arg])));
}
