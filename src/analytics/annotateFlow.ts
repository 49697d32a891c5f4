import { instance, type Viz } from "@viz-js/viz";
import type { CallFlow } from "../flow/compileFlow.js";
import type { Report } from "./reportTypes.js";

/*
 * The flow diagram of the report, annotated with what callers did. Node and edge ids follow the shared
 * flow-graph model (`src/diagram/flowGraph.ts`): nodes `start`, `menu:<menuId>`, `team:<teamId>`,
 * `person`, `closed`, `unreachable`, `goodbye`; edges `<from>><to>:<tag>` (the option's key, `<key>-<language>`
 * for a language switch, or the edge's kind). `countFlow` counts by those ids; `buildMinimalFlowGraph`
 * draws menus, options and teams until the shared builder (`buildFlowGraph`) is used instead.
 */

/** What a node stands for. */
export type NodeKind = "start" | "menu" | "team" | "person" | "closed" | "unreachable" | "goodbye";

/** What an edge stands for. */
export type EdgeKind =
  | "start"
  | "option"
  | "menu"
  | "region"
  | "language"
  | "repeat"
  | "invalid"
  | "silence"
  | "escalate"
  | "closed"
  | "next"
  | "failed"
  | "back"
  | "exhausted";

/** One box of the diagram. */
export interface FlowNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly detail?: readonly string[] | undefined;
}

/** One arrow of the diagram. */
export interface FlowEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly kind: EdgeKind;
}

/** The call flow as a graph. */
export interface FlowGraph {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
}

/** How many callers reached a node, and how many left the line there. */
export interface NodeCount {
  readonly calls: number;
  /** Callers who hung up there. */
  readonly left: number;
  /** Callers put through there (team nodes). */
  readonly connected?: number;
}

/** Callers per node and passages per edge, by the graph's ids. */
export interface FlowCounts {
  readonly nodes: Readonly<Record<string, NodeCount>>;
  readonly edges: Readonly<Record<string, number>>;
}

const menuNode = (id: string) => `menu:${id}`;
const teamNode = (id: string) => `team:${id}`;
const edgeId = (from: string, to: string, tag: string) => `${from}>${to}:${tag}`;

/** What an option does, in the shape of the compiled flow's actions. */
type Action =
  | { kind: "transfer"; team: string }
  | { kind: "menu"; menu: string }
  | { kind: "language"; language: string }
  | { kind: "region"; region: string }
  | { kind: "repeat" };

/** The edge an option of a menu draws, and the node it leads to. */
function optionEdge(
  callFlow: CallFlow,
  menuId: string,
  key: string,
  action: Action,
): { to: string; tag: string; kind: EdgeKind } {
  const here = menuNode(menuId);
  switch (action.kind) {
    case "transfer":
      return { to: teamNode(action.team), tag: key, kind: "option" };
    case "menu":
      return { to: menuNode(action.menu), tag: key, kind: "menu" };
    case "language":
      return { to: here, tag: `${key}-${action.language}`, kind: "language" };
    case "region":
      return { to: menuNode(callFlow.flow.start), tag: key, kind: "region" };
    default:
      return { to: here, tag: key, kind: "repeat" };
  }
}

/**
 * Counts callers per node and passages per edge from the report's figures: menus entered and left,
 * options chosen, failed answers, escalations, closed teams, transfers tried, failed and connected.
 */
