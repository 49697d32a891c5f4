import { z } from "zod";
import { dialStatusSchema } from "./dialStatus.js";
import { optionIdentitySchema } from "./optionIdentity.js";
import { endingSchema, stateIdSchema } from "./stateIds.js";

/**
 * Version of the event record; raised when a field changes meaning or goes away (new fields do not raise it).
 * 2: `option` is the option as data (`{menu, key, action}`), no longer a label such as `"3 pharmacy"`.
 */
export const EVENT_VERSION = 2;

/** Messages of the lines that are events: one per turn, and one when Twilio reports the call over. */
export const EVENT_MESSAGES = ["turn", "call ended", "callback"] as const;

/** What happened in a turn. */
export const turnEventKindSchema = z.enum(["INCOMING", "KEY", "SPEECH", "SILENCE", "DIAL_RESULT"]);

/** What a caller's answer in a menu did. */
export const inputKindSchema = z.enum(["chose", "invalid", "silent"]);

/** How a caller chose an option. */
export const inputChannelSchema = z.enum(["key", "speech"]);

/** How a caller chose an option. */
export type InputChannel = z.infer<typeof inputChannelSchema>;

/** How a turn went. */
export const turnResultSchema = z.enum(["started", "advanced", "replayed", "restarted", "ended"]);

/** How a turn went: the call started, moved, was answered again, started over, or was over. */
export type TurnResult = z.infer<typeof turnResultSchema>;

/** Why a call started over. */
export const restartReasonSchema = z.enum(["no session", "recovery", "version unavailable"]);

/** Why a call started over. */
export type RestartReason = z.infer<typeof restartReasonSchema>;

/** How sure the speech recogniser was, in three bands the report can count. */
export const confidenceBandSchema = z.enum(["high", "medium", "low"]);

/** How sure the speech recogniser was. */
export type ConfidenceBand = z.infer<typeof confidenceBandSchema>;

const id = z.string().min(1).max(64);
const count = z.number().int().min(0);
const epochMs = count;
const callSid = z
  .string()
  .regex(/^CA[0-9a-fA-F]{32}$/)
  .describe("Twilio's Call SID: the call every line of it shares.");
const version = z.literal(EVENT_VERSION).describe("Version of this record's shape (see EVENT_VERSION).");
const time = epochMs.describe("When it happened: the line's clock, epoch milliseconds.");

/**
 * What happened to a call-back: offered (after a closed or unreachable notice), requested (queued), pending
 * (asked again while one is queued: nothing changed), placed (the line called the member), answered (the
 * member picked up), connected (the team's transfer, with its DialCallStatus), retried (not answered: tried
 * again later), given up (no more tries, or not placed in time), cancelled (the member reached the team
 * first, or an operator cancelled it).
 */
export const callbackStepSchema = z.enum([
  "offered",
  "requested",
  "pending",
  "placed",
  "answered",
  "connected",
  "retried",
  "given up",
  "cancelled",
]);

/** What happened to a call-back. */
export type CallbackStep = z.infer<typeof callbackStepSchema>;

/** A call-back step as a record carries it: never the number, at most its last digits. */
export const callbackFactsSchema = z.strictObject({
  step: callbackStepSchema,
  team: id.describe("The team that calls back."),
  region: id.describe("The region whose team and inbound number are used."),
  language: z.string().optional().describe("The language the member is called back in."),
  id: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional()
    .describe("The call-back's id: a keyed hash of the number and the team (never the number)."),
  due: epochMs.optional().describe("requested, pending, retried: when it is due, epoch ms (the line's clock)."),
  dueBy: epochMs.optional().describe("requested, pending: the end of the window promised, when the queue spreads it."),
  attempt: count.optional().describe("placed, retried, given up: the try (1 = first)."),
  callStatus: z.string().optional().describe("retried, given up: Twilio's CallStatus of the outbound call."),
  dialStatus: dialStatusSchema.optional().describe("connected: the transfer's DialCallStatus."),
  reason: z.string().optional().describe("given up, cancelled: why."),
  lastDigits: z
    .string()
    .regex(/^\d{2,4}$/)
    .optional()
    .describe("requested: the last digits of the number to call back, as the caller heard them."),
});

