import { z } from "zod";
import { idSchema } from "../idSchema.js";
import { callbackSettingsSchema } from "./callbackSchema.js";
import { midSentenceSchema } from "./midSentenceSchema.js";

/** A key on the phone's keypad. */
const keySchema = z.string().regex(/^[0-9*#]$/, "must be one keypad key: 0-9, * or #");

/** A language code of the flow: ISO 639, two or three lower-case letters (e.g. `en`, `vi`, `cmn`, `yue`). */
export const langSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, "must be an ISO 639 language code of 2 or 3 lower-case letters, e.g. vi or cmn");

/** A record keyed by language code, whose key errors say what a code must be. */
function byLanguage<T extends z.ZodType>(value: T) {
  return z.record(langSchema, value, {
    error: (issue) =>
      issue.code === "invalid_key"
        ? `"${String(issue.input)}" is not a language code: use ISO 639, 2 or 3 lower-case letters, e.g. vi or cmn`
        : undefined,
  });
}

/**
 * One line the caller hears in one language: the text, or the text with its review status. Translations
 * are written `{"text": "…", "reviewed": false}` until a qualified translator signs them off.
 */
const lineSchema = z
  .union([
    z.string().min(1),
    z
      .object({
        text: z.string().min(1),
        reviewed: z.boolean().describe("Signed off by a qualified translator."),
        note: z.string().min(1).optional().describe("For the reviewer, e.g. what the line means in English."),
      })
      .strict(),
  ])
  .transform((line) => (typeof line === "string" ? line : line.text));

/** Text per language; which languages are required is checked against the flow's `languages`. */
const textSchema = byLanguage(lineSchema).describe(
  'Text per language code, e.g. {"en": "…", "es": {"text": "…", "reviewed": false}}.',
);

/** Words a caller may say for an option, per language. */
const speechSchema = byLanguage(z.array(z.string().min(1)).min(1));

/** What choosing an option does, told apart by `kind`. */
export const actionSchema = z.discriminatedUnion(
  "kind",
  [
    z
      .object({
        kind: z.literal("transfer"),
        team: idSchema.describe("Team from the directory, e.g. pharmacy."),
        announce: idSchema.optional().describe("Message key said before connecting, e.g. crisisLine."),
      })
      .strict(),
    z.object({ kind: z.literal("menu"), menu: idSchema.describe("Menu to go to.") }).strict(),
    z
      .object({
        kind: z.literal("language"),
        language: langSchema.describe(
          "A `full` language: every later prompt uses it; the caller goes back to their first menu.",
        ),
      })
      .strict(),
    z
      .object({
        kind: z.literal("interpreter"),
        language: langSchema
          .optional()
          .describe("Language the caller asked for; omitted for any other language (recorded as `other`)."),
      })
      .strict()
      .describe("Transfer to `interpreters.team` with an interpreter, in the caller's language."),
    z.object({ kind: z.literal("repeat") }).strict(),
  ],
  { error: () => 'unknown action: "kind" must be one of "transfer", "menu", "language", "interpreter", "repeat"' },
);

/** One choice of a menu. */
export const optionSchema = z
  .object({
    key: keySchema,
    name: idSchema
      .optional()
      .describe(
        "How the menu's prompts name the option's key, `{key:name}`; default: the team it transfers to, the menu, " +
          "region or language it leads to, `interpreter` or `repeat`. Give one when two options lead to the same place.",
      ),
    say: textSchema
      .optional()
      .describe(
        "How the option is announced, per language, its key written `{key}` (filled from `key`, so the words " +
          'follow the key), e.g. "For pharmacy, press {key}." Give `say` or `offer`.',
      ),
    offer: z
      .array(langSchema)
      .min(1)
      .optional()
      .describe(
        "Announce the option with each listed language's `languageOption` message, in that language's own voice " +
          '(e.g. "Para español, oprima 9."), instead of `say`.',
      ),
    speech: speechSchema.optional().describe("Words that choose this option when said, per language."),
    languages: z
      .array(langSchema)
      .min(1)
      .optional()
      .describe("Offer the option only to callers in these languages (default: every full language)."),
    do: actionSchema,
  })
  .strict();

/** A region of the directory as the region menu offers it: its key and the words callers hear and say. */
const regionEntrySchema = z
  .object({
    region: idSchema.describe("Region id in the directory."),
    key: keySchema.describe("Key that chooses it; keep it when regions are added, callers learn it."),
    name: textSchema.describe("How the region is named to callers, per language."),
    speech: speechSchema.optional().describe("Words that choose the region when said, per language."),
  })
  .strict();

const menuSchema = z
  .object({
    kind: z
      .enum(["options", "regions"])
      .default("options")
      .describe("`regions` also offers the directory's regions, as listed in `regions`."),
    prompt: textSchema.describe(
      "Said before the options. A key it names is written `{key:name}`, filled from the key of the option of that " +
        "name: the team it transfers to, the menu, region or language it leads to, `interpreter`, or `repeat`.",
    ),
    shortPrompt: textSchema
      .optional()
      .describe(
        "Said instead of the whole menu after an invalid or missing answer, each key written `{key:name}` as in " +
          '`prompt`, e.g. "Press {key:pharmacy} for pharmacy, or {key:representative} for a representative." ' +
          "Without it the whole menu is said again (for menus whose options are in several languages).",
      ),
    options: z.array(optionSchema).default([]),
    regions: z.array(regionEntrySchema).optional().describe("The regions of a `regions` menu, with their keys."),
    anytime: z.boolean().default(true).describe("Also offer the flow's `anytime` options in this menu."),
    silence: keySchema
      .optional()
      .describe("Key of the option that silence chooses (instead of counting it as a failed answer)."),
    sensitive: z.boolean().default(false).describe("Never log what is entered here."),
  })
  .strict();

const languageSchema = z
  .object({
    label: z.string().min(1).describe("The language's English name, for people reading logs and reports."),
    support: z
      .enum(["full", "interpreter"])
      .describe(
        "`full`: every prompt is translated and the caller can run the whole line in it. `interpreter`: only " +
          "the language menu line, the hand-off to an interpreter, the closed notice and the goodbye.",
      ),
    language: z.string().min(2).describe("Twilio <Say> language, e.g. en-US, cmn-CN, yue-HK, fil-PH."),
    voice: z.string().min(1).describe("Twilio <Say> voice for that language, e.g. Polly.Joanna-Neural."),
    speech: z
      .string()
      .min(2)
      .optional()
      .describe("Twilio <Gather> speech language, e.g. en-US or cmn-Hans-CN; omitted: keys only in this language."),
    locale: z.string().min(2).describe("Locale that formats days, times and time zones (Intl), e.g. vi-VN."),
    midSentence: midSentenceSchema.optional(),
  })
  .strict();

/** Messages every full language defines (more may be added for `announce`). */
export const REQUIRED_MESSAGES = [
  "greeting",
  "invalid",
  "noInput",
  "escalate",
  "transferring",
  "closed",
  "openAlternatives",
  "unreachable",
  "goodbye",
  "apology",
  "regionOption",
  "openOption",
  "languageOption",
  "interpreterHold",
  "interpreterClosed",
  "hoursAlways",
  "hoursDays",
  "hoursWindow",
  "hoursZone",
] as const;

/**
 * Messages an `interpreter` language defines: its line in the language menu, the hand-off to an interpreter,
 * the notice when the interpreters' team is closed or unreachable (with the hours, so also the words of
 * hours), and the goodbye when no line could be reached. Nothing else is ever said in it.
 */
export const INTERPRETER_MESSAGES = [
  "languageOption",
  "interpreterHold",
  "interpreterClosed",
  "goodbye",
  "hoursAlways",
  "hoursDays",
  "hoursWindow",
  "hoursZone",
] as const;

/** Schema of a call-flow file in `flows/`. */
export const flowFileSchema = z
  .object({
    $schema: z.string().optional(),
    id: idSchema,
    description: z.string().optional(),
    languages: byLanguage(languageSchema)
      .refine((l) => Object.keys(l).length > 0, "list at least one language")
      .describe("Every language the line speaks, by code, with its Twilio voice and how much of the line it covers."),
    defaultLanguage: langSchema.describe("A full language callers start in."),
    start: idSchema.describe("Menu a caller whose region is known starts in."),
    regionMenu: idSchema.describe("Menu a caller whose dialed number maps to no region starts in (kind: regions)."),
    speech: z
      .object({
        enabled: z.boolean().describe("Also listen for speech in menus (Twilio bills speech recognition)."),
        minConfidence: z.number().min(0).max(1).describe("Below this Confidence, speech counts as a failed answer."),
        model: z.string().min(1).optional().describe("Twilio speechModel, e.g. phone_call."),
      })
      .strict(),
    gather: z
      .object({
        timeoutSeconds: z.number().int().min(1).max(30),
        speechTimeout: z.union([z.literal("auto"), z.number().int().min(1).max(30)]).default("auto"),
      })
      .strict(),
    dial: z.object({ timeoutSeconds: z.number().int().min(5).max(600) }).strict(),
    limits: z
      .object({
        maxFailures: z
          .number()
          .int()
          .min(1)
          .max(10)
          .describe("Failed answers in a row before a representative takes the call."),
        maxMenuTurns: z
          .number()
          .int()
          .min(2)
          .max(100)
          .describe("Menu answers in one call before a representative takes it."),
        maxFailedTransfers: z
          .number()
          .int()
          .min(1)
          .max(10)
          .describe("Failed transfers in one call before saying goodbye."),
      })
      .strict(),
    representative: z
      .object({
        team: idSchema.describe("Team that takes callers who ask for a person or keep failing."),
        whenClosed: idSchema.describe("Team open around the clock that takes them when the representative is closed."),
      })
      .strict(),
    interpreters: z
      .object({
        team: idSchema.describe("Team that takes callers who ask for an interpreter, e.g. memberServices."),
        whenClosed: idSchema.describe(
          "Team open around the clock offered when `team` is closed or cannot be reached, e.g. nurseAdvice.",
        ),
        whenClosedKey: keySchema.describe("Key that chooses `whenClosed` (staying on the line chooses it too)."),
      })
      .strict(),
    teams: z.record(idSchema, z.object({ name: textSchema }).strict()).describe("How each team is named to callers."),
    messages: z
      .record(idSchema, textSchema)
      .describe(
        "Every line callers hear, by key. `keyStar` and `keyPound` are the words for the keys * and # (e.g. " +
          '"star", "asterisco"), in every language a prompt says them in.',
      ),
    anytime: z.array(optionSchema).default([]).describe("Options offered in every menu, e.g. 0 for a representative."),
    menus: z.record(idSchema, menuSchema),
    callbacks: callbackSettingsSchema
      .optional()
      .describe("Call-backs at the next opening of a team that is closed or cannot be reached; none without it."),
  })
  .strict();

/** A flow file as written, after schema validation. */
export type FlowFile = z.infer<typeof flowFileSchema>;
/** One option of a menu. */
export type FlowOption = z.infer<typeof optionSchema>;
/** What an option does. */
export type FlowAction = z.infer<typeof actionSchema>;
/** How a language is spoken and how much of the line it covers. */
export type FlowLanguage = z.infer<typeof languageSchema>;
/** One menu of the flow. */
export type FlowMenu = z.infer<typeof menuSchema>;
