import type { TeamId } from "../../service/index.js";
import { ENDED, isCallbackState, TRANSFER } from "../../service/index.js";
import type { DrawnLine } from "./drawnLine.js";
import { makeMenuNodeId, START_NODE } from "./flowGraph.js";

/** The transfer a call is making: the node it is drawn at, and the teams it may be dialing there. */
export interface Dialing {
  /** `team:<teamId>`, or `person` for an escalation. */
  readonly node: string;
  readonly teams: readonly TeamId[];
}

/**
 * Where a call can be, as far as the diagram tells calls apart: the machine's state and what of the call's
 * context its guards read (whether the region is known, the menu a failed transfer returns to, whether the
 * caller asked for an interpreter, the transfer under way). The clock and the counters' values are left out:
 * a guard on them may hold or not.
 */
export interface Place {
  readonly state: string;
  readonly regionKnown: boolean;
  readonly menu: string | null;
  readonly interpreter: boolean;
  readonly dialing: Dialing | null;
  /**
   * Whether the transition that brought the call here counted a failed answer or an answer: only then can the
   * counters have reached their limits (a call starts at zero, a failed transfer resets the failures, and a
   * transfer is started without counting).
   */
  readonly counted: boolean;
  /** Whether a call-back was offered (after a closed or not-reached notice) and stands until the next answer. */
  readonly offered: boolean;
  /** On a call the line placed to return a call-back: the call-back's team; null on a call that came in. */
  readonly callback: TeamId | null;
}

/** A key telling places apart (`counted` only matters on the way in). */
export function keyOfPlace(place: Place): string {
  const { state, regionKnown, menu, interpreter, dialing, offered, callback } = place;
  return JSON.stringify([state, regionKnown, menu, interpreter, dialing?.node ?? null, offered, callback]);
}

/**
 * The places a call starts in: its region known from the dialed number, or (drawing every region) not, first;
 * then the calls the line places to return a call-back, one for each team that offers them (the interpreters'
 * team also with an interpreter), which start in the region of the call that asked.
 */
export function listEntries(line: DrawnLine): Place[] {
  const entry = {
    state: line.chart.initial,
    menu: null,
    interpreter: false,
    dialing: null,
    counted: false,
    offered: false,
    callback: null,
  };
  const incoming = line.region
    ? [{ ...entry, regionKnown: true }]
    : [false, true].map((known) => ({ ...entry, regionKnown: known }));
  const { flow } = line.callFlow;
  const returned = (flow.callbacks?.teams ?? [])
    .filter((team) => line.regions.some((r) => r.teams.has(team)))
    .flatMap((team) => {
      const placed = { ...entry, regionKnown: true, menu: flow.start, callback: team };
      return team === flow.interpreters.team ? [placed, { ...placed, interpreter: true }] : [placed];
    });
  return [...incoming, ...returned];
}

/**
 * The node a call at this place is drawn at: its menu, the transfer it is making (also once put through),
 * the start for the first state, or the final state's own node. Fails naming a state the diagram cannot draw.
 */
export function findNode(line: DrawnLine, place: Place): string {
  const { state } = place;
  if (line.callFlow.menus.has(state)) return makeMenuNodeId(state);
  if (isCallbackState(state)) return state;
  if ((state === TRANSFER || state === ENDED) && place.dialing) return place.dialing.node;
  if (state === line.chart.initial) return START_NODE;
  if (line.chart.states.get(state)?.final) return state;
  throw new Error(
    `The diagram cannot draw state "${state}" of the call machine: it is no menu, no transfer and not final. Teach src/tools/diagram/place.ts (findNode) how to draw it.`,
  );
}
