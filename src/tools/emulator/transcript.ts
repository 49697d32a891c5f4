import type { DialStatus } from "../../service/index.js";

/** A region or team as the transcript names it. */
export interface Named {
  readonly id: string;
  readonly name: string;
}

/** The region a dialed number reaches, with its time zone (to show the line's clock in local time). */
export interface CallRegion extends Named {
  readonly timeZone: string;
}

/** Who a transfer reaches, as far as the line can tell: region, team, and the team that answers for it. */
export interface TransferNames {
  readonly region?: Named;
  readonly team?: Named;
  /** The team whose line actually answers, when the region has no line of its own for `team`. */
  readonly via?: Named;
  /** Why the number dialed is not to be trusted yet (the directory's `needsVerification`). */
  readonly caution?: string;
}

/** One thing that happened on the call, in order; `turn` is the webhook request it came from (1 for the first). */
export type TranscriptEntry =
  /** The line speaks (`<Say>`): the text and its language (e.g. `es-US`). */
  | {
      readonly kind: "say";
      readonly turn: number;
      readonly text: string;
      readonly language: string;
      readonly voice?: string;
    }
  /** The caller presses keys. */
  | { readonly kind: "press"; readonly turn: number; readonly digits: string }
  /** The caller speaks; `confidence` is what the emulated recogniser reports. */
  | { readonly kind: "say-speech"; readonly turn: number; readonly text: string; readonly confidence: number }
  /** The caller stays silent (or the gather could not take the input, see `reason`). */
  | { readonly kind: "silence"; readonly turn: number; readonly reason?: string }
  /** The line transfers the call (`<Dial>`); region and team when they can be told. */
  | ({ readonly kind: "dial"; readonly turn: number; readonly number: string } & TransferNames)
  /** How the transfer ended (the `DialCallStatus` posted back). */
  | { readonly kind: "dial-result"; readonly turn: number; readonly number: string; readonly status: DialStatus }
  /** The call ends: the line hangs up, or the caller does. */
  | { readonly kind: "hangup"; readonly turn: number; readonly by: "line" | "caller" };

/** How the call ended. */
export type CallOutcome =
  /** A transfer connected; the call is the team's now. */
  | ({ readonly kind: "transferred"; readonly number: string } & TransferNames)
  /** The line said goodbye and hung up (e.g. no team could be reached). */
  | { readonly kind: "goodbye" }
  /** The line hung up without a goodbye, or its document ran out of verbs: never meant to happen. */
  | { readonly kind: "line-hung-up" }
  /** The caller hung up. */
  | { readonly kind: "caller-hung-up" }
  /** The safety bound on requests was reached: the flow may be looping. */
  | { readonly kind: "turn-limit"; readonly turns: number }
  /** The line answered something Twilio could not follow (an HTTP error, a timeout, TwiML that is not XML…). */
  | { readonly kind: "failed"; readonly reason: string };

/** Who calls which line and when: known before the first request. */
export interface CallStart {
  readonly callSid: string;
  readonly to: string;
  readonly from: string;
  /** Region of the dialed number, when the line can tell. */
  readonly region: CallRegion | undefined;
  /** The line's clock when the call came in, epoch ms. */
  readonly startedAt: number;
}

/** The whole call: who called whom, when, what happened and how it ended. */
export interface CallTranscript extends CallStart {
  readonly entries: readonly TranscriptEntry[];
  readonly outcome: CallOutcome;
  /** Webhook requests made (the status callback not counted). */
  readonly requests: number;
}

/** Whether the call ended the way a call should: put through to a team, or a deliberate goodbye. */
export function endedWell(outcome: CallOutcome): boolean {
  return outcome.kind === "transferred" || outcome.kind === "goodbye";
}
