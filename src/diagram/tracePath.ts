import {
  CLOSED_NODE,
  type FlowEdge,
  type FlowGraph,
  GOODBYE_NODE,
  makeEdgeId,
  makeMenuNodeId,
  makeTeamNodeId,
  PERSON_NODE,
  START_NODE,
  UNREACHABLE_NODE,
} from "./flowGraph.js";

/**
 * The fields of one turn record (the JSON log line `msg: "turn"`) that place a turn on the diagram.
 * `from` and `state` are the machine's state before and after the turn: a menu id, `transfer`,
 * `ended` (a transfer went through) or `goodbye`.
 */
export interface TurnStep {
  /** `INCOMING`, `KEY`, `SPEECH`, `SILENCE` or `DIAL_RESULT`. */
  readonly event: string;
  readonly from: string | null;
  readonly state: string;
  /** The key pressed, when the record has it. */
  readonly key?: string;
  /** The team being dialed, when the call is transferring. */
  readonly team?: string;
  /** The caller's language after the turn, when the record has it: tells which language switch was taken. */
  readonly language?: string;
}

/** Where one turn took the call on the diagram. */
export interface PathStep {
  /** The node the call is at after the turn. */
  readonly node: string | undefined;
  /** The edges the turn went along, in order (empty when the record cannot tell, e.g. speech that was no option). */
  readonly edges: readonly string[];
  /** The transfer went through: the call is the team's now. */
  readonly connected: boolean;
}

/**
 * Follows one call's turn records on a graph, in order: each step returns the edges taken and where
 * the call is. It remembers which transfer node the call is at, since a dial result names no team.
 * One tracer per call.
 */
export function createPathTracer(graph: FlowGraph): (turn: TurnStep) => PathStep {
  const nodes = new Set(graph.nodes.map((n) => n.id));
  const edges = new Map(graph.edges.map((e) => [e.id, e]));
  let transferAt: string | undefined;

  const menuOf = (state: string | null) =>
    state !== null && nodes.has(makeMenuNodeId(state)) ? makeMenuNodeId(state) : undefined;
  const step = (node: string | undefined, taken: Array<string | undefined>, connected = false): PathStep => ({
    node: node !== undefined && nodes.has(node) ? node : undefined,
    edges: taken.filter((id): id is string => id !== undefined && edges.has(id)),
    connected,
  });
  const keyed = (from: string, turn: TurnStep): FlowEdge[] =>
    turn.key === undefined ? [] : graph.edges.filter((e) => e.from === from && e.key === turn.key);

  return (turn) => {
    const to = menuOf(turn.state);
    const here = menuOf(turn.from);

    if (turn.from === null || turn.event === "INCOMING") {
      if (turn.state === "transfer") transferAt = turn.team === undefined ? undefined : makeTeamNodeId(turn.team);
      const node = to ?? transferAt;
      return step(node, [graph.edges.find((e) => e.from === START_NODE && e.to === node)?.id]);
    }

    if (turn.from === "transfer") {
      const at = transferAt;
      if (turn.state === "ended") return step(at, [], true);
      if (turn.state === "transfer") return step(at, [at && makeEdgeId(at, at, "next")]);
      transferAt = undefined;
      const failed = at && makeEdgeId(at, UNREACHABLE_NODE, "failed");
      if (turn.state === "goodbye")
        return step(GOODBYE_NODE, [failed, makeEdgeId(UNREACHABLE_NODE, GOODBYE_NODE, "exhausted")]);
      return step(to, [failed, to && makeEdgeId(UNREACHABLE_NODE, to, "back")]);
    }

    if (!here) return step(to, []);
    const choices = keyed(here, turn);

    if (turn.state === "transfer") {
      const team = turn.team === undefined ? undefined : makeTeamNodeId(turn.team);
      const option =
        turn.event === "SPEECH" && turn.key === undefined
          ? graph.edges.find((e) => e.from === here && e.kind === "option" && e.to === team)
          : choices.find((e) => e.kind === "option" && e.to === team);
      if (option) {
        transferAt = option.to;
        return step(option.to, [option.id]);
      }
      // Not an option that transfers: too many failed answers (or answers), and a person takes the call.
      transferAt = PERSON_NODE;
      const before = stayed(here, turn, choices);
      return step(PERSON_NODE, [...before, makeEdgeId(here, PERSON_NODE, "escalate")]);
    }

    if (to === here) return step(here, stayed(here, turn, choices));
    if (to) {
      const onward =
        choices.find((e) => e.to === to) ??
        (turn.key === undefined ? graph.edges.find((e) => e.from === here && e.to === to && e.key) : undefined);
      return step(to, [onward?.id]);
    }
    return step(turn.state === "goodbye" ? GOODBYE_NODE : undefined, []);
  };

  /** The edges of a turn that left the caller in the same menu. */
  function stayed(here: string, turn: TurnStep, choices: readonly FlowEdge[]): string[] {
    if (turn.event === "SILENCE") return [makeEdgeId(here, here, "silence")];
    const transfer = choices.find((e) => e.kind === "option");
    if (transfer)
      return [transfer.id, makeEdgeId(transfer.to, CLOSED_NODE, "closed"), makeEdgeId(CLOSED_NODE, here, "back")];
    const languages = choices.filter((e) => e.kind === "language");
    if (languages.length > 0) {
      const exact = languages.filter((e) => e.language === turn.language);
      return (exact.length > 0 ? exact : languages).map((e) => e.id);
    }
    const loop = choices.find((e) => e.to === here);
    if (loop) return [loop.id];
    return turn.event === "KEY" ? [makeEdgeId(here, here, "invalid")] : [];
  }
}
