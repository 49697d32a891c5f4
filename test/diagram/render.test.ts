import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, test } from "vitest";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import type { FlowGraph } from "../../src/tools/diagram/flowGraph.js";
import { renderDot } from "../../src/tools/diagram/renderDot.js";
import { renderMermaid, toMermaidId } from "../../src/tools/diagram/renderMermaid.js";
import { renderSvg } from "../../src/tools/diagram/renderSvg.js";
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

describe("annotations and drawing options", () => {
  const graph = buildFlowGraph(sharedCallFlow(), { region: "northwest" });
  const annotate = {
    nodes: {
      "menu:main": { lines: ["13 callers", "↺ 9 español (1)"], alert: "3 hung up here (23.1%)" },
      "menu:language": { lines: ["no callers"], faint: true },
      "team:nowhere": { lines: ["ignored"] },
    },
    edges: {
      "menu:main>team:pharmacy:3": { label: "3 pharmacy\n5", weight: 1 },
      "menu:main>team:nurseAdvice:2": { weight: 0 },
      "team:memberServices>closed:closed": { label: "closed now\n1", weight: 2 },
      "menu:main>menu:language:8": { label: "", faint: true },
      "menu:main>menu:main:9-en": { label: "", hidden: true },
    },
  };
  const statement = (dot: string, id: string) => dot.split("\n").find((l) => l.includes(`[id="${id}"`)) ?? "";

  test.each<[string, string, RegExp]>([
    ["a node's extra lines, after its name", "menu:main", /<b>Main menu<\/b><br\/><font[^>]*>13 callers<\/font><br\/>/],
    [
      "a node's alert line, in red",
      "menu:main",
      /<font point-size="11" color="#b91c1c">3 hung up here \(23\.1%\)<\/font>>/,
    ],
    ["a faint node", "menu:language", /fillcolor="#f8fafc", color="#cbd5e1", fontcolor="#94a3b8"\];$/],
    ["an edge's label in place of its own", "menu:main>team:pharmacy:3", /label=" 3 pharmacy\\n5 "/],
    ["the thickest edge", "menu:main>team:pharmacy:3", /, penwidth=8\.00\];$/],
    [
      "an edge of weight 0, as usual",
      "menu:main>team:nurseAdvice:2",
      /label=" 2 nurse advice line ".*, penwidth=1\.20\];$/,
    ],
    [
      "a label on an edge usually unlabelled, weight capped at 1",
      "team:memberServices>closed:closed",
      /label=" closed now\\n1 ".*penwidth=8\.00/,
    ],
    ["a faint edge", "menu:main>menu:language:8", /color="#cbd5e1", fontcolor="#94a3b8"\];$/],
    ["a hidden edge, transparent", "menu:main>menu:main:9-en", /color="transparent", fontcolor="transparent"\];$/],
  ])("DOT: %s", (_name, id, expected) => {
    expect(statement(renderDot(graph, { annotate }), id)).toMatch(expected);
  });

  test("ids the graph does not have are ignored", () => {
    expect(renderDot(graph, { annotate })).not.toContain("ignored");
  });

  test("without annotations the drawing is as before", () => {
    expect(renderDot(graph, { annotate: {} })).toBe(renderDot(graph));
  });

  test.each<[string, Parameters<typeof renderDot>[1], RegExp, RegExp]>([
    ["left to right by default", {}, /rankdir=LR/, /tailport="s", headport="s"/],
    ["top to bottom, loops on the sides", { direction: "TB" }, /rankdir=TB/, /tailport="w", headport="w"/],
    [
      "left to right, the goodbye beside the failures",
      {},
      /rankdir=LR/,
      /rank=same; "closed" -> "unreachable" -> "goodbye"/,
    ],
    [
      "top to bottom, the goodbye under them",
      { direction: "TB" },
      /rankdir=TB/,
      /rank=same; "closed" -> "unreachable" \[/,
    ],
    ["without the nodes' detail", { detail: false }, /<b>Pharmacy<\/b>>/, /^(?![\s\S]*800 813 2000)/],
  ])("DOT: %s", (_name, options, first, second) => {
    const dot = renderDot(graph, options);
    expect(dot).toMatch(first);
    expect(dot).toMatch(second);
  });

  test("SVG: every node and edge still a <g> with its id, hidden ones too", async () => {
    const svg = await renderSvg(graph, { annotate, direction: "TB", detail: false });
    expect(XMLValidator.validate(svg)).toBe(true);
    const ids = new Set(groupsOf(svg).map((g) => g.id));
    expect([...graph.nodes, ...graph.edges].map((e) => e.id).filter((id) => !ids.has(id))).toEqual([]);
  });
});

/** Mermaid flowchart statements this renderer writes, one per line. */
const MERMAID_LINE = [
  /^flowchart LR$/,
  /^ {2}(?<node>[A-Za-z0-9_]+)(\(\[|\[\[|\[|\(|\{\{|>)"[^"]*"(\]\)|\]\]|\]|\)|\}\})$/,
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
      steps: [],
    };
    expect(renderMermaid(graph).split("\n").slice(1, 4)).toEqual([
      '  menu_a["Say #34;hi#34; #60;now#62;"]',
      '  team_b("B#124;C")',
      '  menu_a -->|"#35; pound"| team_b',
    ]);
  });
});