export function countFlow(report: Report, callFlow: CallFlow): FlowCounts {
  const nodes: Record<string, NodeCount> = {};
  const edges: Record<string, number> = {};
  const add = (id: string, n: number) => {
    if (n > 0) edges[id] = (edges[id] ?? 0) + n;
  };
  nodes.start = { calls: report.calls, left: 0 };
  for (const [menuId, m] of Object.entries(report.menus)) {
    const here = menuNode(menuId);
    nodes[here] = { calls: m.entered, left: m.abandoned };
    add(edgeId("start", here, "known"), m.arrivals.known);
    add(edgeId("start", here, "unknown"), m.arrivals.unknown);
    const compiled = callFlow.menus.get(menuId);
    for (const [label, n] of Object.entries(m.chose)) {
      const option = compiled?.options.find((o) => o.label === label);
      if (!option) continue;
      const { to, tag } = optionEdge(callFlow, menuId, option.key, option.action as Action);
      add(edgeId(here, to, tag), n);
    }
    add(edgeId(here, here, "invalid"), m.invalid);
    add(edgeId(here, here, "silence"), m.silent);
    add(edgeId(here, "person", "escalate"), m.escalated);
    for (const [team, n] of Object.entries(m.closed)) {
      add(edgeId(teamNode(team), "closed", "closed"), n);
      add(edgeId("closed", here, "back"), n);
    }
    add(edgeId("unreachable", here, "back"), m.returned);
  }
  for (const [team, t] of Object.entries(report.teams)) {
    nodes[teamNode(team)] = { calls: t.calls, left: t.abandoned, connected: t.connected };
    add(edgeId(teamNode(team), teamNode(team), "next"), t.nextLine);
    add(edgeId(teamNode(team), "unreachable", "failed"), t.unreachable);
  }
  nodes.person = { calls: report.callsThrough.escalated, left: 0 };
  nodes.closed = { calls: report.callsThrough.closed, left: 0 };
  nodes.unreachable = { calls: report.callsThrough.unreachable, left: 0 };
  nodes.goodbye = { calls: report.goodbye, left: 0 };
  add(edgeId("unreachable", "goodbye", "exhausted"), report.afterFailedTransfer.goodbye);
  return { nodes, edges };
}

/**
 * The flow as a graph, enough for the report: the incoming call, each menu (in the order callers meet
 * them), each option to a team, menu, language or region, failed answers, escalation, closed teams,
 * failed transfers and the goodbye. Same ids as the shared flow-graph builder.
 */
