import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, test } from "vitest";
import { createReportBuilder } from "../../src/tools/analytics/aggregate.js";
import { annotateFlow, type DiagramFigures, renderAnnotatedFlowSvg } from "../../src/tools/analytics/annotateFlow.js";
import type { FlowCounts, Report } from "../../src/tools/analytics/reportTypes.js";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import type { FlowGraph } from "../../src/tools/diagram/flowGraph.js";
import { sharedCallFlow } from "../support/createTestApp.js";
import { FIXTURE, LANGUAGE_FIXTURE } from "./fixtureCalls.js";
import { runCalls } from "./runCalls.js";

/** The report of some fixture calls, counted on the shared flow graph. */
async function reportOf(calls: typeof FIXTURE, graph: FlowGraph): Promise<Report> {
  const { lines } = await runCalls(
    calls.map((f) => f.call),
    "flow-test-salt-0123456789",
  );
  const builder = createReportBuilder({ graph });
  for (const line of lines) builder.addLine(line);
  return builder.finish();
}

/** Each `<g>` of an SVG document with an id, and the text drawn in it, read by parsing the XML. */
function textsById(svg: string): Map<string, string[]> {
  const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true }).parse(svg);
  const found = new Map<string, string[]>();
  const textsOf = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap(textsOf)
      : value && typeof value === "object"
        ? Object.entries(value).flatMap(([k, v]) =>
            k === "text" ? (Array.isArray(v) ? v : [v]).map((t) => String(t["#text"] ?? t).trim()) : textsOf(v),
          )
        : [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const g = (value as Record<string, unknown>).g;
      for (const group of Array.isArray(g) ? g : g ? [g] : [])
        if (group.id) found.set(String(group.id), textsOf(group));
      Object.values(value).forEach(walk);
    }
  };
  walk(tree);
  return found;
}

const graph = buildFlowGraph(sharedCallFlow());

describe("the flow annotated with what callers did", () => {
  let report: Report;
  let counts: FlowCounts;
  let figures: DiagramFigures;
  beforeAll(async () => {
    report = await reportOf(FIXTURE, graph);
    counts = report.flow ?? { nodes: {}, edges: {} };
    figures = { ...report, flow: counts };
  });

  test("every count is of a node or an edge of the graph (the shared ids)", () => {
    const nodeIds = new Set(graph.nodes.map((n) => n.id));
    const edgeIds = new Set(graph.edges.map((e) => e.id));
    expect(Object.keys(counts.nodes).filter((id) => !nodeIds.has(id))).toEqual([]);
    expect(Object.keys(counts.edges).filter((id) => !edgeIds.has(id))).toEqual([]);
  });

  test.each([
    ["start", { calls: 13, left: 0 }],
    ["menu:main", { calls: 13, left: 3 }],
    ["menu:region", { calls: 1, left: 0 }],
    ["team:pharmacy", { calls: 3, left: 0, connected: 2 }],
    ["team:memberServices", { calls: 2, left: 0, connected: 2 }],
    ["person", { calls: 1, left: 0 }],
    ["closed", { calls: 1, left: 0 }],
    ["unreachable", { calls: 2, left: 0 }],
    ["goodbye", { calls: 1, left: 0, disconnected: 1 }],
    ["menu:language", { calls: 0, left: 0 }],
  ])("node %s: %j", (id, count) => {
    expect(counts.nodes[id]).toEqual(count);
  });

  test.each([
    ["start>menu:main:known", 12],
    ["start>menu:region:unknown", 1],
    ["menu:region>menu:main:2", 1],
    ["menu:main>team:pharmacy:3", 5],
    ["menu:main>team:memberServices:1", 3],
    ["menu:main>menu:main:9-es", 1],
    ["menu:main>menu:main:invalid", 2],
    ["menu:main>menu:main:silence", 3],
    ["menu:main>person:escalate", 1],
    ["team:memberServices>closed:closed", 1],
    ["closed>menu:main:back", 1],
    ["team:memberServices>team:memberServices:next", 1],
    ["team:pharmacy>unreachable:failed", 3],
    ["unreachable>menu:main:back", 3],
    ["unreachable>goodbye:exhausted", 1],
  ])("edge %s: %i", (id, n) => {
    expect(counts.edges[id]).toBe(n);
  });

  test.each([
    ["menu:main>menu:main:9-en", "nobody took it"],
    ["menu:main>menu:language:8", "nobody took it"],
    ["menu:main>team:nurseAdvice:2:", "not an edge of the graph"],
  ])("edge %s is not counted: %s", (id) => {
    expect(counts.edges[id]).toBeUndefined();
  });

  test("a menu's box: its callers, its loops, and those who hung up there", () => {
    expect(annotateFlow(graph, figures).nodes?.["menu:main"]).toEqual({
      lines: ["13 callers", "↺ 9 español (1)", "↺ wrong key: shorter prompt (2)", "↺ silence: shorter prompt (3)"],
      alert: "3 hung up here (23.1%)",
    });
  });

  test.each([
    ["team:pharmacy", { lines: ["3 callers", "2 put through", "→ Not reached (3)"] }],
    ["team:memberServices", { lines: ["2 callers", "2 put through", "→ Closed now (1 caller)", "↺ next number (1)"] }],
    ["menu:region", { lines: ["1 caller", "→ 2 Colorado (1)"] }],
    ["menu:language", { lines: ["no callers"], faint: true }],
  ])("node %s: %j", (id, note) => {
    expect(annotateFlow(graph, figures).nodes?.[id]).toEqual(note);
  });

  test.each([
    ["menu:main>team:pharmacy:3", { label: "3 pharmacy\n5", weight: Math.sqrt(5 / 12) }],
    ["start>menu:main:known", { label: "greeting, region known\n12", weight: 1 }],
    ["menu:region>menu:main:2", { label: "", weight: Math.sqrt(1 / 12) }],
    ["menu:main>menu:main:invalid", { label: "" }],
    ["team:pharmacy>unreachable:failed", { label: "", weight: Math.sqrt(3 / 12) }],
    ["menu:main>menu:language:8", { label: "", faint: true }],
    ["menu:main>menu:main:9-en", { label: "", hidden: true }],
  ])("edge %s: %j", (id, note) => {
    expect(annotateFlow(graph, figures).edges?.[id]).toEqual(note);
  });

  test("the drawing is the shared graph's SVG: its ids, with the counts in the boxes and on the edges", async () => {
    const svg = await renderAnnotatedFlowSvg(report, graph);
    expect(XMLValidator.validate(svg)).toBe(true);
    const texts = textsById(svg);
    for (const node of graph.nodes) expect(texts.has(node.id)).toBe(true);
    for (const edge of graph.edges) expect(texts.has(edge.id)).toBe(true);
    expect(texts.get("menu:main")).toEqual([
      "Main menu",
      "13 callers",
      "↺ 9 español (1)",
      "↺ wrong key: shorter prompt (2)",
      "↺ silence: shorter prompt (3)",
      "3 hung up here (23.1%)",
    ]);
    expect(texts.get("menu:main>team:pharmacy:3")).toEqual(["3 pharmacy", "5"]);
  });

  test("a report built without the graph has no counts to draw, and says how to build one", async () => {
    const bare = { ...report, flow: undefined };
    await expect(renderAnnotatedFlowSvg(bare, graph)).rejects.toThrow(
      /createReportBuilder\(\{ graph: buildFlowGraph\(callFlow\) \}\)/,
    );
  });
});

