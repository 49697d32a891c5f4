import { readFileSync } from "node:fs";

/**
 * A problem with a data, flow or config file found at start. The message names the file,
 * the place in it and what to change; the server refuses to start.
 */
export class StartupError extends Error {
  override readonly name = "StartupError";
}

/** Reads and parses a JSON file, failing with a message that names the file. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new StartupError(`${file}: cannot be read (${(error as Error).message}). Check the path.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StartupError(`${file}: is not valid JSON (${(error as Error).message}).`);
  }
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
