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

/** Formats a list of problems found in one file as one error. */
export function failWith(file: string, problems: readonly string[]): never {
  throw new StartupError(`${file} is invalid:\n${problems.map((p) => `  ✖ ${p}`).join("\n")}`);
}
