import { describe, expect, test } from "vitest";
import { createMachine } from "xstate";
import type { CallFlow, CallMachine } from "../../src/service/flow/compileFlow.js";
import { compileLine } from "../../src/service/line/lineSource.js";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import type { FlowGraph } from "../../src/tools/diagram/flowGraph.js";
import { createPathTracer } from "../../src/tools/diagram/tracePath.js";
import {
  DIRECTORY_FILE,
  defined,
  directoryJson,
  FLOW_FILE,
  type FlowJson,
  flowJson,
} from "../fixtures/flowFixtures.js";
import { sharedCallFlow } from "../support/createTestApp.js";

/** The bundled line with its flow file edited, compiled as the service compiles it. */
function lineWithFlow(edit: (flow: FlowJson) => void): CallFlow {
  const flow = flowJson();
  edit(flow);
  return compileLine({ flowFile: FLOW_FILE, directoryFile: DIRECTORY_FILE, flow, directory: directoryJson() });
}

type StateConfig = Record<string, unknown>;

/** The bundled line whose compiled machine was changed: what a change to the machine's code would make. */
function lineWithMachine(
  change: (states: Readonly<Record<string, StateConfig>>) => Record<string, StateConfig>,
): CallFlow {
  const line = sharedCallFlow();
  const states = change((line.machine.config as unknown as { states: Record<string, StateConfig> }).states);
  const machine = createMachine({ ...line.machine.config, states } as never, line.machine.implementations as never);
  return { ...line, machine: machine as unknown as CallMachine };
}

const ids = (graph: FlowGraph) => ({
  nodes: graph.nodes.map((n) => n.id),
  edges: graph.edges.map((e) => e.id),
});

describe("the graph follows the compiled line, with no change to the diagram's code", () => {
  // Pharmacy gets a menu of its own: 3 leads to it, and its options transfer.
  const pharmacyMenu = lineWithFlow((flow) => {
    const main = defined(flow.menus.main, "menus.main");
    const three = defined(
      main.options?.find((o) => o.key === "3"),
      "menus.main 3",
    );
    three.do = { kind: "menu", menu: "pharmacyHelp" };
    // Still named as the short prompt names its key, {key:pharmacy}.
    three.name = "pharmacy";
    flow.menus.pharmacyHelp = {
      kind: "options",
      prompt: { en: "Pharmacy.", es: "Farmacia." },
      options: [
        {
          key: "1",
          say: { en: "For a refill, press {key}.", es: "Para resurtir, oprima {key}." },
          do: { kind: "transfer", team: "pharmacy" },
        },
        {
          key: "2",
          say: { en: "For anything else, press {key}.", es: "Para todo lo demás, oprima {key}." },
          do: { kind: "transfer", team: "memberServices" },
        },
      ],
    } as FlowJson["menus"][string];
  });
  const graph = buildFlowGraph(pharmacyMenu, { region: "northwest" });

  test("a menu added to the flow is drawn with its options, re-prompts, escalation and the way back to it", () => {
    expect(ids(graph).nodes).toContain("menu:pharmacyHelp");
    expect(ids(graph).edges).toEqual(
      expect.arrayContaining([
        "menu:main>menu:pharmacyHelp:3",
        "menu:pharmacyHelp>team:pharmacy:1",
        "menu:pharmacyHelp>team:memberServices:2",
        "menu:pharmacyHelp>team:representative:0",
        "menu:pharmacyHelp>menu:pharmacyHelp:invalid",
        "menu:pharmacyHelp>menu:pharmacyHelp:silence",
        "menu:pharmacyHelp>person:escalate",
        "closed>menu:pharmacyHelp:back",
        "unreachable>menu:pharmacyHelp:back",
      ]),
    );
    expect(ids(graph).edges).not.toContain("menu:main>team:pharmacy:3");
  });

  test("a call through the new menu is traced on it", () => {
    const trace = createPathTracer(graph);
    const path = [
      { event: "INCOMING", from: null, state: "main" },
      { event: "KEY", from: "main", state: "pharmacyHelp", key: "3" },
      { event: "KEY", from: "pharmacyHelp", state: "transfer", key: "1", team: "pharmacy" },
      { event: "DIAL_RESULT", from: "transfer", state: "pharmacyHelp" },
    ].map(trace);
    expect(path.map((p) => [p.node, ...p.edges])).toEqual([
      ["menu:main", "start>menu:main:known"],
      ["menu:pharmacyHelp", "menu:main>menu:pharmacyHelp:3"],
      ["team:pharmacy", "menu:pharmacyHelp>team:pharmacy:1"],
      ["menu:pharmacyHelp", "team:pharmacy>unreachable:failed", "unreachable>menu:pharmacyHelp:back"],
    ]);
  });

  test("a state added to the machine is drawn, and the steps into it are traced", () => {
    // Too many failed transfers end in a voicemail state instead of the goodbye.
    const voicemail = lineWithMachine((states) => {
      const transfer = states.transfer as { on: { DIAL_RESULT: Array<{ guard?: unknown; target: string }> } };
      const results = transfer.on.DIAL_RESULT.map((t) =>
        t.guard === "transfersExhausted" ? { ...t, target: "voicemail" } : t,
      );
      return { ...states, transfer: { ...transfer, on: { DIAL_RESULT: results } }, voicemail: { type: "final" } };
    });
    const drawn = buildFlowGraph(voicemail, { region: "northwest" });
    expect(drawn.nodes.find((n) => n.id === "voicemail")).toEqual({
      id: "voicemail",
      kind: "goodbye",
      label: "Voicemail",
      detail: ["the line hangs up on purpose"],
    });
    expect(ids(drawn).edges).toContain("unreachable>voicemail:exhausted");
    expect(ids(drawn).edges).not.toContain("unreachable>goodbye:exhausted");
    const trace = createPathTracer(drawn);
    trace({ event: "INCOMING", from: null, state: "main" });
    trace({ event: "KEY", from: "main", state: "transfer", key: "3", team: "pharmacy" });
    expect(trace({ event: "DIAL_RESULT", from: "transfer", state: "voicemail" })).toEqual({
      node: "voicemail",
      edges: ["team:pharmacy>unreachable:failed", "unreachable>voicemail:exhausted"],
      connected: false,
    });
  });

  test("a limit of the flow changes what is drawn: one failed transfer ends the call, so no way back", () => {
    const once = buildFlowGraph(
      lineWithFlow((flow) => {
        flow.limits = { ...flow.limits, maxFailedTransfers: 1 };
      }),
      { region: "colorado" },
    );
    const edges = ids(once).edges;
    expect(edges.filter((id) => id.startsWith("unreachable>"))).toEqual(["unreachable>goodbye:exhausted"]);
    expect(edges.filter((id) => id.endsWith(":next"))).toEqual([]);
    expect(once.edges.find((e) => e.kind === "exhausted")?.label).toBe("1st failed transfer");
  });

  test("a machine the diagram cannot read fails naming the state", () => {
    const inline = lineWithMachine((states) => ({ ...states, goodbye: { ...states.goodbye, entry: () => undefined } }));
    expect(() => buildFlowGraph(inline)).toThrow(/state "goodbye" of the call machine.*not named/);
  });
});
