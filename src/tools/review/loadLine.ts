import { readFileSync } from "node:fs";
import type { CallFlow, LineSource } from "../../service/index.js";
import {
  compileLine as compileCallFlow,
  composeSpeech,
  parseJsonText,
  type SpeechBook,
  StartupError,
} from "../../service/index.js";

/**
 * Input the tools cannot use at all: a file that cannot be read, is not JSON, or a revision git does not
 * have. The message names the file and the fix; the command exits with 2.
 */
export class UnusableInput extends Error {
  override readonly name = "UnusableInput";
}

/**
 * A line's files as read, before validation: from the working tree, other files, or a git revision. The
 * source names each file as messages name it (e.g. `HEAD:flows/member-line.json`).
 */
export interface LineFiles {
  /** How the line is named in reports, e.g. `working tree` or `HEAD`. */
  readonly label: string;
  readonly source: LineSource;
}

/** A line ready to run: its compiled flow (with its `version`) and what it says. */
export interface Line {
  readonly label: string;
  readonly callFlow: CallFlow;
  readonly speech: SpeechBook;
}

/** Reads a flow and a directory file from disk. */
export function readLineFiles(flowFile: string, directoryFile: string, label = "working tree"): LineFiles {
  return {
    label,
    source: {
      flowFile,
      directoryFile,
      flow: parseJsonInput(readInputFile(flowFile), flowFile),
      directory: parseJsonInput(readInputFile(directoryFile), directoryFile),
    },
  };
}

/** Validates and compiles a line (`compileLine`): throws its `StartupError` (file, field and fix) when invalid. */
export function compileLine(files: LineFiles): Line {
  const callFlow = compileCallFlow(files.source);
  return { label: files.label, callFlow, speech: composeSpeech(callFlow) };
}

/** Reads a file the tools were given; `UnusableInput` naming it when it cannot be read. */
export function readInputFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UnusableInput(`${file}: cannot be read (${(error as Error).message}). Check the path.`);
  }
}

/**
 * Parses a file's JSON; `UnusableInput` naming it when it is not JSON, with the line and column and the
 * line shown, as the server names it.
 */
export function parseJsonInput(text: string, file: string): unknown {
  try {
    return parseJsonText(text, file);
  } catch (error) {
    if (error instanceof StartupError) throw new UnusableInput(error.message);
    throw error;
  }
}

/** Compiles a line; one that does not load is unusable input for diff, replay and test. */
export function compileOrExplain(files: LineFiles): Line {
  try {
    return compileLine(files);
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    throw new UnusableInput(
      `${files.label}: the line does not load.\n${error.message}\nFix it first (npm run flow -- check names every problem).`,
    );
  }
}
