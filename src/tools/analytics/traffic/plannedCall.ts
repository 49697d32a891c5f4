import type { DialStatus } from "../../../service/index.js";

/** What the caller does at one prompt that waits for an answer. */
export type CallerStep =
  | { readonly kind: "press"; readonly digits: string }
  /** Speech, with the confidence the recogniser reports for it. */
  | { readonly kind: "say"; readonly text: string; readonly confidence: number }
  | { readonly kind: "silence" }
  | { readonly kind: "hangup" };

/** How fast a caller is: what the clock does while they listen and act. */
export interface CallerPace {
  /** Share of each prompt heard before answering (1: the whole prompt; less: they press while it plays). */
  readonly listen: number;
  /** Seconds from the prompt to the key press or words. */
  readonly react: number;
  /** Seconds a transfer rings before it is answered. */
  readonly ring: number;
  /** Seconds the caller then talks with the team. */
  readonly talk: number;
}

/** One call of simulated traffic, decided before it is placed. */
export interface PlannedCall {
  readonly callSid: string;
  /** The number dialed (a region's inbound number, or one the directory does not know). */
  readonly to: string;
  /** The caller's number (fictional: 555-0100 to 555-0199). */
  readonly from: string;
  /** When the call comes in, epoch ms. */
  readonly at: number;
  /** The caller's answer at each prompt, in order; once they run out, the caller hangs up. */
  readonly steps: readonly CallerStep[];
  /** The outcome of each transfer attempt, in order; `completed` once they run out. */
  readonly dial: readonly DialStatus[];
  readonly pace: CallerPace;
}

/** What happened on a placed call, as the caller saw it. */
export interface PlacedCall {
  readonly outcome: "transferred" | "goodbye" | "caller-hung-up" | "failed";
  /** The team the call was put through to, when it was. */
  readonly team?: string;
  /** Webhook requests made. */
  readonly requests: number;
  /** Why the call failed, when it did. */
  readonly reason?: string;
}
