import type { DiagramAnnotations, EdgeAnnotation, NodeAnnotation } from "../diagram/annotations.js";
import { CLOSED_NODE, type FlowEdge, type FlowGraph, isSaidByNode } from "../diagram/flowGraph.js";
import { renderSvg } from "../diagram/renderSvg.js";
import type { FlowCounts, Report } from "./reportTypes.js";

/** What the diagram draws: the counts on the graph, and the report's figures the boxes read. */
export type DiagramFigures = Pick<Report, "afterHours" | "teams"> & { readonly flow: FlowCounts };

/*
 * The report's flow diagram: the line's one flow graph (`src/tools/diagram/`, as the flow tools and the console
 * draw it), with the report's counts (`Report.flow`, by the graph's ids) drawn onto it as annotations.
 */

/** Edges this many or more between the same two nodes are listed in the box they leave, not labelled. */
const PARALLEL = 3;

/**
 * The counts as figures on the diagram: each node's callers (calls, for the incoming call), those put
 * through (teams, escalations included, as `teams` says) and those who hung up there in red, the line's
 * disconnects at the goodbye; each edge's label with how many times it was taken
 * and a line as thick as that (by the square root of its share of the busiest edge's). Loops, edges that
 * run side by side between the same two nodes (the regions, the interpreters) and those the shared drawing
 * leaves unlabelled (to `closed` and `unreachable`) are listed in the box they leave instead
 * (`↺ 9 español (484)`, `→ 2 Colorado (9)`, `→ Closed now (295 callers)`): their labels would run over each
 * other and widen the drawing past a page. A team's closed hours list the callers who chose it while closed
 * (`afterHours`, the after-hours table's figure), not the times. What nobody reached or took is faint; a loop
 * nobody took is not drawn.
 */
export function annotateFlow(graph: FlowGraph, figures: DiagramFigures): DiagramAnnotations {
  const counts = figures.flow;
  const passages = (id: string) => counts.edges[id] ?? 0;
  const most = Math.max(1, ...graph.edges.filter((e) => e.from !== e.to).map((e) => passages(e.id)));
  const between = new Map<string, number>();
  for (const edge of graph.edges)
    between.set(`${edge.from} ${edge.to}`, (between.get(`${edge.from} ${edge.to}`) ?? 0) + 1);
  const names = new Map(graph.nodes.map((n) => [n.id, n.label]));
  // In a box: an edge to a node that says what it means by that node's name, a next number in two words.
  const listedAs = (edge: FlowEdge) =>
    isSaidByNode(edge) ? (names.get(edge.to) ?? edge.label) : edge.kind === "next" ? "next number" : edge.label;
  const listed = new Map<string, string[]>();
  const list = (node: string, line: string) => listed.set(node, [...(listed.get(node) ?? []), line]);
  const edges: Record<string, EdgeAnnotation> = {};
  for (const edge of graph.edges) {
    const n = passages(edge.id);
    const loop = edge.from === edge.to;
    const weight = loop || n === 0 ? {} : { weight: Math.sqrt(n / most) };
    if (n === 0) edges[edge.id] = loop ? { label: "", hidden: true } : { label: "", faint: true };
    else if (edge.to === CLOSED_NODE && edge.kind === "closed") {
      const callers = closedCallers(figures, edge.from);
      list(edge.from, `→ ${listedAs(edge)} (${fmt(callers)} ${callers === 1 ? "caller" : "callers"})`);
      edges[edge.id] = { label: "", ...weight };
    } else if (loop || isSaidByNode(edge) || (between.get(`${edge.from} ${edge.to}`) ?? 0) >= PARALLEL) {
      list(edge.from, `${loop ? "↺" : "→"} ${listedAs(edge)} (${fmt(n)})`);
      edges[edge.id] = { label: "", ...weight };
    } else edges[edge.id] = { label: `${edge.label}\n${fmt(n)}`, ...weight };
  }
  const nodes: Record<string, NodeAnnotation> = {};
  for (const node of graph.nodes) {
    const c = counts.nodes[node.id];
    if (!c || c.calls === 0) {
      nodes[node.id] = { lines: [node.kind === "start" ? "no calls" : "no callers"], faint: true };
      continue;
    }
    const noun = node.kind === "start" ? "call" : "caller";
    const lines = [`${fmt(c.calls)} ${c.calls === 1 ? noun : `${noun}s`}`];
    if (c.connected !== undefined) lines.push(`${fmt(c.connected)} put through`);
    const escalations = node.kind === "team" ? (teamOf(figures, node.id)?.escalations ?? 0) : 0;
    if (escalations > 0) lines.push(`${fmt(escalations)} after failed answers`);
    lines.push(...(listed.get(node.id) ?? []));
    const alert =
      c.left > 0
        ? `${fmt(c.left)} hung up here (${percent(c.left, c.calls)})`
        : c.disconnected
          ? `${fmt(c.disconnected)} disconnected by the line`
          : undefined;
    nodes[node.id] = alert ? { lines, alert } : { lines };
  }
  return { nodes, edges };
}

/** The team of a `team:<id>` node, as the report's `teams` has it (own properties only: ids come from a log). */
function teamOf(figures: DiagramFigures, nodeId: string) {
  const id = nodeId.slice(nodeId.indexOf(":") + 1);
  return Object.hasOwn(figures.teams, id) ? figures.teams[id] : undefined;
}

/** Callers who chose the team of node `nodeId` while it was closed: the report's after-hours figure. */
function closedCallers(figures: DiagramFigures, nodeId: string): number {
  const id = nodeId.slice(nodeId.indexOf(":") + 1);
  return Object.hasOwn(figures.afterHours, id) ? (figures.afterHours[id] ?? 0) : 0;
}

/**
 * The report's flow diagram as SVG: the line's flow graph (`buildFlowGraph(callFlow)`, the one the report
 * counted on) with the report's counts drawn on it, top to bottom to fit a page, without the teams' numbers
 * and hours (the counts say more here); node and edge ids are the graph's (`<g id="menu:main">`).
 */
export async function renderAnnotatedFlowSvg(report: Report, graph: FlowGraph): Promise<string> {
  const { flow } = report;
  if (!flow)
    throw new Error(
      "The report has no counts per node and edge: build it with createReportBuilder({ graph: buildFlowGraph(callFlow) }), as npm run report does.",
    );
  return renderSvg(graph, { annotate: annotateFlow(graph, { ...report, flow }), direction: "TB", detail: false });
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "0%" : `${((part / whole) * 100).toFixed(1)}%`;
}
