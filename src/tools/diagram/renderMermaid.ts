import { type EdgeKind, type FlowGraph, isSaidByNode, type NodeKind } from "./flowGraph.js";

/** Node shapes: `[` and `]` around the label, Mermaid's way. */
const SHAPE: Readonly<Record<NodeKind, readonly [string, string]>> = {
  start: ["([", "])"],
  menu: ["[", "]"],
  team: ["(", ")"],
  person: ["{{", "}}"],
  closed: [">", "]"],
  unreachable: [">", "]"],
  goodbye: ["([", "])"],
  callback: ["[[", "]]"],
};

const FILL: Readonly<Record<NodeKind, string>> = {
  start: "fill:#e0f2fe,stroke:#0369a1,color:#0f172a",
  menu: "fill:#ede9fe,stroke:#6d28d9,color:#0f172a",
  team: "fill:#dcfce7,stroke:#15803d,color:#0f172a",
  person: "fill:#fef3c7,stroke:#b45309,color:#0f172a",
  closed: "fill:#ffedd5,stroke:#c2410c,color:#0f172a",
  unreachable: "fill:#fee2e2,stroke:#b91c1c,color:#0f172a",
  goodbye: "fill:#fee2e2,stroke:#b91c1c,color:#0f172a",
  callback: "fill:#ccfbf1,stroke:#0f766e,color:#0f172a",
};

/** Edges drawn dotted: re-prompts and what happens when a transfer does not go through. */
const DOTTED: ReadonlySet<EdgeKind> = new Set(["invalid", "silence", "closed", "next", "failed", "back", "exhausted"]);

/**
 * The graph as a Mermaid flowchart (left to right), which GitHub renders in Markdown, e.g. in a pull
 * request. Mermaid ids are the graph ids with `:` and `>` replaced (`menu:main` → `menu_main`).
 */
export function renderMermaid(graph: FlowGraph): string {
  const lines = ["flowchart LR"];
  for (const node of graph.nodes) {
    const [open, close] = SHAPE[node.kind];
    const text = [node.label, ...(node.detail ?? [])].map(escapeText).join("<br/>");
    lines.push(`  ${toMermaidId(node.id)}${open}"${text}"${close}`);
  }
  // Mermaid draws a node's loops over each other: one loop per node carries all their labels.
  const loops = new Map<string, string[]>();
  for (const edge of graph.edges) {
    if (edge.from === edge.to) {
      loops.set(edge.from, [...(loops.get(edge.from) ?? []), escapeText(edge.label)]);
      continue;
    }
    const arrow = DOTTED.has(edge.kind) ? "-.->" : "-->";
    const label = isSaidByNode(edge) ? "" : `|"${escapeText(edge.label)}"|`;
    lines.push(`  ${toMermaidId(edge.from)} ${arrow}${label} ${toMermaidId(edge.to)}`);
  }
  for (const [node, labels] of loops)
    lines.push(`  ${toMermaidId(node)} -.->|"${labels.join("<br/>")}"| ${toMermaidId(node)}`);
  const kinds = [...new Set(graph.nodes.map((n) => n.kind))];
  for (const kind of kinds) {
    lines.push(`  classDef ${kind} ${FILL[kind]}`);
    const ids = graph.nodes.filter((n) => n.kind === kind).map((n) => toMermaidId(n.id));
    lines.push(`  class ${ids.join(",")} ${kind}`);
  }
  return `${lines.join("\n")}\n`;
}

/** A graph id as a Mermaid node id, e.g. `team:pharmacy` → `team_pharmacy`. */
export function toMermaidId(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, "_");
}

/** Text inside a quoted Mermaid label: quotes, `#`, `<`, `>` and `|` as entity codes. */
function escapeText(text: string): string {
  return text.replace(/[#"<>|]/g, (c) => `#${c.charCodeAt(0)};`);
}
