import { beforeAll, describe, expect, test } from "vitest";
import { createReportBuilder } from "../../src/analytics/aggregate.js";
import {
  annotateFlowGraph,
  buildMinimalFlowGraph,
  countFlow,
  type FlowCounts,
  type FlowGraph,
  renderAnnotatedDot,
} from "../../src/analytics/annotateFlow.js";
import { sharedCallFlow } from "../support/createTestApp.js";
import { FIXTURE } from "./fixtureCalls.js";
import { runCalls } from "./runCalls.js";

describe("the flow annotated with what callers did", () => {
  let counts: FlowCounts;
  let graph: FlowGraph;
  beforeAll(async () => {
    const { lines } = await runCalls(
      FIXTURE.map((f) => f.call),
      "flow-test-salt-0123456789",
    );
    const builder = createReportBuilder();
    for (const line of lines) builder.addLine(line);
    counts = countFlow(builder.finish(), sharedCallFlow());
    graph = buildMinimalFlowGraph(sharedCallFlow());
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
    ["goodbye", { calls: 1, left: 0 }],
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

  test("labels carry the counts, and the drawing names each element by its id", () => {
    const annotated = annotateFlowGraph(graph, counts);
    expect(annotated.nodes.find((n) => n.id === "menu:main")?.detail).toEqual(["13 callers", "3 hung up here (23.1%)"]);
    expect(annotated.edges.find((e) => e.id === "menu:main>team:pharmacy:3")?.label).toBe("3 pharmacy: 5");
    const dot = renderAnnotatedDot(annotated, counts);
    expect(dot).toContain('id="node-menu:main"');
    expect(dot).toContain('id="edge-menu:main>team:pharmacy:3"');
  });
});
