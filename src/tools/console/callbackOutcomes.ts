import { OUTBOUND_OUTCOMES, type OutboundOutcome } from "./callEngine.js";

/** A way the member can meet a call-back the line places, as the console offers it. */
export interface CallbackOutcome {
  readonly outcome: OutboundOutcome;
  /** For people, in the choice and in the transcript. */
  readonly text: string;
}

/** Words for each outcome: an outcome added to the emulator fails to compile here until it has its words. */
const TEXT: Readonly<Record<OutboundOutcome, string>> = {
  answered: "answered by the member",
  busy: "busy",
  "no-answer": "no answer",
  failed: "failed: the call could not be placed",
};

/**
 * The console's one list of the ways the member meets a call-back: every outcome the emulator's stand-in of
 * Twilio's REST API plays, in its order. The page offers these (from `/api/line`) and the API accepts no other.
 */
export const CALLBACK_OUTCOMES: readonly CallbackOutcome[] = OUTBOUND_OUTCOMES.map((outcome) => ({
  outcome,
  text: TEXT[outcome],
}));

/** What the member does unless the page says otherwise: picks up. */
export const DEFAULT_CALLBACK_OUTCOME: OutboundOutcome = "answered";
