import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { StartupError } from "../errors.js";

/**
 * The environment with the variables of a `.env` file added: a variable set (not empty) in the real
 * environment wins over the file. A missing file adds nothing; an unreadable one stops the start, naming it.
 */
export function readEnvFile(file: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return env;
    throw new StartupError(`${file}: cannot be read (${(error as Error).message}). Fix its permissions or remove it.`);
  }
  const real = Object.entries(env).filter(([, value]) => value !== undefined && value !== "");
  return { ...env, ...parseEnv(text), ...Object.fromEntries(real) };
}
