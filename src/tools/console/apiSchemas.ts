import { z } from "zod";
import { DIAL_STATUSES } from "../../service/index.js";
import { DEFAULT_CALLBACK_OUTCOME } from "./callbackOutcomes.js";
import { OUTBOUND_OUTCOMES } from "./callEngine.js";
import { DEFAULT_DIAL } from "./dialResults.js";

/** `POST /api/calls`: a new call. */
export const newCallSchema = z
  .object({
    to: z.string().regex(/^\+[1-9]\d{7,14}$/, "must be an E.164 number like +15035550100"),
    at: z.string().optional().describe("Wall-clock time in the line's zone, e.g. 2026-11-28T10:00; now if absent."),
    timeZone: z.string().optional().describe("Zone of `at` when the number is in no region (the browser's)."),
    dial: z.enum(DIAL_STATUSES).default(DEFAULT_DIAL),
  })
  .strict();

/** `POST /api/calls/:callSid/dial`: how the call's next transfer ends. */
export const dialSchema = z.object({ dial: z.enum(DIAL_STATUSES) }).strict();

/** `POST /api/calls/:callSid/input`: what the caller does. */
export const inputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("press"), digits: z.string().regex(/^[0-9*#]{1,20}$/, "keys 0-9, * and #") }).strict(),
  z.object({ kind: z.literal("say"), text: z.string().trim().min(1).max(200) }).strict(),
  z.object({ kind: z.literal("silence") }).strict(),
  z.object({ kind: z.literal("hangup") }).strict(),
]);

/** `:id` of `/api/callbacks/:id/…`: a call-back's id, a keyed hash (never the number). */
export const callbackIdSchema = z.string().regex(/^[0-9a-f]{32}$/, "a call-back's id is 32 hex digits");

/** `POST /api/callbacks/:id/play`: how the member meets the call-back, and how its transfer ends. */
export const playSchema = z
  .object({
    outcome: z.enum(OUTBOUND_OUTCOMES).default(DEFAULT_CALLBACK_OUTCOME),
    dial: z.enum(DIAL_STATUSES).default(DEFAULT_DIAL),
  })
  .strict();

/** A refused body's problems in one line, each with its field: `to: must be an E.164 number…`. */
export function describeProblems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}
