import { loadDirectory } from "../directory/loadDirectory.js";
import { type CallFlow, compileFlow } from "./compileFlow.js";
import { loadFlow } from "./loadFlow.js";

/** Loads the directory and the flow, validates both, and compiles the flow's machine: once, at start. */
export function loadCallFlow(flowFile: string, directoryFile: string): CallFlow {
  const directory = loadDirectory(directoryFile);
  return compileFlow(loadFlow(flowFile, directory), directory);
}
