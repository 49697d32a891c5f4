import type { Directory, LineSource } from "../types.js";
import { type CompiledMenu, compileMenus } from "./compileMenus.js";
import { buildMachine } from "./machine/buildMachine.js";
import type { FlowFile } from "./schema.js";
import { hashLine } from "./versionOf.js";

/** The call-flow machine type. */
export type CallMachine = ReturnType<typeof buildMachine>;

/** A flow compiled against the directory: the XState machine and the menus it matches input against. */
export interface CallFlow {
  readonly flow: FlowFile;
  readonly directory: Directory;
  readonly menus: ReadonlyMap<string, CompiledMenu>;
  readonly machine: CallMachine;
  /** Content hash of the flow and directory: every call records the version it started on. */
  readonly version: string;
  /** The files it was compiled from, when known: what another instance needs to compile this version. */
  readonly source: LineSource | undefined;
}

/**
 * Compiles a validated flow into an XState machine, once at start. The machine decides everything
 * (menus, failures, which team, hours); the clock comes in on each event, so it stays pure.
 */
export function compileFlow(flow: FlowFile, directory: Directory, source?: LineSource): CallFlow {
  const menus = compileMenus(flow);
  return {
    flow,
    directory,
    menus,
    machine: buildMachine({ flow, directory, menus }),
    version: source ? hashLine(source.flow, source.directory) : hashLine(flow, directory.file),
    source,
  };
}
