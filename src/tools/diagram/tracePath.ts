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
  /** The option chosen, as the record names it (`3 pharmacy`, its key first): tells a spoken choice's key. */
  readonly option?: string;
  /** The team being dialed, when the call is transferring. */
  readonly team?: string;
  /** The caller's language after the turn, when the record has it: tells which language switch was taken. */
  readonly language?: string;
  /**
   * What the answer did, when the record has it: `chose`, `invalid` or `silent`. Tells a wrong answer from
   * speech that chose nothing, and words heard too faintly (`silent`) from a wrong key.
   */
  readonly input?: string;
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

/** What a tracer remembers of a call between turns: the transfer node it is at, since a dial result names no team. */
export interface TracedCall {
  transferAt: string | undefined;
}

const tracers = new WeakMap<FlowGraph, GraphTracer>();

function tracerOf(graph: FlowGraph): GraphTracer {
  let tracer = tracers.get(graph);
  if (!tracer) {
    tracer = new GraphTracer(graph);
    tracers.set(graph, tracer);
  }
  return tracer;
}

/**
 * Follows one call's turn records on a graph, in order: each step returns the edges taken and where
 * the call is. It remembers which transfer node the call is at, since a dial result names no team.
 * One tracer per call; they are cheap (the graph is indexed once, however many calls follow it).
 */
export function createPathTracer(graph: FlowGraph): (turn: TurnStep) => PathStep {
  const tracer = tracerOf(graph);
  const call: TracedCall = { transferAt: undefined };
  return (turn) => tracer.trace(call, turn);
}

/**
 * One turn of a call placed on a graph, as a tracer does, with what is remembered of the call kept by the
 * caller (`{ transferAt: undefined }` when it starts): for many calls at once, e.g. a report over a long log.
 */
export function traceTurn(graph: FlowGraph, call: TracedCall, turn: TurnStep): PathStep {
  return tracerOf(graph).trace(call, turn);
}

/** A graph indexed for tracing: its nodes and edges by id, its edges by where they start. */
class GraphTracer {
  private readonly nodes: ReadonlySet<string>;
  private readonly edges: ReadonlyMap<string, FlowEdge>;
  private readonly from = new Map<string, FlowEdge[]>();

  constructor(graph: FlowGraph) {
    this.nodes = new Set(graph.nodes.map((n) => n.id));
    this.edges = new Map(graph.edges.map((e) => [e.id, e]));
    for (const edge of graph.edges) this.from.set(edge.from, [...(this.from.get(edge.from) ?? []), edge]);
  }

