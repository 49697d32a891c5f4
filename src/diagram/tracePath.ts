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

/** A graph's nodes and edges by id, and its edges by where they start: built once per graph. */
interface GraphIndex {
  readonly nodes: ReadonlySet<string>;
  readonly edges: ReadonlyMap<string, FlowEdge>;
  readonly from: ReadonlyMap<string, readonly FlowEdge[]>;
}

const indexes = new WeakMap<FlowGraph, GraphIndex>();

function indexGraph(graph: FlowGraph): GraphIndex {
  let index = indexes.get(graph);
  if (!index) {
    const from = new Map<string, FlowEdge[]>();
    for (const edge of graph.edges) from.set(edge.from, [...(from.get(edge.from) ?? []), edge]);
    index = { nodes: new Set(graph.nodes.map((n) => n.id)), edges: new Map(graph.edges.map((e) => [e.id, e])), from };
    indexes.set(graph, index);
  }
  return index;
}

/**
 * Follows one call's turn records on a graph, in order: each step returns the edges taken and where
 * the call is. It remembers which transfer node the call is at, since a dial result names no team.
 * One tracer per call (they are cheap: the graph is indexed once, however many calls follow it).
 */
export function createPathTracer(graph: FlowGraph): (turn: TurnStep) => PathStep {
  const { nodes, edges, from: edgesFrom } = indexGraph(graph);
  let transferAt: string | undefined;

  const out = (node: string) => edgesFrom.get(node) ?? [];
  const menuOf = (state: string | null) =>
    state !== null && nodes.has(makeMenuNodeId(state)) ? makeMenuNodeId(state) : undefined;
  const step = (node: string | undefined, taken: Array<string | undefined>, connected = false): PathStep => ({
    node: node !== undefined && nodes.has(node) ? node : undefined,
    edges: taken.filter((id): id is string => id !== undefined && edges.has(id)),
    connected,
  });
  /** The edges a turn's answer could have taken: its key's, or for silence the menu's silence edge. */
  const answered = (from: string, turn: TurnStep): FlowEdge[] => {
    if (turn.event === "SILENCE") return out(from).filter((e) => e.kind === "silence");
    return turn.key === undefined ? [] : out(from).filter((e) => e.key === turn.key);
  };
  /** Of several edges (a key that switches to one language or another), the one to the turn's language. */
  const byLanguage = (choices: readonly FlowEdge[], turn: TurnStep): FlowEdge[] => {
    const exact = choices.filter((e) => e.kind === "language" && e.language === turn.language);
    return exact.length > 0 ? exact : [...choices];
  };

  return (record) => {
    const key = record.key ?? (record.input === "chose" ? record.option?.split(" ")[0] : undefined);
    const turn: TurnStep = key === undefined ? record : { ...record, key };
    const to = menuOf(turn.state);
    const here = menuOf(turn.from);

    if (turn.from === null || turn.event === "INCOMING") {
      if (turn.state === "transfer") transferAt = turn.team === undefined ? undefined : makeTeamNodeId(turn.team);
      const node = to ?? transferAt;
      return step(node, [out(START_NODE).find((e) => e.to === node)?.id]);
    }

    if (turn.from === "transfer") {
      const at = transferAt;
      if (turn.state === "ended") return step(at, [], true);
      if (turn.state === "transfer") return step(at, [at && makeEdgeId(at, at, "next")]);
      transferAt = undefined;
      // A transfer with its own way on (an interpreter not answering: the interpreter menu).
      const direct = at === undefined || to === undefined ? undefined : out(at).find((e) => e.to === to);
      if (direct) return step(to, [direct.id]);
      const failed = at && makeEdgeId(at, UNREACHABLE_NODE, "failed");
      if (turn.state === "goodbye")
        return step(GOODBYE_NODE, [failed, makeEdgeId(UNREACHABLE_NODE, GOODBYE_NODE, "exhausted")]);
      return step(to, [failed, to && makeEdgeId(UNREACHABLE_NODE, to, "back")]);
    }

    if (!here) return step(to, []);
    const choices = answered(here, turn);

    if (turn.state === "transfer") {
      const team = turn.team === undefined ? undefined : makeTeamNodeId(turn.team);
      const wrong = turn.input === "invalid" || (turn.input === "silent" && turn.event !== "SILENCE");
      const option = wrong
        ? undefined
        : turn.event === "SPEECH" && turn.key === undefined
          ? out(here).find((e) => e.kind === "option" && e.to === team)
          : choices.find((e) => e.to === team && e.to !== here);
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
      const candidates =
        choices.length > 0 || turn.key !== undefined ? choices : out(here).filter((e) => e.key !== undefined);
      const onward = byLanguage(
        candidates.filter((e) => e.to === to),
        turn,
      )[0];
      if (onward) return step(to, [onward.id]);
      // An option to a team that sends the caller on at once (interpreters closed: the interpreter menu).
      for (const choice of choices) {
        const via = choice.to === here ? undefined : out(choice.to).find((e) => e.to === to);
        if (via) return step(to, [choice.id, via.id]);
      }
      return step(to, []);
    }
    return step(turn.state === "goodbye" ? GOODBYE_NODE : undefined, []);
  };

  /** The edges of a turn that left the caller in the same menu. */
  function stayed(here: string, turn: TurnStep, choices: readonly FlowEdge[]): string[] {
    const loop = (tag: string) => makeEdgeId(here, here, tag);
    if (turn.input === "invalid") return [loop("invalid")];
    const silent = turn.input === "silent" || (turn.input === undefined && turn.event === "SILENCE");
    // A chosen team that is closed: its hours, then the menu again.
    const transfer = choices.find((e) => (e.kind === "option" || e.kind === "silence") && e.to !== here);
    if (transfer && (!silent || transfer.kind === "silence"))
      return [transfer.id, makeEdgeId(transfer.to, CLOSED_NODE, "closed"), makeEdgeId(CLOSED_NODE, here, "back")];
    if (silent) return [loop("silence")];
    const languages = choices.filter((e) => e.kind === "language");
    if (languages.length > 0) return byLanguage(languages, turn).map((e) => e.id);
    const repeat = choices.find((e) => e.to === here);
    if (repeat) return [repeat.id];
    return turn.event === "KEY" ? [loop("invalid")] : [];
  }
}
