import type { Outcome } from "./runJourney.js";

/** A number for people: `+1 800 972 0700`. */
export function formatNumber(number: string | null): string {
  if (number === null) return "no number";
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return nanp ? `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}` : number;
}

/**
 * An outcome for people: `pharmacy +1 800 972 0700` (the team alone when its number is not known),
 * `dialing pharmacy …`, `goodbye`, `still in menu main`, `never ends`.
 */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.end) {
    case "transfer":
      return outcome.number === null ? `${outcome.team}` : `${outcome.team} ${formatNumber(outcome.number)}`;
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
