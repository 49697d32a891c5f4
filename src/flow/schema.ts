import { z } from "zod";
import { idSchema } from "../idSchema.js";

/** A key on the phone's keypad. */
const keySchema = z.string().regex(/^[0-9*#]$/, "must be one keypad key: 0-9, * or #");

/** Text per language; which languages are required is checked against the flow's `languages`. */
const textSchema = z
  .record(z.string().min(2), z.string().min(1))
  .describe('Text per language code, e.g. {"en": "…", "es": "…"}.');

/** Words a caller may say for an option, per language. */
const speechSchema = z.record(z.string().min(2), z.array(z.string().min(1)).min(1));

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
        language: z.string().min(2).describe("Language every later prompt uses."),
      })
      .strict(),
    z.object({ kind: z.literal("repeat") }).strict(),
  ],
  { error: () => 'unknown action: "kind" must be one of "transfer", "menu", "language", "repeat"' },
);

/** One choice of a menu. */
export const optionSchema = z
  .object({
    key: keySchema,
    say: textSchema.describe('How the option is announced, per language, e.g. "For pharmacy, press 3."'),
    speech: speechSchema.optional().describe("Words that choose this option when said, per language."),
    languages: z.array(z.string().min(2)).min(1).optional().describe("Offer the option only in these languages."),
    sayIn: z
      .string()
      .min(2)
      .optional()
      .describe(
        'Speak `say` with this language\'s voice, e.g. the Spanish offer "Para español, oprima 9" in the English menu.',
      ),
    do: actionSchema,
  })
  .strict();

const menuSchema = z
  .object({
    kind: z
      .enum(["options", "regions"])
      .default("options")
      .describe("`regions` lists the directory's regions as options 1-9."),
    prompt: textSchema.describe("Said before the options."),
    shortPrompt: textSchema.describe("Said instead of the whole menu after an invalid or missing answer."),
    options: z.array(optionSchema).default([]),
    sensitive: z.boolean().default(false).describe("Never log what is entered here."),
  })
  .strict();

const voiceSchema = z
  .object({
    language: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, "must be a BCP-47 tag like en-US"),
    voice: z.string().min(1).describe("A Twilio <Say> voice, e.g. Polly.Joanna-Neural."),
  })
  .strict();

/** Messages every flow must define (more may be added for `announce`). */
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
] as const;

/** Schema of a call-flow file in `flows/`. */
export const flowFileSchema = z
  .object({
    $schema: z.string().optional(),
    id: idSchema,
    description: z.string().optional(),
    languages: z
      .record(z.string().min(2), voiceSchema)
      .refine((l) => Object.keys(l).length > 0, "list at least one language"),
    defaultLanguage: z.string().min(2),
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
    teams: z.record(idSchema, z.object({ name: textSchema }).strict()).describe("How each team is named to callers."),
    messages: z.record(idSchema, textSchema),
    anytime: z.array(optionSchema).default([]).describe("Options offered in every menu, e.g. 0 for a representative."),
    menus: z.record(idSchema, menuSchema),
  })
  .strict();

/** A flow file as written, after schema validation. */
export type FlowFile = z.infer<typeof flowFileSchema>;
/** One option of a menu. */
export type FlowOption = z.infer<typeof optionSchema>;
/** What an option does. */
export type FlowAction = z.infer<typeof actionSchema>;
