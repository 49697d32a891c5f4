import { z } from "zod";

/** Twilio's `DialCallStatus` values: how a `<Dial>` ended. */
export const DIAL_STATUSES = ["completed", "answered", "busy", "no-answer", "failed", "canceled"] as const;

/** How a `<Dial>` ended, as Twilio reports it in `DialCallStatus`. */
export const dialStatusSchema = z.enum(DIAL_STATUSES).describe("Twilio's DialCallStatus: how a <Dial> ended.");

/** Outcome of a `<Dial>` as Twilio reports it in `DialCallStatus`. */
export type DialStatus = z.infer<typeof dialStatusSchema>;

/** The dial statuses of a transfer that went through: the team picked up. */
const CONNECTED: ReadonlySet<DialStatus> = new Set(dialStatusSchema.extract(["completed", "answered"]).options);

/** Whether a `<Dial>` with this status connected the caller (the team picked up). */
export function isConnected(status: DialStatus): boolean {
  return CONNECTED.has(status);
}

/** Twilio's `CallStatus` values after which a call is over: its status callback reports one of them. */
export const finalCallStatusSchema = z
  .enum(["completed", "busy", "failed", "no-answer", "canceled"])
  .describe("Twilio's CallStatus once the call is over.");

/** A `CallStatus` after which the call is over. */
export type FinalCallStatus = z.infer<typeof finalCallStatusSchema>;

const FINAL: ReadonlySet<string> = new Set(finalCallStatusSchema.options);

/** Whether a call placed by the line was answered (by a person or a machine): its final `CallStatus` is `completed`. */
export function isCallAnswered(status: string): boolean {
  return status === finalCallStatusSchema.enum.completed;
}

/** Whether Twilio's `CallStatus` says the call is over. */
export function isCallOver(status: string): status is FinalCallStatus {
  return FINAL.has(status);
}
