import {
  type ActionIdentity,
  assertNever,
  type CallFlow,
  type OptionIdentity,
  OTHER_LANGUAGE,
  shortenRegionName,
} from "../../service/index.js";
import { type FlowGraph, makeMenuNodeId, makeTeamNodeId } from "../diagram/flowGraph.js";

/** How the page names what the figures are keyed by (ids in the log and the JSON): as callers and staff know them. */
export interface ReportNames {
  /** `memberServices` → "Member services". */
  team(id: string): string;
  /** `midAtlantic` → "Mid-Atlantic". */
  region(id: string): string;
  /** `cmn` → "Mandarin Chinese", `other` → "Another language". */
  language(code: string): string;
  /** `main` → "Main menu". */
  menu(id: string): string;
  /** `{key: "9", action: {kind: "language", language: "es"}}` → "9 Spanish"; a label alone (not logged) as it is. */
  option(label: string, option: OptionIdentity | undefined): string;
}

/**
 * Names read from the compiled line (`CallFlow`, through the service's door) and the flow graph the report is
 * drawn on, so the page and the diagram say the same: teams and menus as the diagram labels them, regions by
 * the directory's short name, languages by the flow's label for people. An id the line does not know (a log of
 * another version) is shown as it is; ids are looked up as own properties only.
 */
export function createReportNames(callFlow: CallFlow, graph: FlowGraph): ReportNames {
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const { flow, directory } = callFlow;
  const names: ReportNames = {
    team: (id) => labels.get(makeTeamNodeId(id)) ?? nameTeam(callFlow, id),
    region: (id) => {
      const region = directory.regionById.get(id);
      return region ? shortenRegionName(region) : id === "unknown" ? "Unknown" : id;
    },
    language: (code) => {
      if (code === OTHER_LANGUAGE) return "Another language";
      return Object.hasOwn(flow.languages, code) ? (flow.languages[code]?.label ?? code) : code;
    },
    menu: (id) => labels.get(makeMenuNodeId(id)) ?? `${id} menu`,
    option: (label, option) => (option ? `${option.key} ${nameAction(names, option.action)}` : label),
  };
  return names;
}

function nameTeam(callFlow: CallFlow, id: string): string {
  const name = Object.hasOwn(callFlow.flow.teams, id) ? (callFlow.flow.teams[id]?.name.en ?? id) : id;
  const bare = name.replace(/^(the|a|an) /i, "");
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** What an option does, in the page's words: "Pharmacy", "Language menu", "Spanish", "Interpreter: Vietnamese". */
function nameAction(names: ReportNames, action: ActionIdentity): string {
  switch (action.kind) {
    case "transfer":
      return names.team(action.team);
    case "menu":
      return names.menu(action.menu);
    case "language":
      return names.language(action.language);
    case "interpreter":
      return `Interpreter: ${names.language(action.language)}`;
    case "region":
      return names.region(action.region);
    case "repeat":
      return "Repeat the menu";
    default:
      return assertNever(action);
  }
}
