import {
  assertNever,
  type CompiledMenu,
  collectHoursWords,
  describeHours,
  formatPhone,
  shortenRegionName,
  type TeamId,
  type TeamLine,
} from "../../service/index.js";
import { describeCallbackNodes } from "./describeCallbackNodes.js";
import { type DrawnLine, listLines, nameTeam } from "./drawnLine.js";
import {
  CLOSED_NODE,
  type FlowEdge,
  type FlowNode,
  makeMenuNodeId,
  makeTeamNodeId,
  type NodeKind,
  PERSON_NODE,
  START_NODE,
  UNREACHABLE_NODE,
} from "./flowGraph.js";
import { canClose, capitalize, nameMenu, splitCamel, splitHours } from "./words.js";

/**
 * The order nodes are listed in (and so laid out in), by kind: the call's way from left to right. A menu only a
 * transfer leads to (the interpreter menu, after the interpreters' team) comes after the teams.
 */
const RANK: Readonly<Record<NodeKind, number>> = {
  start: 0,
  menu: 1,
  team: 2,
  person: 3,
  closed: 5,
  unreachable: 6,
  callback: 7,
  goodbye: 8,
};
const AFTER_TRANSFER = 4;

/**
 * The boxes of the graph, for the nodes its edges join, in the order of a call's way: the start, the menus,
 * the teams (in the order first reached), the person, the menus after a transfer, the notices, the end.
 * `announce` tells which team's transfer is announced first.
 */
export function describeNodes(
  line: DrawnLine,
  edges: readonly FlowEdge[],
  announce: ReadonlyMap<string, string>,
): FlowNode[] {
  const known = indexNodes(line, announce);
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].map((id) => {
    const make = known.get(id);
    if (!make) throw new Error(`The diagram has an edge to "${id}", which is no node it knows how to draw.`);
    return make();
  });
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
  const fromMenus = new Set(
    edges
      .filter((e) => e.from !== e.to && (kindOf.get(e.from) === "menu" || kindOf.get(e.from) === "start"))
      .map((e) => e.to),
  );
  const rank = (node: FlowNode) => (node.kind === "menu" && !fromMenus.has(node.id) ? AFTER_TRANSFER : RANK[node.kind]);
  return nodes
    .map((node, i) => ({ node, i }))
    .sort((a, b) => rank(a.node) - rank(b.node) || a.i - b.i)
    .map((n) => n.node);
}

/** Every node the line can have, by id: how to draw it. */
function indexNodes(line: DrawnLine, announce: ReadonlyMap<string, string>): Map<string, () => FlowNode> {
  const { flow, directory, menus } = line.callFlow;
  const index = new Map<string, () => FlowNode>();
  index.set(START_NODE, () => startNode(line));
  for (const menu of menus.values()) index.set(makeMenuNodeId(menu.id), () => menuNode(line, menu.id, menu.kind));
  for (const team of new Set([...Object.keys(flow.teams), ...directory.teams])) {
    const id = makeTeamNodeId(team);
    index.set(id, () => teamNode(line, team, announce.get(id)));
  }
  index.set(PERSON_NODE, () => personNode(line));
  index.set(CLOSED_NODE, () => ({
    id: CLOSED_NODE,
    kind: "closed",
    label: "Closed now",
    detail: ["its hours, and what is open"],
  }));
  index.set(UNREACHABLE_NODE, () => ({
    id: UNREACHABLE_NODE,
    kind: "unreachable",
    label: "Not reached",
    detail: ["“sorry, we could not reach…”"],
  }));
  for (const node of describeCallbackNodes(line)) index.set(node.id, () => node);
  for (const state of line.chart.states.values())
    if (state.final && !index.has(state.id))
      index.set(state.id, () => ({
        id: state.id,
        kind: "goodbye",
        label: capitalize(splitCamel(state.id)),
        detail: ["the line hangs up on purpose"],
      }));
  return index;
}

function startNode(line: DrawnLine): FlowNode {
  const { region, lang } = line;
  const detail = region ? [`${shortenRegionName(region, lang)} · ${region.inbound.map(formatPhone).join(", ")}`] : [];
  return { id: START_NODE, kind: "start", label: "Incoming call", ...(region ? { detail } : {}) };
}

function menuNode(line: DrawnLine, menuId: string, kind: CompiledMenu["kind"]): FlowNode {
  const id = makeMenuNodeId(menuId);
  switch (kind) {
    case "options":
    case "regions":
      return { id, kind: "menu", label: nameMenu(menuId) };
    case "interpreterClosed": {
      const team = nameTeam(line, line.callFlow.flow.interpreters.team);
      return { id, kind: "menu", label: "Interpreter menu", detail: [`${team} closed or no answer`] };
    }
    default:
      return assertNever(kind);
  }
}

/** A team's box: its numbers and hours in the region drawn, or how it is reached across regions. */
function teamNode(line: DrawnLine, team: TeamId, announce: string | undefined): FlowNode {
  const { region, regions } = line;
  const detail: string[] = [];
  if (region) {
    const found = region.teams.get(team);
    if (found) detail.push(...describeLine(line, found));
    else detail.push(`no line in ${shortenRegionName(region, line.lang)}`);
  } else {
    const lines = listLines(line, team);
    const own = lines.filter((l) => l.line.routedVia === undefined).length;
    const via = [...new Set(lines.flatMap((l) => (l.line.routedVia ? [l.line.routedVia] : [])))];
    const through = via.map((t) => nameTeam(line, t)).join(" or ");
    if (own === regions.length) detail.push("own line in every region");
    else if (own === 0) detail.push(`via ${through} in every region`);
    else detail.push(`own line in ${own} of ${regions.length} regions`, `elsewhere via ${through}`);
  }
  if (announce) detail.push(`first: the ${splitCamel(announce)} notice`);
  return { id: makeTeamNodeId(team), kind: "team", label: capitalize(nameTeam(line, team)), detail };
}

/** The box of a person taking the call: the representative, and the team open when it is closed. */
function personNode(line: DrawnLine): FlowNode {
  const { team, whenClosed } = line.callFlow.flow.representative;
  const describe = (t: TeamId) => {
    const found = line.region?.teams.get(t);
    const via = found?.routedVia ? ` via ${nameTeam(line, found.routedVia)}` : "";
    const numbers = found ? ` ${found.numbers.map((n) => formatPhone(n.e164)).join(", ")}` : "";
    return `${nameTeam(line, t)}${via}${numbers}`;
  };
  return {
    id: PERSON_NODE,
    kind: "person",
    label: "A person",
    detail: [describe(team), `when closed: ${describe(whenClosed)}`],
  };
}

/** A line's routing, numbers and hours, in the region drawn. */
function describeLine(line: DrawnLine, found: TeamLine): string[] {
  const { region, lang } = line;
  const numbers = found.numbers.map((n) => `${formatPhone(n.e164)}${n.needsVerification ? " (to verify)" : ""}`);
  const via = found.routedVia ? [`via ${nameTeam(line, found.routedVia)}`] : [];
  const hours =
    region && canClose(found.hours)
      ? splitHours(describeHours(found.hours, region.timeZone, collectHoursWords(line.callFlow.flow, lang)))
      : ["open 24/7"];
  return [...via, numbers.join(", "), ...hours];
}