  trace(state: TracedCall, record: TurnStep): PathStep {
    const key = record.key ?? (record.input === "chose" ? record.option?.split(" ")[0] : undefined);
    const turn: TurnStep = key === undefined ? record : { ...record, key };
    const to = this.menuOf(turn.state);
    const here = this.menuOf(turn.from);

    if (turn.from === null || turn.event === "INCOMING") {
      if (turn.state === "transfer") state.transferAt = turn.team === undefined ? undefined : makeTeamNodeId(turn.team);
      const node = to ?? state.transferAt;
      return this.step(node, [this.out(START_NODE).find((e) => e.to === node)?.id]);
    }

    if (turn.from === "transfer") {
      const at = state.transferAt;
      if (turn.state === "ended") return this.step(at, [], true);
      if (turn.state === "transfer") return this.step(at, [at && makeEdgeId(at, at, "next")]);
      state.transferAt = undefined;
      // A transfer with its own way on (an interpreter not answering: the interpreter menu).
      const direct = at === undefined || to === undefined ? undefined : this.out(at).find((e) => e.to === to);
      if (direct) return this.step(to, [direct.id]);
      const failed = at && makeEdgeId(at, UNREACHABLE_NODE, "failed");
      if (turn.state === "goodbye")
        return this.step(GOODBYE_NODE, [failed, makeEdgeId(UNREACHABLE_NODE, GOODBYE_NODE, "exhausted")]);
      return this.step(to, [failed, to && makeEdgeId(UNREACHABLE_NODE, to, "back")]);
    }

    if (!here) return this.step(to, []);
    const choices = this.answered(here, turn);

    if (turn.state === "transfer") {
      const team = turn.team === undefined ? undefined : makeTeamNodeId(turn.team);
      const wrong = turn.input === "invalid" || (turn.input === "silent" && turn.event !== "SILENCE");
      const option = wrong
        ? undefined
        : turn.event === "SPEECH" && turn.key === undefined
          ? this.out(here).find((e) => e.kind === "option" && e.to === team)
          : choices.find((e) => e.to === team && e.to !== here);
      if (option) {
        state.transferAt = option.to;
        return this.step(option.to, [option.id]);
      }
      // Not an option that transfers: too many failed answers (or answers), and a person takes the call.
      state.transferAt = PERSON_NODE;
      const before = this.stayed(here, turn, choices);
      return this.step(PERSON_NODE, [...before, makeEdgeId(here, PERSON_NODE, "escalate")]);
    }

    if (to === here) return this.step(here, this.stayed(here, turn, choices));
    if (to) {
      const candidates =
        choices.length > 0 || turn.key !== undefined ? choices : this.out(here).filter((e) => e.key !== undefined);
      const onward = this.byLanguage(
        candidates.filter((e) => e.to === to),
        turn,
      )[0];
      if (onward) return this.step(to, [onward.id]);
      // An option to a team that sends the caller on at once (interpreters closed: the interpreter menu).
      for (const choice of choices) {
        const via = choice.to === here ? undefined : this.out(choice.to).find((e) => e.to === to);
        if (via) return this.step(to, [choice.id, via.id]);
      }
      return this.step(to, []);
    }
    return this.step(turn.state === "goodbye" ? GOODBYE_NODE : undefined, []);
  }

  /** The edges of a turn that left the caller in the same menu. */
  private stayed(here: string, turn: TurnStep, choices: readonly FlowEdge[]): string[] {
    const loop = (tag: string) => makeEdgeId(here, here, tag);
    if (turn.input === "invalid") return [loop("invalid")];
    const silent = turn.input === "silent" || (turn.input === undefined && turn.event === "SILENCE");
    // A chosen team that is closed: its hours, then the menu again.
    const transfer = choices.find((e) => (e.kind === "option" || e.kind === "silence") && e.to !== here);
    if (transfer && (!silent || transfer.kind === "silence"))
      return [transfer.id, makeEdgeId(transfer.to, CLOSED_NODE, "closed"), makeEdgeId(CLOSED_NODE, here, "back")];
    if (silent) return [loop("silence")];
    const languages = choices.filter((e) => e.kind === "language");
    if (languages.length > 0) return this.byLanguage(languages, turn).map((e) => e.id);
    const repeat = choices.find((e) => e.to === here);
    if (repeat) return [repeat.id];
    return turn.event === "KEY" ? [loop("invalid")] : [];
  }

  private out(node: string): readonly FlowEdge[] {
    return this.from.get(node) ?? [];
  }

  private menuOf(state: string | null): string | undefined {
    return state !== null && this.nodes.has(makeMenuNodeId(state)) ? makeMenuNodeId(state) : undefined;
  }

  private step(node: string | undefined, taken: Array<string | undefined>, connected = false): PathStep {
    return {
      node: node !== undefined && this.nodes.has(node) ? node : undefined,
      edges: taken.filter((id): id is string => id !== undefined && this.edges.has(id)),
      connected,
    };
  }

  /** The edges a turn's answer could have taken: its key's, or for silence the menu's silence edge. */
  private answered(from: string, turn: TurnStep): FlowEdge[] {
    if (turn.event === "SILENCE") return this.out(from).filter((e) => e.kind === "silence");
    return turn.key === undefined ? [] : this.out(from).filter((e) => e.key === turn.key);
  }

  /** Of several edges (a key that switches to one language or another), the one to the turn's language. */
  private byLanguage(choices: readonly FlowEdge[], turn: TurnStep): FlowEdge[] {
    const exact = choices.filter((e) => e.kind === "language" && e.language === turn.language);
    return exact.length > 0 ? exact : [...choices];
  }
}
