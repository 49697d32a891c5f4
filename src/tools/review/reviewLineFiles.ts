import type { LineSource } from "../../service/index.js";
import { parseJsonText, reviewDirectory, reviewFlow, StartupError } from "../../service/index.js";
import { readInputFile } from "./loadLine.js";
import type { Finding } from "./rules/checkContext.js";

/** The line's two files as `check` reads them: every problem of each, and the line to check when there is none. */
export interface LineFilesReview {
  /** The files' JSON, when both are valid; undefined when either has a problem. */
  readonly source: LineSource | undefined;
  /** Every problem of the flow, then every problem of the directory, each once (rule `valid-files`). */
  readonly errors: readonly Finding[];
}

/**
 * Reads and validates the flow and the directory without stopping at the first problem: a file that is
 * not JSON is named with its line and column (the line shown, as the server names it), and the other file
 * is still validated; a flow whose directory does not validate is still checked in all that does not
 * depend on the directory. A file that cannot be read is unusable input (`UnusableInput`).
 */
export function reviewLineFiles(flowFile: string, directoryFile: string): LineFilesReview {
  const flow = parseFile(flowFile);
  const directory = parseFile(directoryFile);
  const directoryReview =
    directory.problem === undefined
      ? reviewDirectory(directory.json, directoryFile)
      : { directory: undefined, problems: [directory.problem] };
  const flowProblems = flow.problem === undefined ? reviewFlow(flow.json, directoryReview.directory) : [flow.problem];
  const errors = [
    ...flowProblems.map((message) => invalid(flowFile, message)),
    ...directoryReview.problems.map((message) => invalid(directoryFile, message)),
  ];
  return {
    source: errors.length === 0 ? { flowFile, directoryFile, flow: flow.json, directory: directory.json } : undefined,
    errors,
  };
}

/** A file's JSON, or why it is not JSON. */
function parseFile(file: string): { readonly json: unknown; readonly problem: string | undefined } {
  const text = readInputFile(file);
  try {
    return { json: parseJsonText(text, file), problem: undefined };
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    return { json: undefined, problem: error.fault?.detail ?? error.message };
  }
}

function invalid(file: string, message: string): Finding {
  return { rule: "valid-files", severity: "error", where: file, message };
}
