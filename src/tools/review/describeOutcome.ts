import { formatPhone } from "../../service/index.js";
import type { Outcome } from "./runJourney.js";

/**
 * An outcome for people: `pharmacy +1 800 972 0700` (the team alone when its number is not known),
 * `dialing pharmacy …`, `goodbye`, `still in menu main`, `never ends`.
 */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.end) {
    case "transfer":
      return outcome.number === null ? `${outcome.team}` : `${outcome.team} ${formatPhone(outcome.number)}`;
    case "dialing":
      return `dialing ${describeOutcome({ ...outcome, end: "transfer" })}`;
    case "goodbye":
      return "goodbye";
    case "menu":
      return `still in menu ${outcome.menu}`;
    case "loop":
      return "never ends";
  }
}
