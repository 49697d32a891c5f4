import { assertNever, type Region, type TeamId } from "../../service/index.js";
import { type DrawnLine, listCallRegions } from "./drawnLine.js";
import type { Place } from "./place.js";
import type { MachineGuard } from "./readMachine.js";
import { canClose } from "./words.js";

/** Whether a guard holds for calls at a place: for none of them, for some, or for all. */
export type Chance = "never" | "maybe" | "always";

/** Whether all of a transition's guards hold at a place (no guard: always). */
export function judgeGuards(line: DrawnLine, place: Place, guards: readonly MachineGuard[]): Chance {
  const chances = guards.map((guard) => judgeGuard(line, place, guard));
  if (chances.includes("never")) return "never";
  return chances.every((c) => c === "always") ? "always" : "maybe";
}

/**
 * Whether one of the machine's guards holds at a place. What the place does not tell (the key pressed, the
 * clock, the counters, the dial's outcome) makes a guard `maybe`; the directory and the flow's limits tell
 * whether a team can be closed or has another number, so a region where it never is draws no such edge.
 */
function judgeGuard(line: DrawnLine, place: Place, guard: MachineGuard): Chance {
  const { limits } = line.callFlow.flow;
  switch (guard.type) {
    case "regionKnown":
      return place.regionKnown ? "always" : "never";
    case "chose":
      return isOffered(line, place.state, guard.params.option) ? "maybe" : "never";
    case "closed":
      return judgeClosed(listCallRegions(line, place.regionKnown), guard.params.team);
    case "choseWhileClosed":
      return both(
        isOffered(line, place.state, guard.params.option) ? "maybe" : "never",
        judgeClosed(listCallRegions(line, place.regionKnown), guard.params.team),
      );
    case "failuresExhausted":
    case "menuTurnsExhausted":
      return place.counted ? "maybe" : "never";
    case "connected":
      return "maybe";
    case "hasNextNumber":
      return limits.maxFailedTransfers > 1 && hasSecondNumber(line, place) ? "maybe" : "never";
    case "transfersExhausted":
      return limits.maxFailedTransfers <= 1 ? "always" : "maybe";
    case "interpreterCall":
      return place.interpreter ? "always" : "never";
    case "returnsTo":
      return place.menu === guard.params.menu ? "always" : "never";
    // Whether the caller's number is known is not told by the place: a call-back offered may be taken either way.
    case "takesOffer":
    case "offerTo":
      return place.offered ? "maybe" : "never";
    // At the call's start only: a language switch (an answer, counted) starts the menus over.
    case "placedCallback":
      return place.callback === null || place.counted ? "never" : "always";
    case "keyed":
    case "numberValid":
      return "maybe";
    default:
      return assertNever(guard);
  }
}

/** Whether two guards both hold: never if either never does, always if both always do. */
function both(a: Chance, b: Chance): Chance {
  if (a === "never" || b === "never") return "never";
  return a === "always" && b === "always" ? "always" : "maybe";
}

/** Whether a menu's option is drawn: offered in the language drawn, or any when every language is. */
function isOffered(line: DrawnLine, menuId: string, index: number): boolean {
  const option = line.callFlow.menus.get(menuId)?.options[index];
  return option !== undefined && (line.language === undefined || option.languages.includes(line.language));
}

/** A team is closed always where it has no line, sometimes where its hours can close, never where open around the clock. */
function judgeClosed(regions: readonly Region[], team: TeamId): Chance {
  const chances = new Set<Chance>(
    regions.map((r) => {
      const found = r.teams.get(team);
      if (!found) return "always";
      return canClose(found.hours) ? "maybe" : "never";
    }),
  );
  if (chances.size === 0) return "never";
  return chances.size === 1 ? ([...chances][0] as Chance) : "maybe";
}

/** Whether a team the call may be dialing has a second number in a region the call may be in. */
function hasSecondNumber(line: DrawnLine, place: Place): boolean {
  const regions = listCallRegions(line, place.regionKnown);
  return (place.dialing?.teams ?? []).some((team) => regions.some((r) => (r.teams.get(team)?.numbers.length ?? 0) > 1));
}
