import { assertNever, type DialStatus, isConnected } from "../../../service/index.js";
import type { CallerPace } from "./plannedCall.js";

/** Something that takes time on a call, as the clock of simulated traffic sees it. */
export type TimedMoment =
  | { readonly kind: "heard"; readonly chars: number }
  | { readonly kind: "answered" }
  | { readonly kind: "silent"; readonly timeoutSeconds: number }
  | { readonly kind: "dial-result"; readonly status: DialStatus; readonly timeoutSeconds: number };

/** Characters a text-to-speech voice says per second (about 150 words a minute). */
const CHARS_PER_SECOND = 14;

/**
 * Seconds a moment of the call takes: prompts by their length (the share the caller listens to),
 * answers by the caller's reaction, silence by the gather's timeout, transfers by ringing (and the
 * conversation, when answered: Twilio reports a `<Dial>`'s outcome when it ends).
 */
export function estimateSeconds(moment: TimedMoment, pace: CallerPace): number {
  switch (moment.kind) {
    case "heard":
      return (moment.chars / CHARS_PER_SECOND) * pace.listen;
    case "answered":
      return pace.react;
    case "silent":
      return moment.timeoutSeconds;
    case "dial-result":
      return estimateDialSeconds(moment.status, moment.timeoutSeconds, pace);
    default:
      return assertNever(moment);
  }
}

/** Seconds a dial that did not connect takes, by its status: an unanswered one rings until the dial's timeout. */
const UNCONNECTED_DIAL_SECONDS: Readonly<Record<Exclude<DialStatus, "completed" | "answered">, number | "timeout">> = {
  busy: 4,
  "no-answer": "timeout",
  failed: 2,
  canceled: 2,
};

/** Seconds a `<Dial>` takes until Twilio reports it: ringing and the conversation when it connected. */
function estimateDialSeconds(status: DialStatus, timeoutSeconds: number, pace: CallerPace): number {
  if (isConnected(status)) return pace.ring + pace.talk;
  const seconds = Object.hasOwn(UNCONNECTED_DIAL_SECONDS, status)
    ? UNCONNECTED_DIAL_SECONDS[status as keyof typeof UNCONNECTED_DIAL_SECONDS]
    : 2;
  return seconds === "timeout" ? timeoutSeconds : seconds;
}