/** A call-back step as a record carries it. */
export type CallbackFacts = z.infer<typeof callbackFactsSchema>;

/**
 * The record of one webhook turn, as the service writes it (`describeTurn`): every field it may write,
 * nothing else. Personal data stays out: no phone number (only `inbound`, the dialed line's region, and
 * `callerKey`, a keyed hash), no words said (only the option they matched and a confidence band).
 */
export const turnRecordSchema = z.strictObject({
  v: version,
  time,
  version: z.string().min(1).describe("Version of the line (flow and directory) the call is on."),
  callSid,
  turn: count.describe("Its number in the call (1 for the incoming call)."),
  result: turnResultSchema.describe(
    "started (a new call), advanced, replayed (a retried request answered again; count it once), restarted (a call the line no longer knew starts over) or ended (a completed transfer of a call the line no longer knew).",
  ),
  reason: restartReasonSchema.optional().describe("restarted: why the call started over."),
  event: turnEventKindSchema.describe(
    "INCOMING (the call came in), KEY, SPEECH, SILENCE (no answer at a menu), DIAL_RESULT (a transfer's outcome).",
  ),
  inbound: z.string().min(1).describe('Label of the dialed number: its region, or "unknown". Never the number.'),
  callerKey: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional()
    .describe(
      "First turn of a call (started or restarted): HMAC-SHA256 of the caller's E.164 number keyed with ANALYTICS_SALT, 32 hex digits. Absent without a salt or a number.",
    ),
  region: id.nullable().describe("The caller's region, null until known."),
  language: z.string().optional().describe("The language the caller hears, e.g. en."),
  utcOffset: z
    .number()
    .int()
    .optional()
    .describe("Minutes the region's local time is ahead of UTC at `time` (-420 for PDT), when the region is known."),
  from: stateIdSchema.nullable().describe("The state before it (a menu id, transfer), null for a new call."),
  state: stateIdSchema.describe("The state after it: a menu id, transfer, ended (transferred) or goodbye."),
  input: inputKindSchema
    .optional()
    .describe("At a menu: chose (an option), invalid (a key or words that are no option) or silent."),
  key: z.string().optional().describe("KEY: the keys pressed (never in a sensitive menu)."),
  option: optionIdentitySchema
    .optional()
    .describe(
      'A turn that chose: the option, as data: its menu, key and action, e.g. {"menu":"main","key":"3","action":{"kind":"transfer","team":"pharmacy"}} (never in a sensitive menu).',
    ),
  via: inputChannelSchema.optional().describe("A turn that chose: whether by key or by speech."),
  confidence: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe("SPEECH: the recogniser's confidence. The words are never logged."),
  band: confidenceBandSchema
    .optional()
    .describe("SPEECH: high (≥ 0.8), medium, or low (below the flow's minConfidence: taken as no answer)."),
  closed: id.optional().describe("The team the caller chose while it was closed (they heard its hours)."),
  team: id.optional().describe("Ending in transfer: the team being dialed."),
  attempt: count.optional().describe("Ending in transfer: which of the team's numbers (0 = first)."),
  interpreter: z
    .string()
    .min(2)
    .optional()
    .describe(
      "Ending in transfer of a caller who asked for an interpreter: the language they chose (e.g. vi), or other.",
    ),
  dialStatus: dialStatusSchema.optional().describe("DIAL_RESULT: Twilio's DialCallStatus."),
  dialTeam: id.optional().describe("DIAL_RESULT: the team whose dial this is the outcome of."),
  dialAttempt: count.optional().describe("DIAL_RESULT: which of that team's numbers was dialed."),
  ending: endingSchema
    .extract(["transferred", "goodbye"])
    .optional()
    .describe("The turn that ends the call: transferred or goodbye."),
  notices: z
    .array(z.string())
    .optional()
    .describe(
      "What the caller is told before the next prompt: invalid, noInput, escalate, closed, unreachable, apology.",
    ),
  failures: count.optional().describe("Failed answers in a row in the current menu."),
  callback: callbackFactsSchema
    .optional()
    .describe("A call-back step of this turn: offered, requested, pending, answered, connected or cancelled."),
  ms: z.number().min(0).describe("How long the line took to answer, milliseconds."),
});