export function buildMinimalFlowGraph(callFlow: CallFlow): FlowGraph {
  const { flow, directory, menus } = callFlow;
  const lang = flow.defaultLanguage;
  const nodes = new Map<string, FlowNode>();
  const edges = new Map<string, FlowEdge>();
  const node = (n: FlowNode) => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
  };
  const edge = (from: string, to: string, tag: string, kind: EdgeKind, label: string) => {
    const id = edgeId(from, to, tag);
    if (!edges.has(id)) edges.set(id, { id, from, to, kind, label });
  };
  const teamName = (team: string) => capitalize(flow.teams[team]?.name[lang]?.replace(/^(the|a|an) /i, "") ?? team);
  const canClose = (team: string) =>
    directory.regions.some((r) => {
      const hours = r.teams.get(team)?.hours;
      return hours !== undefined && !(hours.always && hours.closures.size === 0);
    });
  const hasNext = (team: string) => directory.regions.some((r) => (r.teams.get(team)?.numbers.length ?? 0) > 1);

  const order: string[] = [];
  const queue = [flow.regionMenu, flow.start];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (order.includes(id) || !menus.has(id)) continue;
    order.push(id);
    for (const o of menus.get(id)?.options ?? []) {
      const action = o.action as Action;
      if (action.kind === "menu") queue.push(action.menu);
      if (action.kind === "region") queue.push(flow.start);
    }
  }
  node({ id: "start", kind: "start", label: "Incoming call" });
  for (const id of order) node({ id: menuNode(id), kind: "menu", label: menuLabel(id, flow.start, flow.regionMenu) });
  edge("start", menuNode(flow.start), "known", "start", "number known");
  if (menus.has(flow.regionMenu)) edge("start", menuNode(flow.regionMenu), "unknown", "start", "number unknown");
  const returnsTo: string[] = [];
  for (const menuId of order) {
    const here = menuNode(menuId);
    for (const o of menus.get(menuId)?.options ?? []) {
      const action = o.action as Action;
      const { to, tag, kind } = optionEdge(callFlow, menuId, o.key, action);
      const label =
        action.kind === "transfer"
          ? `${o.key} ${teamName(action.team).toLowerCase()}`
          : action.kind === "language"
            ? `${o.key} ${languageName(action.language)}`
            : action.kind === "region"
              ? `${o.key} ${action.region}`
              : action.kind === "menu"
                ? `${o.key} ${action.menu}`
                : `${o.key} repeat`;
      if (action.kind === "transfer") {
        node({ id: to, kind: "team", label: teamName(action.team) });
        if (canClose(action.team)) {
          node({ id: "closed", kind: "closed", label: "Closed now: hours said" });
          edge(to, "closed", "closed", "closed", "closed");
          edge("closed", here, "back", "back", "back");
        }
        if (hasNext(action.team)) edge(to, to, "next", "next", "next number");
        node({ id: "unreachable", kind: "unreachable", label: "Could not reach the team" });
        edge(to, "unreachable", "failed", "failed", "busy / no answer");
        if (!returnsTo.includes(here)) returnsTo.push(here);
      }
      edge(here, to, tag, kind, label);
    }
    edge(here, here, "invalid", "invalid", "wrong key");
    edge(here, here, "silence", "silence", "silence");
    node({ id: "person", kind: "person", label: "A person takes the call" });
    edge(here, "person", "escalate", "escalate", `${flow.limits.maxFailures} failed answers`);
  }
  for (const here of returnsTo) edge("unreachable", here, "back", "back", "back to the menu");
  node({ id: "goodbye", kind: "goodbye", label: "Goodbye" });
  edge("unreachable", "goodbye", "exhausted", "exhausted", `${flow.limits.maxFailedTransfers} failed transfers`);
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** The graph with each node's callers (and where they left) and each edge's passages in its label. */
export function annotateFlowGraph(graph: FlowGraph, counts: FlowCounts): FlowGraph {
  const fmt = (n: number) => n.toLocaleString("en-US");
  return {
    nodes: graph.nodes.map((n) => {
      const c = counts.nodes[n.id];
      if (!c) return { ...n, detail: [...(n.detail ?? []), "no callers"] };
      const noun = n.kind === "start" ? "call" : "caller";
      const detail = [`${fmt(c.calls)} ${c.calls === 1 ? noun : `${noun}s`}`];
      if (c.connected !== undefined) detail.push(`${fmt(c.connected)} put through`);
      if (c.left > 0) detail.push(`${fmt(c.left)} hung up here (${percent(c.left, c.calls)})`);
      return { ...n, detail: [...(n.detail ?? []), ...detail] };
    }),
    edges: graph.edges.map((e) => ({ ...e, label: `${e.label}: ${fmt(counts.edges[e.id] ?? 0)}` })),
  };
}

const NODE_STYLE: Readonly<Record<NodeKind, { fill: string; line: string }>> = {
  start: { fill: "#e0f2fe", line: "#0369a1" },
  menu: { fill: "#ede9fe", line: "#6d28d9" },
  team: { fill: "#dcfce7", line: "#15803d" },
  person: { fill: "#fef3c7", line: "#b45309" },
  closed: { fill: "#ffedd5", line: "#c2410c" },
  unreachable: { fill: "#fee2e2", line: "#b91c1c" },
  goodbye: { fill: "#fee2e2", line: "#b91c1c" },
};

const EDGE_COLOR: Readonly<Record<EdgeKind, string>> = {
  start: "#334155",
  option: "#334155",
  menu: "#334155",
  region: "#334155",
  language: "#6d28d9",
  repeat: "#6d28d9",
  invalid: "#94a3b8",
  silence: "#94a3b8",
  escalate: "#b45309",
  closed: "#c2410c",
  next: "#b91c1c",
  failed: "#b91c1c",
  back: "#64748b",
  exhausted: "#b91c1c",
};

const DASHED = new Set<EdgeKind>(["invalid", "silence", "closed", "next", "failed", "back", "exhausted"]);

/** Edges whose label is left off when nobody took them (they only clutter). */
const QUIET_WHEN_UNUSED = new Set<EdgeKind>(["region", "escalate", "closed", "next", "failed", "back", "exhausted"]);

