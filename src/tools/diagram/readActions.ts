import { assertNever, type Lang, type TeamId } from "../../service/index.js";
import { type DrawnLine, listCallRegions } from "./drawnLine.js";
import { CLOSED_NODE, makeTeamNodeId, PERSON_NODE, UNREACHABLE_NODE } from "./flowGraph.js";
import type { Place } from "./place.js";
import type { MachineAction } from "./readMachine.js";

/** A node where the caller is told something on the way: a closed team's hours, or that a team was not reached. */
export type NoticeNode = typeof CLOSED_NODE | typeof UNREACHABLE_NODE;

/** What a transition's actions do, as the diagram draws it. */
export interface Effects {
  /** The place after the actions. */
  readonly place: Place;
  /** What the caller's answer was, when it chose no option: a wrong one, or none. */
  readonly failed?: "invalid" | "silence";
  /** The team a transfer is started to. */
  readonly team?: TeamId;
  /** Where the caller is told something before the call goes on. */
  readonly notice?: NoticeNode;
  /** The transfer's team hands the call straight to the next menu, which says why (the interpreter menu). */
  readonly handOver?: boolean;
  /** A failed transfer tries the same team's next number. */
  readonly nextNumber?: boolean;
  /** The language the caller switched to. */
  readonly language?: Lang;
  /** A person takes the call after too many failed answers or answers. */
  readonly escalated?: boolean;
  /** The announcement played before a transfer, e.g. `crisisLine`. */
  readonly announce?: string;
  /** The caller took the call-back offered. */
  readonly tookOffer?: boolean;
  /** A call the line placed puts the member through to the call-back's team. */
  readonly connected?: boolean;
}

/**
 * Reads actions in order (a transition's, or the entry actions of a state): how each changes the place, and
 * what it means for the drawing (a notice said on the way, a hand-over, a counted answer). This is where the
 * diagram learns the meaning of each of the machine's actions: a new action fails `npm run typecheck` here
 * until it is given one.
 */
export function readActions(line: DrawnLine, place: Place, actions: readonly MachineAction[]): Effects {
  let effects: Effects = { place };
  for (const action of actions) effects = readAction(line, effects, action);
  return effects;
}

function readAction(line: DrawnLine, effects: Effects, action: MachineAction): Effects {
  const { place } = effects;
  const counted = { ...place, counted: true };
  switch (action.type) {
    case "stamp":
      return { ...effects, place: { ...place, offered: false } };
    case "repeatMenu":
      return { ...effects, place: counted };
    case "enterMenu":
      return { ...effects, place: { ...place, menu: action.params.menu } };
    case "noteInvalid":
      return { ...effects, failed: "invalid", place: counted };
    case "noteNoInput":
      return { ...effects, failed: "silence", place: counted };
    case "noteClosed": {
      const offered = offersCallback(line, place, [action.params.team]);
      return { ...effects, notice: CLOSED_NODE, place: { ...counted, offered } };
    }
    case "setLanguage":
      return { ...effects, language: action.params.language, place: counted };
    case "askInterpreter":
      return { ...effects, place: { ...place, interpreter: true } };
    case "noteInterpreterClosed":
      return { ...effects, handOver: true, place: { ...counted, offered: offersInterpreters(line, place) } };
    case "noteInterpreterUnreachable": {
      const offered = place.callback === null && offersInterpreters(line, place);
      return { ...effects, handOver: true, place: { ...place, dialing: null, offered } };
    }
    case "setRegion":
      return { ...effects, place: { ...counted, regionKnown: true } };
    case "startTransfer": {
      const { team, announce } = action.params;
      const dialing = { node: makeTeamNodeId(team), teams: [team] };
      return { ...effects, team, ...(announce ? { announce } : {}), place: { ...place, dialing } };
    }
    case "escalate": {
      const { team, whenClosed } = line.callFlow.flow.representative;
      return {
        ...effects,
        escalated: true,
        place: { ...place, dialing: { node: PERSON_NODE, teams: [team, whenClosed] } },
      };
    }
    case "tryNextNumber":
      return { ...effects, nextNumber: true };
    case "noteUnreachable": {
      const teams = place.dialing?.teams ?? [];
      const offered = action.params.offer && place.callback === null && offersCallback(line, place, teams);
      return { ...effects, notice: UNREACHABLE_NODE, place: { ...place, dialing: null, offered } };
    }
    case "takeOffer":
      return { ...effects, tookOffer: true, place: counted };
    case "keepNumber":
    case "forgetNumber":
      return { ...effects, place: counted };
    case "connectCallback": {
      const team = place.callback;
      if (team === null) throw new Error("The diagram found a call put through to a call-back on a call that came in.");
      const dialing = { node: makeTeamNodeId(team), teams: [team] };
      return { ...effects, team, connected: true, place: { ...place, dialing } };
    }
    case "noteInvalidNumber":
    case "noteInvalidKey":
      return { ...effects, failed: "invalid", place: counted };
    case "noteSilence":
      return { ...effects, failed: "silence", place: counted };
    default:
      return assertNever(action);
  }
}

/**
 * Whether a call-back is offered when one of these teams is closed or not reached: a team the flow offers them
 * for, with a line in a region the call may be in.
 */
function offersCallback(line: DrawnLine, place: Place, teams: readonly TeamId[]): boolean {
  const offering = line.callFlow.flow.callbacks?.teams ?? [];
  const regions = listCallRegions(line, place.regionKnown);
  return teams.some((team) => offering.includes(team) && regions.some((r) => r.teams.has(team)));
}

/** Whether the interpreter menu offers a call-back from the interpreters' team. */
function offersInterpreters(line: DrawnLine, place: Place): boolean {
  return offersCallback(line, place, [line.callFlow.flow.interpreters.team]);
}
