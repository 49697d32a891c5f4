import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, test } from "vitest";
import { buildFlowGraph } from "../../src/diagram/buildFlowGraph.js";
import type { FlowGraph } from "../../src/diagram/flowGraph.js";
import { renderDot } from "../../src/diagram/renderDot.js";
import { renderMermaid, toMermaidId } from "../../src/diagram/renderMermaid.js";
import { renderSvg } from "../../src/diagram/renderSvg.js";
import { sharedCallFlow } from "../support/createTestApp.js";

const graphs: ReadonlyArray<[string, FlowGraph]> = [
  ["northwest", buildFlowGraph(sharedCallFlow(), { region: "northwest" })],
  ["colorado", buildFlowGraph(sharedCallFlow(), { region: "colorado" })],
  ["every region", buildFlowGraph(sharedCallFlow())],
  ["california in Spanish", buildFlowGraph(sharedCallFlow(), { region: "california", language: "es" })],
];

interface Group {
  readonly id: string;
  readonly classes: readonly string[];
}

/** Every `<g>` of an SVG document with its id and classes, read by parsing the XML. */
function groupsOf(svg: string): Group[] {
  const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true }).parse(
    svg,
  ) as Record<string, unknown>;
  const found: Group[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const g = (value as Record<string, unknown>).g;
      for (const group of Array.isArray(g) ? g : g ? [g] : []) {
        const { id, class: cls } = group as { id?: string; class?: string };
        if (id) found.push({ id, classes: (cls ?? "").split(" ") });
      }
      Object.values(value).forEach(walk);
    }
  };
  walk(tree);
  return found;
}

describe("SVG", () => {
  test.each(graphs)("%s: valid XML, every node and edge a <g> with its id and kind", async (_name, graph) => {
    const svg = await renderSvg(graph);
    expect(XMLValidator.validate(svg)).toBe(true);
    const groups = new Map(groupsOf(svg).map((g) => [g.id, g.classes]));
    for (const node of graph.nodes) expect([node.id, groups.get(node.id)]).toEqual([node.id, ["node", node.kind]]);
    for (const edge of graph.edges) expect([edge.id, groups.get(edge.id)]).toEqual([edge.id, ["edge", edge.kind]]);
  });
});

describe("DOT", () => {
  test.each(graphs)("%s: one statement per node and edge, left to right", (_name, graph) => {
    const lines = renderDot(graph).trim().split("\n");
    expect(lines[0]).toBe('digraph "call flow" {');
    expect(lines.at(-1)).toBe("}");
    expect(lines[1]).toContain("rankdir=LR");
    const nodeLines = lines.filter((l) => /^ {2}"[^"]+" \[id=/.test(l));
    const edgeLines = lines.filter((l) => /^ {2}"[^"]+" -> "[^"]+" \[id=/.test(l));
    expect(nodeLines).toHaveLength(graph.nodes.length);
    expect(edgeLines).toHaveLength(graph.edges.length);
  });
});

/** Mermaid flowchart statements this renderer writes, one per line. */
const MERMAID_LINE = [
  /^flowchart LR$/,
  /^ {2}(?<node>[A-Za-z0-9_]+)(\(\[|\[|\(|\{\{|>)"[^"]*"(\]\)|\]|\)|\}\})$/,
  /^ {2}(?<from>[A-Za-z0-9_]+) (-->|-\.->)(\|"[^"|]*"\|)? (?<to>[A-Za-z0-9_]+)$/,
  /^ {2}classDef [a-z]+ [a-z:#0-9,]+$/,
  /^ {2}class (?<ids>[A-Za-z0-9_,]+) [a-z]+$/,
];

describe("Mermaid", () => {
  test.each(graphs)("%s: every line a statement, every node declared before it is used", (_name, graph) => {
    const text = renderMermaid(graph);
    const declared = new Set<string>();
    for (const line of text.trim().split("\n")) {
      const match = MERMAID_LINE.map((re) => re.exec(line)).find((m) => m !== null);
      expect(match, line).toBeTruthy();
      const groups = match?.groups ?? {};
      if (groups.node) declared.add(groups.node);
      for (const used of [groups.from, groups.to, ...(groups.ids?.split(",") ?? [])])
        if (used !== undefined) expect(declared.has(used), `${used} in: ${line}`).toBe(true);
    }
    expect([...declared].sort()).toEqual(graph.nodes.map((n) => toMermaidId(n.id)).sort());
  });

  test("labels with quotes, keys and brackets are escaped", () => {
    const graph: FlowGraph = {
      nodes: [
        { id: "menu:a", kind: "menu", label: 'Say "hi" <now>' },
        { id: "team:b", kind: "team", label: "B|C" },
      ],
      edges: [{ id: "menu:a>team:b:#", from: "menu:a", to: "team:b", kind: "option", label: "# pound", key: "#" }],
    };
    expect(renderMermaid(graph).split("\n").slice(1, 4)).toEqual([
      '  menu_a["Say #34;hi#34; #60;now#62;"]',
      '  team_b("B#124;C")',
      '  menu_a -->|"#35; pound"| team_b',
    ]);
  });
});
