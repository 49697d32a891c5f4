import { z } from "zod";
import { dialStatusSchema } from "../contract/dialStatus.js";
import type { FlowEvent } from "../types.js";

/**
 * The parameters of Twilio's voice webhooks that the line uses. Twilio sends many more
 * (they still count for the signature); unknown ones are ignored here.
 */
export const webhookParamsSchema = z.object({
  CallSid: z.string().regex(/^CA[0-9a-fA-F]{32}$/, "must be a Twilio Call SID (CA followed by 32 hex digits)"),
  To: z.string().max(64).default(""),
  From: z.string().max(64).default(""),
  CallStatus: z.string().max(32).optional(),
  Digits: z
    .string()
    .regex(/^[0-9*#]*$/, "must contain only keypad keys 0-9, * and #")
    .max(32)
    .optional(),
  SpeechResult: z.string().max(2000).optional(),
  Confidence: z.coerce.number().min(0).max(1).optional(),
  DialCallStatus: dialStatusSchema.optional(),
});

/** Validated webhook parameters. */
export type WebhookParams = z.infer<typeof webhookParamsSchema>;

/** The status-callback parameters: the call, its status and how long it lasted. */
export const statusParamsSchema = z.object({
  CallSid: webhookParamsSchema.shape.CallSid,
  CallStatus: z.string().max(32),
  /** Seconds; absent or unreadable when Twilio has none. */
  CallDuration: z.coerce.number().int().min(0).optional().catch(undefined),
});

/**
 * Turns a webhook request into the machine's event: a dial result, speech, a key press,
 * or silence (the `<Redirect>` after a `<Gather>` that heard nothing).
 */
export function eventFromParams(params: WebhookParams, now: number): FlowEvent {
  if (params.DialCallStatus !== undefined) return { type: "DIAL_RESULT", status: params.DialCallStatus, now };
  if (params.SpeechResult !== undefined && params.SpeechResult.trim() !== "")
    return { type: "SPEECH", text: params.SpeechResult, confidence: params.Confidence ?? 0, now };
  const digits = params.Digits?.replace(/#+$/, "") ?? "";
  if (digits !== "") return { type: "KEY", digits, now };
  return { type: "SILENCE", now };
}