/** The record of one turn, as the service writes it. */
export type TurnRecord = z.infer<typeof turnRecordSchema>;

/** The record of the end of a call (Twilio's status callback), as the service writes it (`endCall`). */
export const callEndedRecordSchema = z.strictObject({
  v: version,
  time,
  callSid,
  event: z.literal("STATUS").describe("STATUS: Twilio reported the call over."),
  callStatus: z.string().min(1).describe("Twilio's CallStatus, e.g. completed."),
  duration: count.optional().describe("Twilio's CallDuration, seconds."),
  ending: endingSchema
    .extract(["abandoned"])
    .optional()
    .describe("abandoned: the caller hung up before the line was done (in a menu or while being transferred)."),
  lastState: stateIdSchema.optional().describe("abandoned: the state the caller hung up in (a menu id, or transfer)."),
  region: id
    .nullable()
    .optional()
    .describe("The caller's region when the line knew the call (null until known): abandoned calls counted by region."),
});

/** The record of the end of a call, as the service writes it. */
export type CallEndedRecord = z.infer<typeof callEndedRecordSchema>;

/**
 * The record of a call-back step outside a caller's turn (the queue's worker placed it, Twilio reported the
 * outbound call's outcome, an operator cancelled it), as the service writes it. Never the number.
 */
export const callbackRecordSchema = z.strictObject({
  v: version,
  time,
  callSid: callSid.optional().describe("The outbound call, once placed."),
  ...callbackFactsSchema.shape,
});

/** The record of a call-back step outside a caller's turn. */
export type CallbackRecord = z.infer<typeof callbackRecordSchema>;

/** Fields the service's logger adds to every line. */
const loggerFields = {
  level: z.number().int().optional().describe("The logger's level (30: info)."),
  service: z.string().optional().describe("The service that wrote the line: member-line."),
};

/** A turn line of the log: the turn record, its message and the logger's fields. Strict: nothing else. */
export const turnEventSchema = turnRecordSchema.extend({
  msg: z.literal("turn").describe("A webhook turn."),
  ...loggerFields,
});

/** A call-ended line of the log: the record, its message and the logger's fields. Strict: nothing else. */
export const callEndedEventSchema = callEndedRecordSchema.extend({
  msg: z.literal("call ended").describe("Twilio's status callback: the call is over."),
  ...loggerFields,
});

/** A call-back line of the log: the record, its message and the logger's fields. Strict: nothing else. */
export const callbackEventSchema = callbackRecordSchema.extend({
  msg: z.literal("callback").describe("A call-back step outside a caller's turn."),
  ...loggerFields,
});

const EVENT_DESCRIPTION =
  "One event of a call, one JSON line of the service's log: `turn` for each webhook turn, `call ended` for Twilio's status callback, `callback` for a call-back step outside a turn. No phone number and no words said are ever in it. Read by `npm run report` and `npm run flow -- replay`.";

/** An event line exactly as the service writes it: a turn or the end of a call, and not one field more. */
export const eventSchema = z
  .discriminatedUnion("msg", [turnEventSchema, callEndedEventSchema, callbackEventSchema])
  .describe(EVENT_DESCRIPTION);

/** An event line as the service writes it. */
export type CallEvent = z.infer<typeof eventSchema>;

/** A turn line of the log, as written. */
export type TurnEvent = z.infer<typeof turnEventSchema>;

/** A turn line as a reader takes it: every field of `turnEventSchema`, and any field added later. */
export const looseTurnEventSchema = z.looseObject(turnEventSchema.shape);

/**
 * An event line as readers of logs take it: the fields of `eventSchema`, each checked, and any field added
 * later without a new `v`, kept as it is.
 */
export const looseEventSchema = z
  .discriminatedUnion("msg", [
    looseTurnEventSchema,
    z.looseObject(callEndedEventSchema.shape),
    z.looseObject(callbackEventSchema.shape),
  ])
  .describe(`${EVENT_DESCRIPTION} Fields added later without a new \`v\` are allowed.`);

/** An event line as a reader of logs takes it. */
export type LoggedEvent = z.infer<typeof looseEventSchema>;

/** A turn line as a reader of logs takes it. */
export type LoggedTurn = z.infer<typeof looseTurnEventSchema>;
