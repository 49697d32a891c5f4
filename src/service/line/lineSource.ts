import { readJsonFile } from "../config/readJsonFile.js";
import { parseDirectory } from "../directory/loadDirectory.js";
import { type CallFlow, compileFlow } from "../flow/compileFlow.js";
import { parseFlow } from "../flow/loadFlow.js";
import type { LineSource } from "../types.js";

/** Reads the flow and directory files. Throws a `StartupError` naming a file that cannot be read or parsed. */
export function readLineSource(flowFile: string, directoryFile: string): LineSource {
  return { flowFile, directoryFile, flow: readJsonFile(flowFile), directory: readJsonFile(directoryFile) };
}

/** Validates a line and compiles its machine. Throws a `StartupError` naming the file, the field and the fix. */
export function compileLine(source: LineSource): CallFlow {
  const directory = parseDirectory(source.directory, source.directoryFile);
  return compileFlow(parseFlow(source.flow, source.flowFile, directory), directory, source);
}