/**
 * The annotated graph in Graphviz's DOT: edges as thick as the callers who took them, unused edges faint,
 * loops on a menu (wrong keys, silences, repeats, language switches) listed in its box, and each node's
 * drop-off in red. Node and edge ids become the SVG elements' ids.
 */
export function renderAnnotatedDot(graph: FlowGraph, counts: FlowCounts): string {
  const most = Math.max(1, ...graph.edges.filter((e) => e.from !== e.to).map((e) => counts.edges[e.id] ?? 0));
  const loops = new Map<string, FlowEdge[]>();
  for (const e of graph.edges) if (e.from === e.to) loops.set(e.from, [...(loops.get(e.from) ?? []), e]);
  const lines = [
    "digraph flow {",
    '  graph [rankdir=TB, bgcolor="transparent", fontname="Helvetica", nodesep=0.5, ranksep=0.75, pad=0.2];',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=15, margin="0.2,0.1"];',
    '  edge [fontname="Helvetica", fontsize=12, arrowsize=0.8];',
  ];
  for (const n of graph.nodes) {
    const style = NODE_STYLE[n.kind];
    const c = counts.nodes[n.id];
    const rows = (n.detail ?? []).map((d) => font(d, /hung up/.test(d) ? "#b91c1c" : "#334155", 12));
    for (const loop of loops.get(n.id) ?? [])
      if (loop.kind !== "next" || (counts.edges[loop.id] ?? 0) > 0) rows.push(font(`↺ ${loop.label}`, "#6d28d9", 12));
    const label = `<<B>${html(n.label)}</B>${rows.length > 0 ? `<BR/>${rows.join("<BR/>")}` : ""}>`;
    const faint = !c || c.calls === 0;
    lines.push(
      `  ${q(n.id)} [id=${q(`node-${n.id}`)}, class=${q(`node ${n.kind}`)}, label=${label}, fillcolor=${q(faint ? "#f8fafc" : style.fill)}, color=${q(faint ? "#cbd5e1" : style.line)}, penwidth=${(c?.left ?? 0) > 0 ? 2 : 1}];`,
    );
  }
  for (const e of graph.edges) {
    if (e.from === e.to) continue;
    const n = counts.edges[e.id] ?? 0;
    const width = n === 0 ? 0.6 : 1 + 7 * Math.sqrt(n / most);
    const color = n === 0 ? "#cbd5e1" : EDGE_COLOR[e.kind];
    const label = n === 0 && QUIET_WHEN_UNUSED.has(e.kind) ? "" : e.label;
    lines.push(
      `  ${q(e.from)} -> ${q(e.to)} [id=${q(`edge-${e.id}`)}, class=${q(`edge ${e.kind}`)}, label=${q(label)}, color=${q(color)}, fontcolor=${q(n === 0 ? "#94a3b8" : "#1e293b")}, penwidth=${width.toFixed(2)}${DASHED.has(e.kind) ? ", style=dashed" : ""}];`,
    );
  }
  lines.push("}");
  return lines.join("\n");
}

function font(text: string, color: string, size: number): string {
  return `<FONT POINT-SIZE="${size}" COLOR="${color}">${html(text)}</FONT>`;
}

let viz: Promise<Viz> | undefined;

/** The annotated flow diagram as SVG (Graphviz compiled to WebAssembly: no binary, no network). */
export async function renderAnnotatedFlowSvg(report: Report, callFlow: CallFlow): Promise<string> {
  const counts = countFlow(report, callFlow);
  const graph = annotateFlowGraph(buildMinimalFlowGraph(callFlow), counts);
  viz ??= instance();
  const result = (await viz).render(renderAnnotatedDot(graph, counts), { format: "svg", engine: "dot" });
  if (result.status !== "success")
    throw new Error(`Graphviz could not lay out the flow: ${result.errors.map((e) => e.message).join("; ")}`);
  return result.output;
}

function menuLabel(id: string, start: string, regionMenu: string): string {
  if (id === start) return "Main menu";
  if (id === regionMenu) return "Region menu";
  return `Menu ${id}`;
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "0%" : `${((part / whole) * 100).toFixed(1)}%`;
}

function q(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
