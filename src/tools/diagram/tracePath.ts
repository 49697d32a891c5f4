import { isCallbackState, type OptionIdentity } from "../../service/index.js";
import { type FlowGraph, type FlowStep, makeMenuNodeId, type StepEvent } from "./flowGraph.js";

/**
 * The fields of one turn record (the JSON log line `msg: "turn"`) that place a turn on the diagram.
 * `from` and `state` are the machine's state before and after the turn: a menu id, `transfer`,
 * `ended` (a transfer went through), `goodbye`, or a call-back's state.
 */
export interface TurnStep {
  /** `INCOMING`, `KEY`, `SPEECH`, `SILENCE` or `DIAL_RESULT`. */
  readonly event: string;
  readonly from: string | null;
  readonly state: string;
  /** The key pressed, when the record has it. */
  readonly key?: string;
  /** The option chosen, as the record names it (its menu, key and action): tells a spoken choice's key. */
  readonly option?: OptionIdentity;
  /** The team being dialed, when the call is transferring. */
  readonly team?: string;
  /** The caller's language after the turn, when the record has it: tells which language switch was taken. */
  readonly language?: string;
  /**
   * What the answer did, when the record has it: `chose`, `invalid` or `silent`. Tells a wrong answer from
   * speech that chose nothing, and words heard too faintly (`silent`) from a wrong key.
   */
  readonly input?: string;
  /**
   * What the line said after the turn, by kind, when the record has it: tells an answer a call-back's question
   * refused (`invalid`, `callbackInvalidNumber`) from one it took, which the record's event does not.
   */
  readonly notices?: readonly string[];
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

/** What a tracer remembers of a call between turns: the node it is at, since a dial result names no team. */
export interface TracedCall {
  transferAt: string | undefined;
}

const indexes = new WeakMap<FlowGraph, StepIndex>();

/**
 * Follows one call's turn records on a graph, in order: each step returns the edges taken and where
 * the call is. It remembers the node the call is at, since a dial result names no team.
 * One tracer per call; they are cheap (the graph is indexed once, however many calls follow it).
 */
export function createPathTracer(graph: FlowGraph): (turn: TurnStep) => PathStep {
  const call: TracedCall = { transferAt: undefined };
  return (turn) => traceTurn(graph, call, turn);
}

/**
 * One turn of a call placed on a graph, as a tracer does, with what is remembered of the call kept by the
 * caller (`{ transferAt: undefined }` when it starts): for many calls at once, e.g. a report over a long log.
 * The turn is placed by finding the graph's step it took (`FlowStep`: a transition of the machine from a node,
 * which the graph was built from): the one whose state before and after, event, key, team and language agree
 * with the record. When the record cannot tell several apart, the call is at the node they share, along the
 * edges all of them take.
 */
export function traceTurn(graph: FlowGraph, call: TracedCall, turn: TurnStep): PathStep {
  let index = indexes.get(graph);
  if (!index) {
    index = new StepIndex(graph);
    indexes.set(graph, index);
  }
  const path = index.place(call, turn);
  call.transferAt = path.node;
  return path;
}

/** Every field of a turn record the tracer reads: a placed turn is remembered by all of them. */
const TURN_FIELDS: Readonly<Record<keyof TurnStep, true>> = {
  event: true,
  from: true,
  state: true,
  key: true,
  option: true,
  team: true,
  language: true,
  input: true,
  notices: true,
};

/** How many placed turns an index keeps (a log of odd keys could hold many more). */
const MAX_PLACED = 10_000;

/** A graph's steps by the state they start from, its nodes, and the turns placed on it so far. */
class StepIndex {
  private readonly nodes: ReadonlySet<string>;
  private readonly byFrom = new Map<string | null, FlowStep[]>();
  /** Placed turns by where the call was and every field of the record: a long log repeats a few hundred. */
  private readonly placed = new Map<string, PathStep>();

  constructor(graph: FlowGraph) {
    this.nodes = new Set(graph.nodes.map((n) => n.id));
    for (const step of graph.steps) this.byFrom.set(step.from, [...(this.byFrom.get(step.from) ?? []), step]);
  }

  place(call: TracedCall, turn: TurnStep): PathStep {
    const key = JSON.stringify([call.transferAt, ...Object.keys(TURN_FIELDS).map((f) => turn[f as keyof TurnStep])]);
    let path = this.placed.get(key);
    if (!path) {
      path = this.find(call.transferAt, turn);
      if (this.placed.size >= MAX_PLACED) this.placed.clear();
      this.placed.set(key, path);
    }
    return path;
  }

