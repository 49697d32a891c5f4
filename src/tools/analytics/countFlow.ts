import type { FlowGraph } from "../diagram/flowGraph.js";
import { type TracedCall, type TurnStep, traceTurn } from "../diagram/tracePath.js";
import type { FlowCounts, NodeCount } from "./reportTypes.js";

/** One call followed on the flow graph, turn by turn, until it is over. */
export interface CallWalk {
  /** Places one turn of the call on the graph (turns in order; retried requests left out). */
  addTurn(turn: TurnStep): void;
  /** Counts the call once it is over: the nodes it reached, where the caller hung up or was put through. */
  end(hungUp: boolean): void;
}

/** Counts calls on the flow graph, one walk per call. */
export interface FlowCounter {
  startCall(): CallWalk;
  finish(): FlowCounts;
}

/** The counts, by node and edge index of the graph. */
interface Tally {
  readonly graph: FlowGraph;
  /** Node index by id, and for each edge the indexes of the nodes it reaches a call at (teams only when dialed). */
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly edgeIndex: ReadonlyMap<string, number>;
  readonly reaches: readonly (readonly number[])[];
  readonly calls: number[];
  readonly left: number[];
  readonly connected: number[];
  readonly edges: number[];
}

/**
 * Counts calls per node and passages per edge of a flow graph, placing each turn record with the graph's
 * own path tracer (`createPathTracer`, as the console lights a call), so the counts carry the graph's ids.
 * A call counts once at each node it reached: every call at the incoming call, a menu it was in, a closed
 * team's hours or a failed transfer's apology it heard, the goodbye, and a team (or the person an escalation
 * goes to) only when it was dialed: a closed team's option passes its node without a dial. Each time an
 * edge was taken counts. A call hung up at the node it was at; it was put through at the node it was dialing.
 * A call open holds a few numbers (the nodes it reached as bits), so a long log streams through in little memory.
 */
export function createFlowCounter(graph: FlowGraph): FlowCounter {
  const nodeIndex = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const kinds = graph.nodes.map((n) => n.kind);
  const reaches = graph.edges.map((e) =>
    [e.from, e.to].flatMap((id) => {
      const i = nodeIndex.get(id);
      return i === undefined || kinds[i] === "team" ? [] : [i];
    }),
  );
  const zeros = (n: number) => new Array<number>(n).fill(0);
  const tally: Tally = {
    graph,
    nodeIndex,
    edgeIndex: new Map(graph.edges.map((e, i) => [e.id, i])),
    reaches,
    calls: zeros(graph.nodes.length),
    left: zeros(graph.nodes.length),
    connected: zeros(graph.nodes.length),
    edges: zeros(graph.edges.length),
  };
  const start = graph.nodes.findIndex((n) => n.kind === "start");
  return {
    startCall: () => new Walk(tally, start),
    finish() {
      const nodes: Record<string, NodeCount> = {};
      graph.nodes.forEach((node, i) => {
        const count = { calls: tally.calls[i] ?? 0, left: tally.left[i] ?? 0 };
        nodes[node.id] = node.kind === "team" ? { ...count, connected: tally.connected[i] ?? 0 } : count;
      });
      const edges: Record<string, number> = {};
      graph.edges.forEach((edge, i) => {
        const n = tally.edges[i] ?? 0;
        if (n > 0) edges[edge.id] = n;
      });
      return { nodes, edges };
    },
  };
}

/** One call on the graph: edges are counted as taken, nodes once when the call ends. */
class Walk implements CallWalk, TracedCall {
  transferAt: string | undefined;
  /** Nodes reached, as bits of their indexes (the first 31), and the indexes of any further ones. */
  private reached = 0;
  private reachedBeyond: number[] | undefined;
  private at: number | undefined;
  private putThrough: number | undefined;

  constructor(
    private readonly tally: Tally,
    start: number,
  ) {
    if (start >= 0) this.reach(start);
  }

  addTurn(turn: TurnStep): void {
    const step = traceTurn(this.tally.graph, this, turn);
    this.at = step.node === undefined ? undefined : this.tally.nodeIndex.get(step.node);
    if (this.at !== undefined) this.reach(this.at);
    if (step.connected && this.at !== undefined) this.putThrough = this.at;
    for (const id of step.edges) {
      const edge = this.tally.edgeIndex.get(id);
      if (edge === undefined) continue;
      this.tally.edges[edge] = (this.tally.edges[edge] ?? 0) + 1;
      for (const node of this.tally.reaches[edge] ?? []) this.reach(node);
    }
  }

  end(hungUp: boolean): void {
    const { calls, left, connected } = this.tally;
    for (let node = 0; node < Math.min(31, calls.length); node++)
      if (this.reached & (1 << node)) calls[node] = (calls[node] ?? 0) + 1;
    for (const node of this.reachedBeyond ?? []) calls[node] = (calls[node] ?? 0) + 1;
    if (hungUp && this.at !== undefined) left[this.at] = (left[this.at] ?? 0) + 1;
    if (this.putThrough !== undefined) connected[this.putThrough] = (connected[this.putThrough] ?? 0) + 1;
  }

  private reach(node: number): void {
    if (node < 31) this.reached |= 1 << node;
    else {
      this.reachedBeyond ??= [];
      if (!this.reachedBeyond.includes(node)) this.reachedBeyond.push(node);
    }
  }
}
