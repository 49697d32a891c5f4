import type { Directory } from "../../types.js";
import type { CompiledMenu } from "../compileMenus.js";
import type { FlowFile } from "../schema.js";

/** What the machine's guards and context updates read: the flow, its compiled menus and the directory. */
export interface MachineDeps {
  readonly flow: FlowFile;
  readonly directory: Directory;
  readonly menus: ReadonlyMap<string, CompiledMenu>;
}

/** Names of the machine's states that are not menus. */
export const START = "start";
export const TRANSFER = "transfer";
export const ENDED = "ended";
export const GOODBYE = "goodbye";
/**
 * The menu, generated from `interpreters`, of a caller who asked for an interpreter when the interpreters'
 * team is closed or could not be reached: its hours and the team open around the clock, in the caller's language.
 */
export const INTERPRETER_CLOSED = "interpreterClosed";
/** What a transfer records as `interpreter` when the caller asked for a language the flow does not list. */
export const OTHER_LANGUAGE = "other";
