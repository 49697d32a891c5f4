import { readFileSync } from "node:fs";
import { parseDirectory } from "../directory/loadDirectory.js";
import { type CallFlow, compileFlow } from "../flow/compileFlow.js";
import { parseFlow } from "../flow/loadFlow.js";
import { versionOf } from "../flow/versionOf.js";
import { composeSpeech, type SpeechBook } from "../twiml/composeSpeech.js";

/** The bundled line: what the service runs unless told otherwise. */
export const DEFAULT_FLOW_FILE = "flows/member-line.json";
export const DEFAULT_DIRECTORY_FILE = "data/directory.json";

/**
 * Input the tools cannot use at all: a file that cannot be read, is not JSON, or a revision git does not
 * have. The message names the file and the fix; the command exits with 2.
 */
export class UnusableInput extends Error {
  override readonly name = "UnusableInput";
}

/** A flow and a directory as read, before validation: from the working tree, other files, or a git revision. */
export interface LineSource {
  /** How the line is named in reports, e.g. `working tree` or `HEAD`. */
  readonly label: string;
  /** Where each file came from, as messages name it (e.g. `HEAD:flows/member-line.json`). */
  readonly flowFile: string;
  readonly directoryFile: string;
  readonly flowText: string;
  readonly directoryText: string;
}

/** A line ready to run: compiled flow, what it says, and its version. */
export interface Line {
  readonly label: string;
  readonly callFlow: CallFlow;
  readonly speech: SpeechBook;
  /** `versionOf` the compiled line. */
  readonly version: string;
}

/** Reads a flow and a directory file from disk. */
export function readLineFiles(flowFile: string, directoryFile: string, label = "working tree"): LineSource {
  return {
    label,
    flowFile,
    directoryFile,
    flowText: readInputFile(flowFile),
    directoryText: readInputFile(directoryFile),
  };
}

/**
 * Parses, validates and compiles a line. Throws `UnusableInput` when a file is not JSON, and the
 * loaders' `StartupError` (file, field and fix) when it is JSON the line cannot run.
 */
export function compileLine(source: LineSource): Line {
  const directory = parseDirectory(parseJson(source.directoryText, source.directoryFile), source.directoryFile);
  const flow = parseFlow(parseJson(source.flowText, source.flowFile), source.flowFile, directory);
  const callFlow = compileFlow(flow, directory);
  return { label: source.label, callFlow, speech: composeSpeech(callFlow), version: versionOf(callFlow) };
}

/** Reads a file the tools were given; `UnusableInput` naming it when it cannot be read. */
export function readInputFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UnusableInput(`${file}: cannot be read (${(error as Error).message}). Check the path.`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UnusableInput(`${file}: is not valid JSON (${(error as Error).message}). Fix the syntax and run again.`);
  }
}
