import { compileFlow } from "../../src/flow/compileFlow.js";
import { compileLine, type Line } from "../../src/review/loadLine.js";
import { composeSpeech } from "../../src/twiml/composeSpeech.js";
import type { Directory } from "../../src/types.js";
import {
  DIRECTORY_FILE,
  type DirectoryJson,
  defined,
  directoryJson,
  FLOW_FILE,
  type FlowJson,
  flowJson,
} from "../fixtures/flowFixtures.js";

/** A change to the bundled flow or directory, as an editor would make it in the files. */
export interface Edit {
  readonly flow?: (json: FlowJson) => void;
  readonly directory?: (json: DirectoryJson) => void;
}

/** The bundled line with an edit made to copies of its files, compiled as the tools compile it. */
export function lineWith(edit: Edit = {}, label = "edited"): Line {
  const flow = flowJson();
  const directory = directoryJson();
  edit.flow?.(flow);
  edit.directory?.(directory);
  return compileLine({ label, source: { flowFile: FLOW_FILE, directoryFile: DIRECTORY_FILE, flow, directory } });
}

/** Keeps one region of the directory (it also takes callers of unknown numbers): small lines check fast. */
export function onlyRegion(id: string): (json: DirectoryJson) => void {
  return (json) => {
    json.regions = json.regions.filter((r) => r.id === id);
    json.unknownRegion.representativeRegion = id;
  };
}

/** Several edits of one file, one after the other. */
export function both<T>(...edits: ReadonlyArray<(json: T) => void>): (json: T) => void {
  return (json) => {
    for (const edit of edits) edit(json);
  };
}

/**
 * A line whose compiled directory was changed after loading: what the loader refuses (a team with no
 * line, a number with no source), to prove the checks on the machine catch it anyway.
 */
export function lineWithCompiled(line: Line, mutate: (directory: Directory) => void): Line {
  const directory = structuredClone(line.callFlow.directory);
  mutate(directory);
  const callFlow = compileFlow(line.callFlow.flow, directory);
  return { label: line.label, callFlow, speech: composeSpeech(callFlow) };
}

/** A region's lines in a compiled directory, writable (tests only). */
export function teamsOf(directory: Directory, region: string): Map<string, { numbers: unknown[] } & object> {
  return defined(directory.regionById.get(region), region).teams as unknown as Map<
    string,
    { numbers: unknown[] } & object
  >;
}

/** A menu of a flow file, for edits. */
export function menuOf(json: FlowJson, id: string) {
  return defined(json.menus[id], `menus.${id}`);
}

/** An option of a menu of a flow file, for edits. */
export function optionOf(json: FlowJson, menu: string, index: number) {
  return defined(menuOf(json, menu).options?.[index], `menus.${menu}.options[${index}]`);
}
