import { type EdgeKind, type FlowEdge, type FlowGraph, isSaidByNode, type NodeKind } from "./flowGraph.js";

/** How each kind of node is drawn. */
const NODE_STYLE: Readonly<Record<NodeKind, string>> = {
  start: 'shape=box, style="rounded,filled", fillcolor="#e0f2fe", color="#0369a1"',
  menu: 'shape=box, style="rounded,filled,bold", fillcolor="#ede9fe", color="#6d28d9"',
  team: 'shape=box, style="rounded,filled", fillcolor="#dcfce7", color="#15803d"',
  person: 'shape=box, style="rounded,filled", fillcolor="#fef3c7", color="#b45309"',
  closed: 'shape=box, style="rounded,filled", fillcolor="#ffedd5", color="#c2410c"',
  unreachable: 'shape=box, style="rounded,filled", fillcolor="#fee2e2", color="#b91c1c"',
  goodbye: 'shape=box, style="rounded,filled", fillcolor="#fee2e2", color="#b91c1c"',
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
};

/**
 * The graph in Graphviz's DOT language, left to right: the call comes in on the left, then the menus,
 * the teams in one column (in the order of their keys), what happens when a transfer does not go
 * through, and the goodbye on the right. Every node and edge carries its graph id as its `id` and its
 * kind as its `class`, so an SVG rendered from it can be styled and lit by id.
 */
export function renderDot(graph: FlowGraph): string {
  const lines = [
    'digraph "call flow" {',
    '  graph [rankdir=LR, fontname="Helvetica", nodesep=0.25, ranksep=0.7, pad=0.2, newrank=true];',
    '  node [fontname="Helvetica", fontsize=12, margin="0.16,0.07", penwidth=1.2];',
    '  edge [fontname="Helvetica", fontsize=10, arrowsize=0.7, penwidth=1.2];',
  ];
  for (const node of graph.nodes) {
    const detail = (node.detail ?? []).map((d) => `<br/><font point-size="9" color="#475569">${escapeHtml(d)}</font>`);
    const label = `<<b>${escapeHtml(node.label)}</b>${detail.join("")}>`;
    lines.push(
      `  ${quote(node.id)} [id=${quote(node.id)}, class=${quote(node.kind)}, label=${label}, ${NODE_STYLE[node.kind]}];`,
    );
  }
  const column = (...kinds: NodeKind[]) =>
    kinds.flatMap((kind) => graph.nodes.filter((n) => n.kind === kind).map((n) => quote(n.id)));
  for (const ids of [column("team", "person"), column("closed", "unreachable", "goodbye")])
    if (ids.length > 1) lines.push(`  { rank=same; ${ids.join(" -> ")} [style=invis]; }`);
  const loops = layLoops(graph);
  for (const edge of graph.edges) {
    const label = isSaidByNode(edge) ? "" : `, label=${quote(` ${edge.label} `)}`;
    lines.push(
      `  ${quote(edge.from)} -> ${quote(edge.to)} [id=${quote(edge.id)}, class=${quote(edge.kind)}${loops.get(edge.id) ?? label}, ${EDGE_STYLE[edge.kind]}];`,
    );
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/**
 * Ports and labels of the loops: options above a node, re-prompts below. Graphviz nests the loops of
 * one side and would stack their labels over each other, so the outermost carries the labels of all.
 */
function layLoops(graph: FlowGraph): Map<string, string> {
  const sides = new Map<string, FlowEdge[]>();
  for (const edge of graph.edges) {
    if (edge.from !== edge.to) continue;
    const side = edge.kind === "invalid" || edge.kind === "silence" ? "s" : "n";
    const key = `${side} ${edge.from}`;
    sides.set(key, [...(sides.get(key) ?? []), edge]);
  }
  const attrs = new Map<string, string>();
  for (const [key, edges] of sides) {
    const side = key.slice(0, 1);
    const labels = edges.map((e) => e.label).join("\n");
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
