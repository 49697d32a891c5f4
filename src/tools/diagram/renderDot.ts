import { CALLBACK_DONE } from "../../service/index.js";
import type { DiagramAnnotations } from "./annotations.js";
import { type EdgeKind, type FlowEdge, type FlowGraph, isSaidByNode, type NodeKind } from "./flowGraph.js";

/** How a graph is drawn. */
export interface DrawOptions {
  /** Figures to draw onto nodes and edges by id: extra lines in the boxes, edge labels and thickness. */
  readonly annotate?: DiagramAnnotations;
  /**
   * `LR` (the default): left to right, for a wide screen. `TB`: top to bottom, for a page: the teams in
   * one row, the loops of a node on its sides, the goodbye under the failures.
   */
  readonly direction?: "LR" | "TB";
  /** `false` leaves the nodes' detail lines out (numbers, hours, routing), e.g. when annotations say more. */
  readonly detail?: boolean;
}

/** How each kind of node is drawn. */
const NODE_STYLE: Readonly<Record<NodeKind, string>> = {
  start: 'shape=box, style="rounded,filled", fillcolor="#e0f2fe", color="#0369a1"',
  menu: 'shape=box, style="rounded,filled,bold", fillcolor="#ede9fe", color="#6d28d9"',
  team: 'shape=box, style="rounded,filled", fillcolor="#dcfce7", color="#15803d"',
  person: 'shape=box, style="rounded,filled", fillcolor="#fef3c7", color="#b45309"',
  closed: 'shape=box, style="rounded,filled", fillcolor="#ffedd5", color="#c2410c"',
  unreachable: 'shape=box, style="rounded,filled", fillcolor="#fee2e2", color="#b91c1c"',
  goodbye: 'shape=box, style="rounded,filled", fillcolor="#fee2e2", color="#b91c1c"',
  callback: 'shape=box, style="rounded,filled", fillcolor="#ccfbf1", color="#0f766e"',
};

/** How each kind of edge is drawn: the way forward solid and dark, re-prompts light, failures red and dashed. */
const EDGE_STYLE: Readonly<Record<EdgeKind, string>> = {
  start: 'color="#334155", fontcolor="#334155"',
  option: 'color="#334155", fontcolor="#1e293b"',
  menu: 'color="#334155", fontcolor="#1e293b"',
  region: 'color="#334155", fontcolor="#1e293b"',
  language: 'color="#6d28d9", fontcolor="#5b21b6"',
  repeat: 'color="#6d28d9", fontcolor="#5b21b6"',
  invalid: 'color="#94a3b8", fontcolor="#64748b", style=dashed',
  silence: 'color="#94a3b8", fontcolor="#64748b", style=dashed',
  escalate: 'color="#b45309", fontcolor="#92400e"',
  closed: 'color="#c2410c", fontcolor="#9a3412", style=dashed',
  next: 'color="#b91c1c", fontcolor="#991b1b", style=dashed',
  failed: 'color="#b91c1c", style=dashed',
  back: 'color="#64748b", fontcolor="#475569", style=dashed',
  exhausted: 'color="#b91c1c", fontcolor="#991b1b", style=dashed',
  callback: 'color="#0f766e", fontcolor="#115e59"',
};

/** Colours of what is drawn faint (an annotation's `faint`). */
const FAINT_NODE = 'fillcolor="#f8fafc", color="#cbd5e1", fontcolor="#94a3b8"';
const FAINT_EDGE = 'color="#cbd5e1", fontcolor="#94a3b8"';
/** An edge not drawn (an annotation's `hidden`): transparent, not `invis`, so the SVG still has its `<g>`. */
const HIDDEN_EDGE = 'color="transparent", fontcolor="transparent"';
/** Line width of an annotated edge of weight 1 (the usual line is 1.2). */
const THICKEST = 8;

/**
 * The graph in Graphviz's DOT language, left to right: the call comes in on the left, then the menus,
 * the teams in one column (in the order of their keys), what happens when a transfer does not go
 * through, and the goodbye on the right (or top to bottom, with `direction: "TB"`). Every node and edge
 * carries its graph id as its `id` and its kind as its `class`, so an SVG rendered from it can be styled
 * and lit by id. `annotate` adds figures by id (see `annotations.ts`): lines in the boxes, edge labels
 * in place of their own, thicker edges.
 */
