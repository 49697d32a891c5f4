import { DIAL_STATUSES, type DialStatus, isConnected } from "../../service/index.js";

/** A way a transfer can end, as the console offers it and shows it. */
export interface DialResult {
  /** Twilio's `DialCallStatus`. */
  readonly status: DialStatus;
  /** Whether the team picked up. */
  readonly connected: boolean;
  /** For people, in the choice and in the transcript. */
  readonly text: string;
}

/** Words for each status: a status added to the line fails to compile here until it has its words. */
const TEXT: Readonly<Record<DialStatus, string>> = {
  completed: "completed: the team picked up",
  answered: "answered: the team picked up",
  busy: "busy",
  "no-answer": "no answer",
  failed: "failed: the call could not be placed",
  canceled: "canceled before anyone answered",
};

/**
 * The console's one list of the ways a transfer can end: every `DialCallStatus` the line reads, in the
 * service's order, with whether it connects. The page offers these (it reads them from `/api/line`) and
 * the API accepts these and no other.
 */
export const DIAL_RESULTS: readonly DialResult[] = DIAL_STATUSES.map((status) => ({
  status,
  connected: isConnected(status),
  text: TEXT[status],
}));

/** What transfers do unless the page says otherwise: the first result that connects. */
export const DEFAULT_DIAL: DialStatus = DIAL_RESULTS.find((r) => r.connected)?.status ?? DIAL_STATUSES[0];
