/**
 * A problem with a data, flow or config file found at start. The message names the file,
 * the place in it and what to change; the server refuses to start.
 */
export class StartupError extends Error {
  override readonly name = "StartupError";
}

/**
 * Fails with the problems found in one file, one per line. Lines already marked (as
 * `z.prettifyError` marks them with ✖) are kept as they are.
 */
export function failWith(file: string, problems: readonly string[]): never {
  const lines = problems
    .flatMap((p) => p.split("\n"))
    .map((line) => (/^\s*(✖|→)/.test(line) ? `  ${line.trim()}` : `  ✖ ${line}`));
  throw new StartupError(`${file} is invalid:\n${lines.join("\n")}`);
}
