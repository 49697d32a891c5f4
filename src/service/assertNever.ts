/**
 * Ends a `switch` over a discriminated union: TypeScript fails to compile it when a case is missing,
 * and a value that slips past the types at run time (e.g. from a file) throws instead of being ignored.
 */
export function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}: a case is missing`);
}
