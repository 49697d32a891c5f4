import type { FlowGraph } from "../diagram/flowGraph.js";
import { createPathTracer, type TurnStep } from "../diagram/tracePath.js";
import type { FlowCounts, NodeCount } from "./reportTypes.js";

/** One call followed on the flow graph, turn by turn, until it is over. */
export interface CallWalk {
  /** Places one turn of the call on the graph (turns in order; retried requests left out). */
  addTurn(turn: TurnStep): void;
  /** Counts the call once it is over: the nodes it reached, the edges it took, where the caller hung up. */
  end(hungUp: boolean): void;
}

/** Counts calls on the flow graph, one walk per call. */
export interface FlowCounter {
  startCall(): CallWalk;
  finish(): FlowCounts;
}

/**
 * Counts calls per node and passages per edge of a flow graph, placing each turn record with the graph's
 * own path tracer (`createPathTracer`, as the console lights a call), so the counts carry the graph's ids.
 * A call counts once at each node it reached: every call at the incoming call, a menu it was in, a closed
 * team's hours or a failed transfer's apology it heard, the goodbye, and a team (or the person an escalation
 * goes to) only when it was dialed: a closed team's option passes its node without a dial. Each time an
 * edge was taken counts. A call hung up at the node it was at; it was put through at the node it was dialing.
 */
export function createFlowCounter(graph: FlowGraph): FlowCounter {
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const ends = new Map(graph.edges.map((e) => [e.id, [e.from, e.to] as const]));
  const calls = new Map<string, number>();
  const left = new Map<string, number>();
  const connected = new Map<string, number>();
  const edges = new Map<string, number>();
  const start = graph.nodes.find((n) => n.kind === "start")?.id;

  return {
    startCall() {
      const trace = createPathTracer(graph);
      const reached = new Set<string>(start === undefined ? [] : [start]);
      const taken: string[] = [];
      let at: string | undefined;
      let putThrough: string | undefined;
      return {
        addTurn(turn) {
          const step = trace(turn);
          at = step.node;
          if (at !== undefined) reached.add(at);
          if (step.connected && at !== undefined) putThrough = at;
          for (const id of step.edges) {
            taken.push(id);
            for (const node of ends.get(id) ?? []) if (kinds.get(node) !== "team") reached.add(node);
          }
        },
        end(hungUp) {
          for (const node of reached) add(calls, node);
          for (const id of taken) add(edges, id);
          if (hungUp && at !== undefined) add(left, at);
          if (putThrough !== undefined) add(connected, putThrough);
        },
      };
    },
    finish() {
      const nodes: Record<string, NodeCount> = {};
      for (const node of graph.nodes) {
        const count = { calls: calls.get(node.id) ?? 0, left: left.get(node.id) ?? 0 };
        nodes[node.id] = node.kind === "team" ? { ...count, connected: connected.get(node.id) ?? 0 } : count;
      }
      const passed: Record<string, number> = {};
      for (const edge of graph.edges) {
        const n = edges.get(edge.id);
        if (n !== undefined) passed[edge.id] = n;
      }
      return { nodes, edges: passed };
    },
  };
}

function add(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
