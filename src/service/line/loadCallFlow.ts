import type { CallFlow } from "../flow/compileFlow.js";
import { compileLine, readLineSource } from "./lineSource.js";

/** Loads the directory and the flow, validates both, and compiles the flow's machine: once, at start. */
export function loadCallFlow(flowFile: string, directoryFile: string): CallFlow {
  return compileLine(readLineSource(flowFile, directoryFile));
}
