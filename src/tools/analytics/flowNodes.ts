import { assertNever } from "../../service/index.js";
import type { FlowGraph, FlowNode } from "../diagram/flowGraph.js";
import type { NodeCount, Report } from "./reportTypes.js";

/** The report's figures a node of the flow graph shows. */
export type NodeFigures = Pick<Report, "calls" | "goodbye" | "disconnected" | "menus" | "teams" | "callsThrough">;

/**
 * Each node of the flow graph with the report's own figures for it, by the graph's ids: the incoming call all
 * calls; a menu its `menus` entry (entered, hung up there); a team its `teams` entry (calls that tried it, hung
 * up while it rang, put through, escalations included); the person an escalation reaches, a closed team's hours
 * and "we could not reach…" the calls of `callsThrough`; the goodbye every call that ended there; a call-back's
 * question, its goodbye and the greeting of the call the line placed the calls whose walk reached them
 * (`reached`, from the flow counter). Read, never counted again: the diagram, the page and the JSON say the same.
 */
export function countFlowNodes(
  graph: FlowGraph,
  figures: NodeFigures,
  reached: Readonly<Record<string, number>>,
): Record<string, NodeCount> {
  return Object.fromEntries(graph.nodes.map((node) => [node.id, countNode(node, figures, reached)]));
}

function countNode(node: FlowNode, f: NodeFigures, reached: Readonly<Record<string, number>>): NodeCount {
  const id = node.id.slice(node.id.indexOf(":") + 1);
  switch (node.kind) {
    case "start":
      return { calls: f.calls, left: 0 };
    case "menu": {
      const menu = Object.hasOwn(f.menus, id) ? f.menus[id] : undefined;
      return { calls: menu?.entered ?? 0, left: menu?.abandoned ?? 0 };
    }
    case "team": {
      const team = Object.hasOwn(f.teams, id) ? f.teams[id] : undefined;
      return { calls: team?.calls ?? 0, left: team?.abandoned ?? 0, connected: team?.connected ?? 0 };
    }
    case "person":
      return { calls: f.callsThrough.escalated, left: 0 };
    case "closed":
      return { calls: f.callsThrough.closed, left: 0 };
    case "unreachable":
      return { calls: f.callsThrough.unreachable, left: 0 };
    case "goodbye":
      return { calls: f.goodbye + f.disconnected, left: 0, disconnected: f.disconnected };
    case "callback":
      return { calls: Object.hasOwn(reached, node.id) ? (reached[node.id] ?? 0) : 0, left: 0 };
    default:
      return assertNever(node.kind);
  }
}
