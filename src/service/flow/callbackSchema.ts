import { z } from "zod";
import { idSchema } from "../idSchema.js";

/** A key on the phone's keypad. */
const keySchema = z.string().regex(/^[0-9*#]$/, "must be one keypad key: 0-9, * or #");

/**
 * The messages a flow with `callbacks` defines in every language it speaks (full and interpreter alike:
 * a caller who asked for an interpreter is offered, and called back, in their own language).
 */
export const CALLBACK_MESSAGES = [
  "callbackOffer",
  "callbackConfirm",
  "callbackEnterNumber",
  "callbackInvalidNumber",
  "callbackReadBack",
  "callbackRequested",
  "callbackPending",
  "callbackGreeting",
  "callbackMomentAt",
  "callbackMomentAfter",
  "callbackMomentBetween",
] as const;

/**
 * Messages a flow with `callbacks` may leave out (written in one language, it needs them all), each with the
 * message said instead: a line written before one was added still loads (a published version, a rollback),
 * and `npm run flow -- check` warns.
 */
export const CALLBACK_FALLBACKS = {
  callbackOfferUnreachable: "callbackOffer",
} as const satisfies Record<string, (typeof CALLBACK_MESSAGES)[number]>;

/** A message of the call-backs. */
export type CallbackMessage = (typeof CALLBACK_MESSAGES)[number] | keyof typeof CALLBACK_FALLBACKS;

/** The placeholders each call-back message may use (`allowed`) and must use (`needed`). */
export const CALLBACK_PLACEHOLDERS: Readonly<
  Record<CallbackMessage, { readonly allowed: readonly string[]; readonly needed: readonly string[] }>
> = {
  callbackOffer: { allowed: ["team", "moment", "key"], needed: ["moment", "key"] },
  callbackOfferUnreachable: { allowed: ["team", "moment", "key"], needed: ["moment", "key"] },
  callbackConfirm: { allowed: ["digits", "confirm", "change"], needed: ["digits", "confirm", "change"] },
  callbackEnterNumber: { allowed: [], needed: [] },
  callbackInvalidNumber: { allowed: [], needed: [] },
  callbackReadBack: { allowed: ["digits", "confirm", "change"], needed: ["digits", "confirm", "change"] },
  callbackRequested: { allowed: ["team", "moment"], needed: ["moment"] },
  callbackPending: { allowed: ["team", "moment"], needed: ["moment"] },
  callbackGreeting: { allowed: ["team", "connect"], needed: ["connect"] },
  callbackMomentAt: { allowed: ["day", "time"], needed: ["day", "time"] },
  callbackMomentAfter: { allowed: ["day", "time"], needed: ["day", "time"] },
  callbackMomentBetween: { allowed: ["day", "from", "to"], needed: ["day", "from", "to"] },
};

/**
 * Call-backs at a team's next opening: which teams offer them, the keys, how often a call-back that is not
 * answered is tried again, and how many are placed per team and region in each window (the pace).
 */
export const callbackSettingsSchema = z
  .object({
    teams: z
      .array(idSchema)
      .min(1)
      .describe("Teams that offer a call-back when closed or unreachable, e.g. memberServices."),
    key: keySchema.describe("Key that asks for the call-back after the closed or unreachable notice, e.g. 5."),
    confirmKey: keySchema.default("1").describe("Key that confirms the number."),
    changeKey: keySchema.default("2").describe("Key that gives another number."),
    connectKey: keySchema.default("1").describe("Key that puts the member through when called back."),
    retries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .describe("Times a call-back not answered (busy, no answer, failed) is tried again."),
    retryMinutes: z.number().int().min(1).max(240).describe("Minutes between tries."),
    pace: z
      .object({
        perWindow: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .describe("Most call-backs placed per team and region in a window."),
        windowMinutes: z.number().int().min(1).max(120).describe("The window, in minutes, e.g. 15."),
      })
      .strict(),
    keepDays: z
      .number()
      .int()
      .min(1)
      .max(31)
      .default(14)
      .describe("A call-back not placed this many days after it was asked for is given up (and its number deleted)."),
  })
  .strict();

/** The call-back settings of a flow. */
export type CallbackSettings = z.infer<typeof callbackSettingsSchema>;