describe("callers of the language menu, on the flow", () => {
  let report: Report;
  let counts: FlowCounts;
  beforeAll(async () => {
    report = await reportOf(LANGUAGE_FIXTURE, graph);
    counts = report.flow ?? { nodes: {}, edges: {} };
  });

  test("hanging up in the interpreter menu after member services did not answer counts as after a failed transfer", () => {
    expect(report.menus.interpreterClosed?.abandonedAfter).toEqual({
      greeting: 0,
      failedAnswer: 0,
      closed: 0,
      failedTransfer: 1,
      menu: 0,
    });
  });

  test.each([
    ["start", { calls: 5, left: 0 }],
    ["menu:main", { calls: 5, left: 0 }],
    ["menu:language", { calls: 5, left: 0 }],
    ["team:memberServices", { calls: 3, left: 0, connected: 2 }],
    ["menu:interpreterClosed", { calls: 2, left: 1 }],
    ["team:nurseAdvice", { calls: 1, left: 0, connected: 1 }],
    ["team:pharmacy", { calls: 1, left: 0, connected: 1 }],
    ["unreachable", { calls: 0, left: 0 }],
    ["closed", { calls: 0, left: 0 }],
  ])("node %s: %j", (id, count) => {
    expect(counts.nodes[id]).toEqual(count);
  });

  test.each([
    ["menu:main>menu:language:8", 5],
    ["menu:language>team:memberServices:2", 1],
    ["menu:language>team:memberServices:4", 1],
    ["menu:language>team:memberServices:5", 1],
    ["menu:language>team:memberServices:silence", 1],
    ["team:memberServices>menu:interpreterClosed:interpreter", 2],
    ["menu:interpreterClosed>team:nurseAdvice:2", 1],
    ["menu:language>menu:main:1-es", 1],
    ["menu:main>team:pharmacy:3", 1],
  ])("edge %s: %i", (id, n) => {
    expect(counts.edges[id]).toBe(n);
  });

  test("no interpreter call is counted as a failed transfer, an escalation or a closed team", () => {
    const ids = Object.keys(counts.edges);
    expect(ids.filter((id) => /unreachable|person|closed:closed|invalid/.test(id))).toEqual([]);
  });
});
