import {
  type CompiledMenu,
  type CompiledOption,
  ENDED,
  formatOption,
  isCallbackState,
  type MachineEvent,
  TRANSFER,
} from "../../service/index.js";
import { drawAtOnce, drawMove, drawStart } from "./drawLegs.js";
import type { DrawnLine } from "./drawnLine.js";
import { type FlowEdge, type FlowStep, makeTeamNodeId, START_NODE, type StepEvent } from "./flowGraph.js";
import { judgeGuards } from "./judgeGuards.js";
import { findNode, keyOfPlace, listEntries, type Place } from "./place.js";
import { type Effects, readActions } from "./readActions.js";
import type { MachineState, MachineTransition } from "./readMachine.js";

/** What walking the machine found: every step, the edges in the order first drawn, and what team nodes announce. */
export interface MachineWalk {
  readonly steps: readonly FlowStep[];
  /** Each edge, with the node of the first step drawn along it. */
  readonly edges: ReadonlyMap<string, { readonly edge: FlowEdge; readonly at: string }>;
  /** The announcement played before a transfer, by team node, e.g. `crisisLine`. */
  readonly announce: ReadonlyMap<string, string>;
}

/** Where a transition leaves a call: the first place it rests at, and where it is after what follows at once. */
interface Arrival {
  /** Where the transition's own edges end. */
  readonly landing: Place;
  /** Where the call is after an escalation, if one follows (else the landing). */
  readonly place: Place;
  /** The edges of what followed. */
  readonly legs: readonly FlowEdge[];
}

/** The machine's events, each a step a turn record can name. */
const MACHINE_EVENTS: Readonly<Record<MachineEvent["type"], true>> = {
  CHOSE: true,
  INVALID: true,
  SILENCE: true,
  DIAL_RESULT: true,
  CALLBACK: true,
  KEYED: true,
  NUMBER: true,
};

/** Transient states pass a call on at once; a chain longer than this is a loop. */
const MAX_PASSES = 8;

/**
 * Walks the compiled machine from the places a call starts in, breadth first, taking every transition whose
 * guards may hold at each place it reaches (see `judgeGuards`), and places each on the graph as a step
 * with its edges (see `drawLegs`).
 */
export function walkMachine(line: DrawnLine): MachineWalk {
  const walker = new Walker(line);
  for (const entry of listEntries(line)) walker.enter(entry);
  walker.run();
  return walker;
}

class Walker implements MachineWalk {
  readonly steps: FlowStep[] = [];
  readonly edges = new Map<string, { readonly edge: FlowEdge; readonly at: string }>();
  readonly announce = new Map<string, string>();
  private readonly stepKeys = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly queue: Place[] = [];

  constructor(private readonly line: DrawnLine) {}

  /** The incoming call: from the start to the first menu (or a call-back's greeting). */
  enter(entry: Place): void {
    for (const arrival of this.arrive(entry, entry.state, 0)) {
      const first = drawStart(this.line, entry, findNode(this.line, arrival.landing));
      this.record({ at: START_NODE, from: null, event: "INCOMING" }, arrival, [first, ...arrival.legs]);
    }
  }

  run(): void {
    for (let i = 0; i < this.queue.length; i++) this.expand(this.queue[i] as Place);
  }

  /** Every transition on an event at a place, in XState's order: one whose guards always hold ends its event's. */
  private expand(place: Place): void {
    const done = new Set<string>();
    for (const t of this.stateOf(place.state).on) {
      if (done.has(t.event)) continue;
      const chance = judgeGuards(this.line, place, t.guards);
      if (chance === "never") continue;
      this.take(place, t);
      if (chance === "always") done.add(t.event);
    }
  }

  private take(place: Place, t: MachineTransition): void {
    const { line } = this;
    const at = findNode(line, place);
    const effects = readActions(line, { ...place, counted: false }, t.actions);
    const menu = line.callFlow.menus.get(place.state);
    const option = menu && findOption(menu, t, effects);
    const closed = t.guards.flatMap((g) =>
      g.type === "closed" || g.type === "choseWhileClosed" ? [g.params.team] : [],
    )[0];
    const team = effects.team ?? closed;
    const through = team !== undefined ? makeTeamNodeId(team) : menu || isCallbackState(place.state) ? undefined : at;
    const event = toStepEvent(t.event, option);
    const arrivals: Arrival[] =
      t.target === undefined
        ? [{ landing: effects.place, place: effects.place, legs: [] }]
        : this.arrive(effects.place, t.target, 0);
    if (effects.announce !== undefined && team !== undefined) this.announce.set(makeTeamNodeId(team), effects.announce);
    for (const arrival of arrivals) {
      const landing = findNode(line, arrival.landing);
      const landingFinal = this.stateOf(arrival.landing.state).final;
      const move = { at, menuId: menu?.id, event, option, through, effects, landing, landingFinal };
      const chosen =
        option && event === "CHOSE"
          ? { key: option.key, option: formatOption(option.identity) }
          : keyedBy(t) !== undefined
            ? { key: keyedBy(t) }
            : {};
      const language = effects.language === undefined ? {} : { language: effects.language };
      const refused = isCallbackState(place.state) && effects.failed === "invalid" ? { refused: true } : {};
      this.record({ at, from: place.state, event, ...chosen, ...language, ...refused }, arrival, [
        ...drawMove(line, move),
        ...arrival.legs,
      ]);
    }
  }

