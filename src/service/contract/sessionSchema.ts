import { z } from "zod";
import { stateIdSchema } from "./stateIds.js";

const teamSchema = z.string().describe("A team of the directory, e.g. pharmacy.");
const regionSchema = z.string().describe("A region of the directory, e.g. northwest.");
const countSchema = z.number().int().nonnegative();

/** Something to tell the caller before the next prompt, told apart by `kind`. */
export const noticeSchema = z.discriminatedUnion("kind", [
  /** The answer chose no option. */
  z.object({ kind: z.literal("invalid") }),
  /** The caller said nothing. */
  z.object({ kind: z.literal("noInput") }),
  /** Too many failed answers or menu turns: a person takes the call. */
  z.object({ kind: z.literal("escalate"), team: teamSchema }),
  /** The team chosen is closed: its hours in the region, and the keys of this menu's teams open now. */
  z.object({ kind: z.literal("closed"), team: teamSchema, region: regionSchema, open: z.array(z.string()) }),
  /** The team's line could not be reached. */
  z.object({ kind: z.literal("unreachable"), team: teamSchema }),
  /** Something went wrong: the call starts over. */
  z.object({ kind: z.literal("apology") }),
  /**
   * After a closed or unreachable team: a call-back at its next opening `at` (epoch ms), `days` local days away;
   * `unreachable` when the team could not be reached and is open at `at` (the flow's retry spacing after now),
   * which is then no opening. Absent: false.
   */
  z.object({
    kind: z.literal("callbackOffer"),
    team: teamSchema,
    region: regionSchema,
    at: z.number(),
    days: countSchema,
    unreachable: z.boolean().optional(),
  }),
  /** The number keyed in for a call-back is not one the line can call back. */
  z.object({ kind: z.literal("callbackInvalidNumber") }),
  /**
   * The call-back is queued (or was already, `pending`): due from `from` (epoch ms), by `to` when the queue
   * ahead of it spreads it over a window, `days` local days after the call.
   */
  z.object({
    kind: z.literal("callbackRequested"),
    team: teamSchema,
    region: regionSchema,
    from: z.number(),
    to: z.number().optional(),
    days: countSchema,
    pending: z.boolean(),
  }),
]);

/** Something to tell the caller before the next prompt. */
export type Notice = z.infer<typeof noticeSchema>;

/** The transfer the call is making or about to make. */
export const transferTargetSchema = z.object({
  team: teamSchema,
  region: regionSchema,
  /** Index of the number being dialed in the team line's `numbers`. */
  attempt: countSchema,
  /** Message key to say before connecting, e.g. the 988 crisis line notice. */
  announce: z.string().optional(),
  /**
   * Set when the caller asked for an interpreter: the language they asked for (e.g. `vi`), or `other` for any
   * other language. Logs and analytics count interpreter calls by it.
   */
  interpreter: z.string().optional(),
});

/** The transfer the call is making or about to make. */
export type TransferTarget = z.infer<typeof transferTargetSchema>;

/** A call-back the caller may ask for with the flow's key: the team, its region and its next opening. */
export const callbackOfferSchema = z.object({ team: teamSchema, region: regionSchema, at: z.number() });

/**
 * The call-back a call is about: one the caller is asking for (`sealed` holds the number keyed in, encrypted,
 * never in clear), or, on a call the line placed, the queued call-back it returns (`job`).
 */
export const callbackTargetSchema = z.object({
  team: teamSchema,
  region: regionSchema,
  /** The team's next opening when asked for, epoch ms. */
  at: z.number(),
  /** The number keyed in, sealed with the call-back key (AES-256-GCM); absent: the caller's own number. */
  sealed: z.string().optional(),
  /** The call-back this outbound call places. */
  job: z.string().optional(),
});

/** The call-back a call is about. */
export type CallbackTarget = z.infer<typeof callbackTargetSchema>;

/** Whether the next prompt is the whole menu or the short re-prompt. */
export const promptStyleSchema = z.enum(["full", "short"]);

/** Whether the next prompt is the whole menu or the short re-prompt. */
export type PromptStyle = z.infer<typeof promptStyleSchema>;

/** What the call-flow machine remembers between turns. Small and JSON-serialisable. */
export const callContextSchema = z.object({
  /** The caller's region, null until known. */
  region: regionSchema.nullable(),
  /** The language the caller hears. */
  language: z.string(),
  /** Consecutive failed inputs (invalid or silent) in the current menu. */
  failures: countSchema,
  /** Menu inputs handled in this call that did not leave the menus. */
  menuTurns: countSchema,
  /** Transfers that failed (busy, no answer, failed) in this call. */
  failedTransfers: countSchema,
  /** Menu the caller is in, or returns to after a failed transfer. */
  menu: stateIdSchema,
  prompt: promptStyleSchema,
  /** Say the greeting (emergency, TTY, interpreters) before the next prompt. */
  greet: z.boolean(),
  notices: z.array(noticeSchema),
  transfer: transferTargetSchema.nullable(),
  /**
   * The interpreter the caller asked for (a language code, or `other`); every later transfer brings one.
   * Sessions written before interpreters existed read as calls without one.
   */
  interpreter: z.string().nullable().default(null),
  /** The call-back offered by the last notice, which the next answer may take (absent: none ever offered). */
  offer: callbackOfferSchema.nullable().optional(),
  /** The call-back being asked for, or placed (outbound call); absent on calls without one. */
  callback: callbackTargetSchema.nullable().optional(),
  /** False when the caller's number cannot be called back (withheld, or not a US number); absent: it can. */
  callerKnown: z.boolean().optional(),
  /** Clock of the latest event, epoch milliseconds. */
  now: z.number(),
});

/** What the call-flow machine remembers between turns. */
export type CallContext = z.infer<typeof callContextSchema>;

/** The part of a machine snapshot that is persisted between turns: its state and context. */
export const persistedCallSchema = z.object({ value: stateIdSchema, context: callContextSchema });

/** The part of a machine snapshot that is persisted between turns. */
export type PersistedCall = z.infer<typeof persistedCallSchema>;

/** A call's session as stored: its state, the turn counter used to spot retried requests, and its line's version. */
export const sessionRecordSchema = z.object({
  /** The turn number the next request is expected to carry. */
  turn: z.number().int().positive(),
  /** Version of the line (flow + directory) the call started on: it finishes on it. */
  version: z.string().min(1),
  call: persistedCallSchema,
});

/** A call's session as stored. */
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

/** What is left of a call that ended: kept a short while so that a late or replayed request cannot revive it. */
export const endedCallSchema = z.object({ ended: z.literal(true) });

/** What is left of a call that ended. */
export type EndedCall = z.infer<typeof endedCallSchema>;

/** A call's session as a store reads it: in progress, or ended. */
export const storedSessionSchema = z.union([sessionRecordSchema, endedCallSchema]);

/** A call's session as a store reads it: in progress, or ended. */
export type StoredSession = z.infer<typeof storedSessionSchema>;
