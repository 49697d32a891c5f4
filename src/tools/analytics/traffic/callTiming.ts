import type { DialStatus } from "../../../service/index.js";
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
      switch (moment.status) {
        case "completed":
        case "answered":
          return pace.ring + pace.talk;
        case "no-answer":
          return moment.timeoutSeconds;
        case "busy":
          return 4;
        default:
          return 2;
      }
  }
}