export function renderDot(graph: FlowGraph, options: DrawOptions = {}): string {
  const annotate = options.annotate ?? {};
  const labelOf = (edge: FlowEdge) => annotate.edges?.[edge.id]?.label ?? edge.label;
  const direction = options.direction ?? "LR";
  const lines = [
    'digraph "call flow" {',
    `  graph [rankdir=${direction}, fontname="Helvetica", nodesep=0.25, ranksep=0.7, pad=0.2, newrank=true];`,
    '  node [fontname="Helvetica", fontsize=12, margin="0.16,0.07", penwidth=1.2];',
    '  edge [fontname="Helvetica", fontsize=10, arrowsize=0.7, penwidth=1.2];',
  ];
  for (const node of graph.nodes) {
    const note = annotate.nodes?.[node.id];
    const detail = (options.detail === false ? [] : (node.detail ?? [])).map(
      (d) => `<br/><font point-size="9" color="#475569">${escapeHtml(d)}</font>`,
    );
    const extra = (note?.lines ?? []).map((l) => `<br/><font point-size="11" color="#1e293b">${escapeHtml(l)}</font>`);
    if (note?.alert) extra.push(`<br/><font point-size="11" color="#b91c1c">${escapeHtml(note.alert)}</font>`);
    const label = `<<b>${escapeHtml(node.label)}</b>${detail.join("")}${extra.join("")}>`;
    const faint = note?.faint ? `, ${FAINT_NODE}` : "";
    lines.push(
      `  ${quote(node.id)} [id=${quote(node.id)}, class=${quote(node.kind)}, label=${label}, ${NODE_STYLE[node.kind]}${faint}];`,
    );
  }
  const column = (...kinds: NodeKind[]) =>
    kinds.flatMap((kind) => graph.nodes.filter((n) => n.kind === kind).map((n) => quote(n.id)));
  // Left to right, the goodbyes (a call-back's too) stand beside the failures; top to bottom, under them (beside,
  // their labels are crossed).
  const queued = graph.nodes.some((n) => n.id === CALLBACK_DONE) ? [quote(CALLBACK_DONE)] : [];
  const failures =
    direction === "LR" ? [...column("closed", "unreachable", "goodbye"), ...queued] : column("closed", "unreachable");
  for (const ids of [column("team", "person"), failures])
    if (ids.length > 1) lines.push(`  { rank=same; ${ids.join(" -> ")} [style=invis]; }`);
  const loops = layLoops(graph, labelOf, direction === "LR" ? ["n", "s"] : ["e", "w"]);
  for (const edge of graph.edges) {
    const note = annotate.edges?.[edge.id];
    const label = isSaidByNode(edge) && note?.label === undefined ? "" : `, label=${quote(` ${labelOf(edge)} `)}`;
    const weight = note?.weight === undefined ? undefined : Math.min(1, Math.max(0, note.weight));
    const width = weight === undefined ? "" : `, penwidth=${(1.2 + (THICKEST - 1.2) * weight).toFixed(2)}`;
    const faint = note?.hidden ? `, ${HIDDEN_EDGE}` : note?.faint ? `, ${FAINT_EDGE}` : "";
    lines.push(
      `  ${quote(edge.from)} -> ${quote(edge.to)} [id=${quote(edge.id)}, class=${quote(edge.kind)}${loops.get(edge.id) ?? label}, ${EDGE_STYLE[edge.kind]}${width}${faint}];`,
    );
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/**
 * Ports and labels of the loops: options on one side of a node (above it when drawn left to right, on
 * its right when top to bottom), re-prompts on the other. Graphviz nests the loops of one side and would stack their labels over each other, so the
 * outermost carries the labels of all.
 */
function layLoops(
  graph: FlowGraph,
  labelOf: (edge: FlowEdge) => string,
  [options, reprompts]: readonly [string, string],
): Map<string, string> {
  const sides = new Map<string, FlowEdge[]>();
  for (const edge of graph.edges) {
    if (edge.from !== edge.to) continue;
    const side = edge.kind === "invalid" || edge.kind === "silence" ? reprompts : options;
    const key = `${side} ${edge.from}`;
    sides.set(key, [...(sides.get(key) ?? []), edge]);
  }
  const attrs = new Map<string, string>();
  for (const [key, edges] of sides) {
    const side = key.slice(0, 1);
    const labels = edges
      .map(labelOf)
      .filter((label) => label !== "")
      .join("\n");
    edges.forEach((edge, i) => {
      const label = i === edges.length - 1 ? quote(labels) : '""';
      attrs.set(edge.id, `, tailport="${side}", headport="${side}", label=${label}`);
    });
  }
  return attrs;
}

/** A DOT double-quoted string. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** Text inside a DOT HTML-like label. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
