import path from "node:path";
import { z } from "zod";

/** Which file a start-up problem is in and what it is, in two tellings: for anyone, and for the file's editor. */
export interface FileFault {
  /** The file, as it was named to the service. */
  readonly file: string;
  /** What is wrong without the file's content, e.g. `is not valid JSON at line 3, column 25`: safe to show anyone. */
  readonly summary: string;
  /** What is wrong and the fix, as its editor needs it (the offending line shown): the message without the file's name. */
  readonly detail: string;
}

/**
 * A problem with a data, flow or config file found at start. The message names the file,
 * the place in it and what to change; the server refuses to start. A problem of a file says which
 * (`fault`).
 */
export class StartupError extends Error {
  override readonly name = "StartupError";
  constructor(
    message: string,
    readonly fault?: FileFault,
  ) {
    super(message);
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
  const count = lines.filter((line) => line.startsWith("  ✖")).length;
  const detail = `is invalid:\n${lines.join("\n")}`;
  throw new StartupError(`${file} ${detail}`, {
    file,
    summary: `is invalid (${count} problem${count === 1 ? "" : "s"})`,
    detail,
  });
}

/**
 * The issues of a schema's validation, one line each, the field first (`regions[5].teams.pharmacy.numbers[0].number:
 * must be E.164 …`), in the order `z.prettifyError` names them (the shortest paths first).
 */
export function listIssues(error: z.ZodError): string[] {
  return [...error.issues]
    .sort((a, b) => a.path.length - b.path.length)
    .map((issue) => (issue.path.length === 0 ? issue.message : `${z.core.toDotPath(issue.path)}: ${issue.message}`));
}

/**
 * A problem of the line's files as anyone may be told it (the unauthenticated `/healthz`): the file relative
 * to `cwd` and what is wrong, never where the file is on disk nor what it holds. The log has the details.
 */
export function describeFault(error: unknown, cwd = process.cwd()): string {
  if (!(error instanceof StartupError) || !error.fault) return "the line's files could not be loaded; see the log";
  const relative = path.relative(cwd, path.resolve(cwd, error.fault.file));
  const name = relative === "" || path.isAbsolute(relative) ? path.basename(error.fault.file) : relative;
  return `${name} ${error.fault.summary}; see the log`;
}
