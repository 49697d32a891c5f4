import type { CallFlow } from "../../service/index.js";
import { describeNodes } from "./describeNodes.js";
import { type FlowGraphOptions, openDrawnLine } from "./drawnLine.js";
import type { FlowGraph } from "./flowGraph.js";
import { orderEdges } from "./orderEdges.js";
import { walkMachine } from "./walkMachine.js";

export type { FlowGraphOptions } from "./drawnLine.js";

/**
 * Builds the graph of a compiled line from its machine: the incoming call, each menu, each team a call is put
 * through to, the escalation to a person and the goodbye, with every way between them (options, re-prompts,
 * closed teams, failed transfers), and every step a call takes along them. Nothing of the flow is modelled
 * here: the machine's states and transitions are walked (`walkMachine`), each guard judged by what the
 * directory and the flow's limits allow (`judgeGuards`), each action read for what it draws (`readActions`).
 * With a region, teams show that region's numbers and hours and only what can happen there is drawn. Ids are
 * stable: see `flowGraph.ts`.
 */
export function buildFlowGraph(callFlow: CallFlow, options: FlowGraphOptions = {}): FlowGraph {
  const line = openDrawnLine(callFlow, options);
  const walk = walkMachine(line);
  const drawn = [...walk.edges.values()];
  const nodes = describeNodes(
    line,
    drawn.map((d) => d.edge),
    walk.announce,
  );
  return {
    nodes,
    edges: orderEdges(
      drawn,
      nodes.map((n) => n.id),
    ),
    steps: walk.steps,
    ...(line.region ? { region: line.region.id } : {}),
    ...(options.language !== undefined ? { language: options.language } : {}),
  };
}
