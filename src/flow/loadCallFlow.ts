import { compileLine, readLineSource } from "../line/lineSource.js";
import type { CallFlow } from "./compileFlow.js";

/** Loads the directory and the flow, validates both, and compiles the flow's machine: once, at start. */
export function loadCallFlow(flowFile: string, directoryFile: string): CallFlow {
  return compileLine(readLineSource(flowFile, directoryFile));
}
