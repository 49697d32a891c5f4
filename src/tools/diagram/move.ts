import type { CompiledOption } from "../../service/index.js";
import type { DrawnLine } from "./drawnLine.js";
import { type EdgeKind, type FlowEdge, makeEdgeId } from "./flowGraph.js";
import type { Effects } from "./readActions.js";

/** One transition taken from a node, as the legs drawing it need it. */
export interface Move {
  /** The node it is taken at. */
  readonly at: string;
  /** The menu it is taken in, when the call is at one. */
  readonly menuId: string | undefined;
  readonly event: string;
  /** The option it chooses: by key or words, or by silence where the menu says so. */
  readonly option: CompiledOption | undefined;
  /** The team node the call passes: the team it is put through to, found closed, or already dialing. */
  readonly through: string | undefined;
  readonly effects: Effects;
  /** The node of the first state it rests in. */
  readonly landing: string;
  /** Whether that state is final (the call ends there). */
  readonly landingFinal: boolean;
}

/** Why a state the call rests in gives up at once: "3 failures in a row", or "10 answers in the call". */
export function describeExhaustion(line: DrawnLine, byTurns: boolean): string {
  const { maxFailures, maxMenuTurns } = line.callFlow.flow.limits;
  return byTurns ? `${maxMenuTurns} answers in the call` : `${maxFailures} failures in a row`;
}

/** An edge of the graph, its id made of its ends and its tag. */
export function edge(from: string, to: string, tag: string, kind: EdgeKind, label: string, extra = {}): FlowEdge {
  return { id: makeEdgeId(from, to, tag), from, to, label, kind, ...extra };
}
