import type { Directory } from "../../types.js";
import type { CompiledMenu } from "../compileMenus.js";
import type { FlowFile } from "../schema.js";

/** What the machine's guards and context updates read: the flow, its compiled menus and the directory. */
export interface MachineDeps {
  readonly flow: FlowFile;
  readonly directory: Directory;
  readonly menus: ReadonlyMap<string, CompiledMenu>;
}