  private find(at: string | undefined, turn: TurnStep): PathStep {
    const incoming = turn.from === null || turn.event === "INCOMING";
    const events = incoming ? (["INCOMING"] as const) : listEvents(turn);
    const steps = this.byFrom.get(incoming ? null : turn.from) ?? [];
    const key = readChosenKey(turn);
    const candidates = steps.filter((s) => agrees(s, turn, events, key));
    const here = candidates.filter((s) => s.at === at);
    const best = prefer(here.length > 0 ? here : candidates, turn, events);
    if (best.length === 0) return { node: this.guessNode(turn), edges: [], connected: false };
    return combine(best);
  }

  /** Where a turn no step explains leaves the call: its state's node, if the graph has one by that name. */
  private guessNode(turn: TurnStep): string | undefined {
    return [makeMenuNodeId(turn.state), turn.state].find((id) => this.nodes.has(id));
  }
}

/**
 * The machine events a turn record may stand for, the likelier first. A record without `input` is an answer
 * that was no menu's choice: the call-back key, a key where a call-back asks for one, or a number keyed in (or
 * a record written before `input` was).
 */
function listEvents(turn: TurnStep): readonly StepEvent[] {
  if (turn.event === "DIAL_RESULT") return ["DIAL_RESULT"];
  if (turn.event === "SILENCE" || turn.input === "silent") return ["SILENCE"];
  if (turn.input === "chose") return ["CHOSE"];
  if (turn.input === "invalid") return ["INVALID"];
  return ["CHOSE", "CALLBACK", "KEYED", "NUMBER", "INVALID"];
}

/** Whether a step agrees with what the record tells: the state after, the event, the key, the team dialed. */
function agrees(step: FlowStep, turn: TurnStep, events: readonly StepEvent[], key: string | undefined): boolean {
  if (step.state !== turn.state || !events.includes(step.event)) return false;
  if (step.event === "CHOSE" && key !== undefined && key !== step.key) return false;
  if (step.event === "KEYED" && key !== undefined && step.key !== undefined && key !== step.key) return false;
  if (turn.notices !== undefined && isCallbackState(step.from) && step.event !== "SILENCE") {
    const refused = turn.notices.some((n) => n === "invalid" || n === "callbackInvalidNumber");
    if (refused !== (step.refused === true)) return false;
  }
  return turn.team === undefined || step.teams === undefined || step.teams.includes(turn.team);
}

/** The key of the option a turn chose: the key pressed, or the key of the option the record names. */
function readChosenKey(turn: TurnStep): string | undefined {
  if (turn.key !== undefined) return turn.key;
  return turn.input === "chose" ? turn.option?.key : undefined;
}

/**
 * Of the steps that agree, those of the likeliest event; of a call-back's answers, those of the key pressed
 * (rather than a wrong key's); of language switches, those to the record's language; of transfers, those sure
 * to dial the record's team (an option's, rather than an escalation's that may).
 */
function prefer(steps: readonly FlowStep[], turn: TurnStep, events: readonly StepEvent[]): FlowStep[] {
  const event = events.find((e) => steps.some((s) => s.event === e));
  const ofEvent = steps.filter((s) => s.event === event);
  const pressed = ofEvent.filter((s) => s.event === "KEYED" && s.key !== undefined && s.key === turn.key);
  const likeliest = pressed.length > 0 ? pressed : ofEvent;
  const switched = likeliest.some((s) => s.language !== undefined && s.language === turn.language);
  const spoken = switched
    ? likeliest.filter((s) => s.language === undefined || s.language === turn.language)
    : likeliest;
  const sure = spoken.filter((s) => s.teams?.length === 1 && s.teams[0] === turn.team);
  return sure.length > 0 ? sure : spoken;
}

/**
 * Several steps the record cannot tell apart: one key (a key that switches to one language or another) takes the
 * edges of all; different answers, only the edges all of them take. The call is at the node they share.
 */
function combine(steps: readonly FlowStep[]): PathStep {
  const first = steps[0] as FlowStep;
  const node = steps.every((s) => s.node === first.node) ? first.node : undefined;
  const connected = steps.every((s) => s.connected === true);
  const oneChoice = steps.every((s) => s.event === first.event && s.key === first.key);
  const all = [...new Set(steps.flatMap((s) => s.edges))];
  const edges = oneChoice ? all : all.filter((id) => steps.every((s) => s.edges.includes(id)));
  return { node, edges, connected };
}
