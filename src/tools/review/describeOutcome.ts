import { formatPhone } from "../../service/index.js";
import { describeWallClock } from "./localClock.js";
import type { Outcome } from "./runJourney.js";

/**
 * An outcome for people: `pharmacy +1 800 972 0700` (the team alone when its number is not known),
 * `dialing pharmacy …`, `goodbye`, `call-back from memberServices due Mon 2026-12-07 08:00`, `still in menu
 * main`, `never ends`.
 */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.end) {
    case "transfer":
      return outcome.number === null ? `${outcome.team}` : `${outcome.team} ${formatPhone(outcome.number)}`;
    case "dialing":
      return `dialing ${describeOutcome({ ...outcome, end: "transfer" })}`;
    case "goodbye":
      return "goodbye";
    case "callback":
      return `call-back from ${outcome.team ?? "?"}${outcome.due === undefined ? "" : ` due ${describeWallClock(outcome.due)}`}`;
    case "menu":
      return `still in menu ${outcome.menu}`;
    case "loop":
      return "never ends";
  }
}