  /**
   * Enters a state: runs its entry actions; a transient state passes the call on at once; a state the call
   * rests in may still escalate at once (its `always`), or not.
   */
  private arrive(place: Place, target: string, passes: number): Arrival[] {
    if (passes > MAX_PASSES) throw new Error(`The call machine passes calls on without end at state "${target}".`);
    const state = this.stateOf(target);
    const entered = readActions(this.line, { ...place, state: target }, state.entry).place;
    const transient = !state.final && state.on.length === 0 && state.always.length > 0;
    const arrivals: Arrival[] = [];
    for (const t of state.always) {
      const chance = judgeGuards(this.line, entered, t.guards);
      if (chance === "never") continue;
      const effects = readActions(this.line, entered, t.actions);
      if (t.target === undefined) throw new Error(`A transition of state "${target}" taken at once goes nowhere.`);
      for (const next of this.arrive(effects.place, t.target, passes + 1))
        arrivals.push(transient ? next : this.follow(entered, t, effects, next));
      if (chance === "always") return arrivals;
    }
    return transient ? arrivals : [{ landing: entered, place: entered, legs: [] }, ...arrivals];
  }

  /**
   * A transition taken at once from a state the call rests in: an escalation to a person from a menu, the
   * goodbye after a call-back's question failed, the member put through on a call-back the line placed.
   */
  private follow(from: Place, t: MachineTransition, effects: Effects, next: Arrival): Arrival {
    if (!effects.escalated && !isCallbackState(from.state))
      throw new Error(
        `The diagram cannot draw what state "${from.state}" does at once: teach src/tools/diagram/walkMachine.ts how.`,
      );
    const byTurns = t.guards.some((g) => g.type === "menuTurnsExhausted");
    const to = findNode(this.line, next.landing);
    const leg = drawAtOnce(this.line, findNode(this.line, from), to, effects, byTurns);
    return { landing: from, place: next.place, legs: [leg, ...next.legs] };
  }

  private record(
    start: Pick<FlowStep, "at" | "from" | "event" | "key" | "option" | "language" | "refused">,
    arrival: Arrival,
    edges: readonly FlowEdge[],
  ): void {
    for (const edge of edges) if (!this.edges.has(edge.id)) this.edges.set(edge.id, { edge, at: start.at });
    const end = arrival.place;
    const step: FlowStep = {
      ...start,
      state: end.state,
      node: findNode(this.line, end),
      ...(end.state === TRANSFER && end.dialing ? { teams: end.dialing.teams } : {}),
      edges: edges.map((e) => e.id),
      ...(end.state === ENDED ? { connected: true } : {}),
    };
    const key = JSON.stringify(step);
    if (!this.stepKeys.has(key)) {
      this.stepKeys.add(key);
      this.steps.push(step);
    }
    const placeKey = keyOfPlace(end);
    if (!this.seen.has(placeKey)) {
      this.seen.add(placeKey);
      this.queue.push(end);
    }
  }

  private stateOf(id: string): MachineState {
    const state = this.line.chart.states.get(id);
    if (!state) throw new Error(`The call machine has no state "${id}".`);
    return state;
  }
}

/** The option a transition chooses: by its `chose` guard, or the menu's silence option on silence. */
function findOption(menu: CompiledMenu, t: MachineTransition, effects: Effects): CompiledOption | undefined {
  const chose = t.guards.flatMap((g) =>
    g.type === "chose" || g.type === "choseWhileClosed" ? [g.params.option] : [],
  )[0];
  if (chose !== undefined) return menu.options[chose];
  if (t.event === "SILENCE" && effects.failed === undefined && menu.silence !== undefined)
    return menu.options[menu.silence];
  return undefined;
}

/** The key a call-back's question takes this transition on (its `keyed` guard), if it names one. */
function keyedBy(t: MachineTransition): string | undefined {
  return t.guards.flatMap((g) => (g.type === "keyed" ? [g.params.key] : []))[0];
}

/** The step's event: the machine's, except that a `CHOSE` of no option of the menu is a wrong answer. */
function toStepEvent(event: string, option: CompiledOption | undefined): StepEvent {
  if (!Object.hasOwn(MACHINE_EVENTS, event)) throw new Error(`The call machine waits for an unknown event "${event}".`);
  return event === "CHOSE" && option === undefined ? "INVALID" : (event as StepEvent);
}
