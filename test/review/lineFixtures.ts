import { readFileSync } from "node:fs";
import { compileFlow } from "../../src/service/flow/compileFlow.js";
import { composeSpeech } from "../../src/service/twiml/composeSpeech.js";
import type { Directory } from "../../src/service/types.js";
import { compileLine, type Line } from "../../src/tools/review/loadLine.js";
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

/**
 * The bundled line (or another flow file with the bundled directory) with an edit made to copies of its
 * files, compiled as the tools compile it.
 */
export function lineWith(edit: Edit = {}, label = "edited", flowFile = FLOW_FILE): Line {
  const flow = flowFile === FLOW_FILE ? flowJson() : (JSON.parse(readFileSync(flowFile, "utf8")) as FlowJson);
  const directory = directoryJson();
  edit.flow?.(flow);
  edit.directory?.(directory);
  return compileLine({ label, source: { flowFile, directoryFile: DIRECTORY_FILE, flow, directory } });
}

/**
 * Keeps one region: in the directory (it also takes callers of unknown numbers) and in the region menu,
 * with another edit made after. Small lines check fast.
 */
export function onlyRegion(id: string, edit: Edit = {}): Edit {
  return {
    directory: (json) => {
      json.regions = json.regions.filter((r) => r.id === id);
      json.unknownRegion.representativeRegion = id;
      edit.directory?.(json);
    },
    flow: (json) => {
      const menu = menuOf(json, json.regionMenu);
      menu.regions = menu.regions?.filter((r) => r.region === id);
      edit.flow?.(json);
    },
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

/**
 * The flow without its short prompts (a wrong key says the whole menu again). They name options' keys by
 * placeholder (`{key:representative}`), which the loader refuses once the option is gone or offered in fewer
 * languages: an edit that does that, to show what `check` finds, drops them as an editor would reword them.
 */
export function withoutShortPrompts(json: FlowJson): void {
  for (const menu of Object.values(json.menus)) delete menu.shortPrompt;
}

/**
 * The flow with English and Spanish alone: no interpreter language, no language menu (8), nothing that
 * asks for an interpreter.
 */
export function withoutInterpreters(json: FlowJson): void {
  const interpreted = Object.keys(json.languages).filter((l) => json.languages[l]?.support === "interpreter");
  for (const l of interpreted) delete json.languages[l];
  for (const texts of Object.values(json.messages)) for (const l of interpreted) delete texts[l];
  const languageMenus = Object.keys(json.menus).filter((id) =>
    (json.menus[id]?.options ?? []).some((o) => o.do.kind === "interpreter"),
  );
  for (const id of languageMenus) delete json.menus[id];
  for (const menu of Object.values(json.menus))
    menu.options = menu.options?.filter((o) => !(o.do.kind === "menu" && languageMenus.includes(o.do.menu)));
}
