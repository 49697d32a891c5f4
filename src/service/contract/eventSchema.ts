import { z } from "zod";

/** Version of the event record; raised when a field changes meaning or goes away (new fields do not raise it). */
export const EVENT_VERSION = 1;

/** Messages of the lines that are events: one per turn, and one when Twilio reports the call over. */
export const EVENT_MESSAGES = ["turn", "call ended"] as const;

/** What happened in a turn, or `STATUS` for the end of the call. */
export const EVENT_KINDS = ["INCOMING", "KEY", "SPEECH", "SILENCE", "DIAL_RESULT", "STATUS"] as const;

/** What a caller's answer in a menu did. */
export const INPUT_KINDS = ["chose", "invalid", "silent"] as const;

/** How a turn went. */
export const TURN_RESULTS = ["started", "advanced", "replayed", "restarted", "ended"] as const;

/** `DialCallStatus` values. */
export const DIAL_STATUSES = ["completed", "answered", "busy", "no-answer", "failed", "canceled"] as const;

const id = z.string().min(1).max(64);
const epochMs = z.number().int().min(0);

/**
 * The event record of a call: the lines the service logs with `msg` `turn` (one per webhook turn) and
 * `call ended` (Twilio's status callback), read by `npm run report`. Personal data stays out: no phone
 * number (only `inbound`, the dialed line's region, and `callerKey`, a keyed hash), no words said (only
 * the option they matched and a confidence band). Fields the pino logger adds (`level`, `service`) and
 * fields added later without a new `v` are allowed.
 */
export const eventSchema = z
  .looseObject({
    msg: z.enum(EVENT_MESSAGES).describe('"turn" for a webhook turn, "call ended" for the status callback.'),
    v: z.literal(EVENT_VERSION).describe("Version of this record's shape."),
    time: epochMs.describe("When it happened: the line's clock, epoch milliseconds."),
    callSid: z
      .string()
      .regex(/^CA[0-9a-fA-F]{32}$/)
      .describe("Twilio's Call SID: the call every line of it shares."),
    event: z
      .enum(EVENT_KINDS)
      .describe(
        "INCOMING (the call came in), KEY, SPEECH, SILENCE (no answer at a menu), DIAL_RESULT (a transfer's outcome), STATUS (call ended).",
      ),
    turn: z.number().int().min(0).optional().describe("Turn: its number in the call (1 for the incoming call)."),
    result: z
      .enum(TURN_RESULTS)
      .optional()
      .describe(
        "Turn: started (a new call), advanced, replayed (a retried request answered again; count it once), restarted (a call the line no longer knew starts over) or ended (a completed transfer of a call the line no longer knew).",
      ),
    inbound: z
      .string()
      .optional()
      .describe('Turn: label of the dialed number: its region, or "unknown". Never the number.'),
    callerKey: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .optional()
      .describe(
        "Turn (first of a call: started or restarted): HMAC-SHA256 of the caller's E.164 number keyed with ANALYTICS_SALT, 32 hex digits. Absent without a salt or a number.",
      ),
    region: id.nullable().optional().describe("Turn: the caller's region, null until known."),
    language: z.string().optional().describe("Turn: the language the caller hears, e.g. en."),
    utcOffset: z
      .number()
      .int()
      .optional()
      .describe(
        "Turn: minutes the region's local time is ahead of UTC at `time` (-420 for PDT), when the region is known.",
      ),
    from: id.nullable().optional().describe("Turn: the state before it (a menu id, transfer), null for a new call."),
    state: id.optional().describe("Turn: the state after it: a menu id, transfer, ended (transferred) or goodbye."),
    input: z
      .enum(INPUT_KINDS)
      .optional()
      .describe("Turn at a menu: chose (an option), invalid (a key or words that are no option) or silent."),
    key: z.string().optional().describe("KEY: the keys pressed (never in a sensitive menu)."),
    option: z
      .string()
      .optional()
      .describe('Turn that chose: the option, e.g. "3 pharmacy" (never in a sensitive menu).'),
    via: z.enum(["key", "speech"]).optional().describe("Turn that chose: whether by key or by speech."),
    confidence: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("SPEECH: the recogniser's confidence. The words are never logged."),
    band: z
      .enum(["high", "medium", "low"])
      .optional()
      .describe("SPEECH: high (≥ 0.8), medium, or low (below the flow's minConfidence: taken as no answer)."),
    closed: id.optional().describe("Turn: the team the caller chose while it was closed (they heard its hours)."),
    team: id.optional().describe("Turn ending in transfer: the team being dialed."),
    attempt: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Turn ending in transfer: which of the team's numbers (0 = first)."),
    dialStatus: z.enum(DIAL_STATUSES).optional().describe("DIAL_RESULT: Twilio's DialCallStatus."),
    dialTeam: id.optional().describe("DIAL_RESULT: the team whose dial this is the outcome of."),
    dialAttempt: z.number().int().min(0).optional().describe("DIAL_RESULT: which of that team's numbers was dialed."),
    ending: z
      .enum(["transferred", "goodbye", "abandoned"])
      .optional()
      .describe(
        "How the call ended: transferred or goodbye on the turn that ends it; abandoned on `call ended` when the caller hung up before the line was done (in a menu or while being transferred).",
      ),
    lastState: id
      .optional()
      .describe("call ended, abandoned: the state the caller hung up in (a menu id, or transfer)."),
    notices: z
      .array(z.string())
      .optional()
      .describe(
        "Turn: what the caller is told before the next prompt: invalid, noInput, escalate, closed, unreachable, apology.",
      ),
    failures: z.number().int().min(0).optional().describe("Turn: failed answers in a row in the current menu."),
    callStatus: z.string().optional().describe("call ended: Twilio's CallStatus, e.g. completed."),
    duration: z.number().int().min(0).optional().describe("call ended: Twilio's CallDuration, seconds."),
    ms: z.number().min(0).optional().describe("Turn: how long the line took to answer, milliseconds."),
  })
  .describe(
    "One event of a call, one JSON line of the service's log: `turn` for each webhook turn, `call ended` for Twilio's status callback. No phone number and no words said are ever in it. Read by `npm run report`.",
  )
  .superRefine((e, ctx) => {
    const need = (field: keyof typeof e, when: string) => {
      if (e[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: `is required on ${when}` });
    };
    if (e.msg === "turn") {
      for (const field of ["turn", "result", "inbound", "state"] as const) need(field, "turn lines");
      if (e.event === "STATUS") ctx.addIssue({ code: "custom", path: ["event"], message: "STATUS is not a turn" });
    } else {
      need("callStatus", "call ended lines");
      if (e.event !== "STATUS") ctx.addIssue({ code: "custom", path: ["event"], message: "must be STATUS" });
    }
  });

/** One event of a call, as logged. */
export type CallEvent = z.infer<typeof eventSchema>;
