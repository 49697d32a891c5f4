import type { EdgeKind, FlowEdge } from "./flowGraph.js";

/**
 * When an edge is listed, by kind: the incoming call; then, menu by menu, its options (each with where a closed
 * team leads), its re-prompts and its escalation; then the notices' ways back, the transfers' retries and failures,
 * and the end.
 */
const PHASE: Readonly<Record<EdgeKind, number>> = {
  start: 0,
  option: 1,
  menu: 1,
  region: 1,
  language: 1,
  repeat: 1,
  closed: 1,
  invalid: 2,
  silence: 3,
  escalate: 4,
  back: 5,
  next: 6,
  failed: 6,
  exhausted: 7,
  callback: 1,
};

/** The last phase of the edges listed with the menu they are taken in. */
const IN_MENU = 4;

/**
 * Lists edges in the order a call meets them, which is the order Graphviz lays them out in: the edges taken in a
 * menu together, in the order of the nodes (`nodes`), each kept in the order first drawn. `at` is the node of the
 * first step drawn along the edge.
 */
export function orderEdges(
  drawn: Iterable<{ readonly edge: FlowEdge; readonly at: string }>,
  nodes: readonly string[],
): FlowEdge[] {
  const rank = new Map(nodes.map((id, i) => [id, i]));
  const keyOf = ({ edge, at }: { edge: FlowEdge; at: string }, i: number): number[] => {
    const phase = PHASE[edge.kind];
    const group = rank.get(phase === PHASE.escalate ? edge.from : phase <= IN_MENU ? at : edge.from) ?? nodes.length;
    return phase > 0 && phase <= IN_MENU ? [1, group, phase, i] : [phase, group, 0, i];
  };
  return [...drawn]
    .map((d, i) => ({ edge: d.edge, key: keyOf(d, i) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((d) => d.edge);
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
