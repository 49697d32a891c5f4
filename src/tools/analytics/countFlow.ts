import type { FlowGraph } from "../diagram/flowGraph.js";
import { type TracedCall, type TurnStep, traceTurn } from "../diagram/tracePath.js";

/** One call followed on the flow graph, turn by turn. */
export interface CallWalk {
  /** Places one turn of the call on the graph (turns in order; retried requests left out). */
  addTurn(turn: TurnStep): void;
}

/** What the walks counted: passages by edge id, and the calls that reached each call-back node. */
export interface FlowWalkCounts {
  /** Passages by edge id; edges nobody took are left out. */
  readonly edges: Record<string, number>;
  /** Calls that reached each of a call-back's nodes (each call once), by node id; nodes nobody reached are left out. */
  readonly reached: Record<string, number>;
}

/** Counts the passages of calls along the flow graph's edges, one walk per call. */
export interface FlowCounter {
  startCall(): CallWalk;
  finish(): FlowWalkCounts;
}

/**
 * Counts the passages along each edge of a flow graph, placing each turn record with the graph's own path
 * tracer (`traceTurn`, as the console lights a call), so the counts carry the graph's ids. Each time an edge
 * was taken counts. What a node says (its callers, those put through or who hung up there) is no count of
 * the walk: it is the report's own figure for that node (`flowNodes.ts`), counted once; but a call-back's
 * nodes, which no other figure counts, are counted here: the calls whose walk reached each.
 */
export function createFlowCounter(graph: FlowGraph): FlowCounter {
  const edgeIndex = new Map(graph.edges.map((e, i) => [e.id, i]));
  const passages = new Array<number>(graph.edges.length).fill(0);
  const callbackNodes = new Set(graph.nodes.filter((n) => n.kind === "callback").map((n) => n.id));
  const reached = new Map<string, number>();
  return {
    startCall() {
      const call: TracedCall = { transferAt: undefined };
      const seen = new Set<string>();
      return {
        addTurn(turn) {
          const path = traceTurn(graph, call, turn);
          for (const id of path.edges) {
            const edge = edgeIndex.get(id);
            if (edge !== undefined) passages[edge] = (passages[edge] ?? 0) + 1;
          }
          const node = path.node;
          if (node !== undefined && callbackNodes.has(node) && !seen.has(node)) {
            seen.add(node);
            reached.set(node, (reached.get(node) ?? 0) + 1);
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
      return { edges, reached: Object.fromEntries(reached) };
    },
  };
}
