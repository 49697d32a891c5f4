import { z } from "zod";
import { dialStatusSchema, E164_PATTERN } from "../../service/index.js";

/**
 * A moment of a case, in ISO 8601: `2026-12-02T10:00` is the wall-clock time of the region dialed (its time
 * zone, daylight saving included); with an offset or Z (`2026-12-02T10:00:00-08:00`) it is that instant.
 */
export const MOMENT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/;

/** A wall-clock time without a zone, as a case's call-back is due: `2026-12-07T08:00`. */
const WALL_CLOCK_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * What the caller does at the line's menus, in order: a key (`3`, `*`, `#`), words said (`say:pharmacy`),
 * silence (`silence`) or speech that chooses nothing (`no-match`).
 */
export const CASE_INPUT_PATTERN = /^([0-9*#]|say:.*\S.*|silence|no-match)$/;

/** The dial results a case can give a transfer: those of `npm run call -- --dial`. */
export const caseDialSchema = dialStatusSchema.exclude(["answered", "canceled"]);

const languageField = z.string().min(1).describe("The caller's language at the end, e.g. en.");
const closedField = z
  .string()
  .min(1)
  .optional()
  .describe("The team the caller was last told is closed during the call (its closed notice), when one was.");

/** Where a case must end: what `npm run flow -- test --update` writes from the current line. */
export const expectationSchema = z.discriminatedUnion("ends", [
  z
    .strictObject({
      ends: z.literal("transfer"),
      team: z.string().min(1).describe("The team the caller is put through to."),
      number: z.string().nullable().describe("The number dialed, E.164."),
      closed: closedField,
      language: languageField,
    })
    .describe("The call is put through to a team."),
  z
    .strictObject({
      ends: z.literal("menu"),
      menu: z.string().min(1).describe("The menu the caller is left in when the inputs run out."),
      closed: closedField,
      language: languageField,
    })
    .describe("The inputs ran out at a menu."),
  z
    .strictObject({ ends: z.literal("goodbye"), closed: closedField, language: languageField })
    .describe("The line said goodbye and hung up."),
  z
    .strictObject({
      ends: z.literal("callback"),
      team: z.string().min(1).describe("The team that calls back."),
      due: z
        .string()
        .regex(WALL_CLOCK_PATTERN, "must be a local date and time like 2026-12-07T08:00")
        .describe(
          "When the call-back is due at the earliest, the wall-clock time of the caller's region: the team's next " +
            "opening, or the retry spacing after a failed transfer (the queue may promise a later window).",
        ),
      closed: closedField,
      language: languageField,
    })
    .describe("The caller asked for a call-back, confirmed it, and the line said goodbye."),
  z.strictObject({ ends: z.literal("loop") }).describe("The line went on without ever needing an input."),
]);

/** Where a case must end. */
export type Expectation = z.infer<typeof expectationSchema>;

/** One journey of the line's own cases, and where it must end. */
export const caseSchema = z
  .strictObject({
    name: z.string().trim().min(1).describe("What the case is about, unique in the file."),
    region: z.string().min(1).optional().describe("The region whose first inbound number is dialed."),
    to: z
      .string()
      .regex(E164_PATTERN, "must be a phone number in E.164 form, e.g. +15035550100")
      .optional()
      .describe("Or the number dialed (one no region owns reaches the region menu)."),
    at: z
      .string()
      .regex(
        MOMENT_PATTERN,
        "must be a date and time like 2026-12-02T10:00 (the region's local time) or with an offset",
      )
      .describe("When the call comes in: the local time of the region dialed, or with an offset or Z an instant."),
    inputs: z
      .array(
        z
          .string()
          .regex(CASE_INPUT_PATTERN, 'must be a key (0-9, *, #), "say:WORDS", "silence" or "no-match"')
          .describe("A key, say:WORDS, silence or no-match."),
      )
      .default([])
      .describe("What the caller does at the line's menus, in order."),
    dial: z
      .array(caseDialSchema)
      .default([])
      .describe("How the transfers end, in order (completed when none is left)."),
    expect: expectationSchema.optional().describe("Where the case must end; npm run flow -- test --update writes it."),
  })
  .refine((c) => (c.region === undefined) !== (c.to === undefined), {
    message: 'give "region" or "to" (one of them)',
    path: ["region"],
  });

/** One case as read. */
export type LineCase = z.infer<typeof caseSchema>;

/** A cases file: `flows/member-line.cases.json` beside `flows/member-line.json`. */
export const casesFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    cases: z.array(caseSchema).describe("The journeys, in the order they are run and reported."),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.cases.forEach((c, i) => {
      if (seen.has(c.name))
        ctx.addIssue({
          code: "custom",
          path: ["cases", i, "name"],
          message: `"${c.name}" is the name of another case`,
        });
      seen.add(c.name);
    });
  });

/** A cases file as read. */
export type CasesFile = z.infer<typeof casesFileSchema>;
