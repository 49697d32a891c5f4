import type { FlowGraph } from "../diagram/flowGraph.js";
import { type TracedCall, type TurnStep, traceTurn } from "../diagram/tracePath.js";

/** One call followed on the flow graph, turn by turn. */
export interface CallWalk {
  /** Places one turn of the call on the graph (turns in order; retried requests left out). */
  addTurn(turn: TurnStep): void;
}

/** Counts the passages of calls along the flow graph's edges, one walk per call. */
export interface FlowCounter {
  startCall(): CallWalk;
  /** Passages by edge id; edges nobody took are left out. */
  finish(): Record<string, number>;
}

/**
 * Counts the passages along each edge of a flow graph, placing each turn record with the graph's own path
 * tracer (`traceTurn`, as the console lights a call), so the counts carry the graph's ids. Each time an edge
 * was taken counts. What a node says (its callers, those put through or who hung up there) is no count of
 * the walk: it is the report's own figure for that node (`flowNodes.ts`), counted once.
 */
export function createFlowCounter(graph: FlowGraph): FlowCounter {
  const edgeIndex = new Map(graph.edges.map((e, i) => [e.id, i]));
  const passages = new Array<number>(graph.edges.length).fill(0);
  return {
    startCall() {
      const call: TracedCall = { transferAt: undefined };
      return {
        addTurn(turn) {
          for (const id of traceTurn(graph, call, turn).edges) {
            const edge = edgeIndex.get(id);
            if (edge !== undefined) passages[edge] = (passages[edge] ?? 0) + 1;
          }
        },
      };
    },
    finish() {
      const edges: Record<string, number> = {};
      graph.edges.forEach((edge, i) => {
        const n = passages[i] ?? 0;
        if (n > 0) edges[edge.id] = n;
      });
      return edges;
    },
  };
}
