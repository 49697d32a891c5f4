import { isValidPhoneNumber } from "libphonenumber-js/max";
import { z } from "zod";
import { idSchema } from "../idSchema.js";
import { E164_PATTERN } from "../phone.js";

/**
 * E.164 phone number (`+`, country code, digits only) that is a valid number of its country by
 * libphonenumber's full metadata (toll-free and other number types included): a digit too few or
 * too many, or an area code that does not exist, is refused.
 */
export const e164Schema = z
  .string()
  .regex(E164_PATTERN, "must be E.164, e.g. +18009720700 (a plus sign, country code, digits only)")
  // Only E.164-shaped values are checked here, so a malformed one gets the message above alone.
  .refine((n) => !E164_PATTERN.test(n) || isValidPhoneNumber(n), {
    error:
      "is not a valid phone number of its country (a digit missing or extra, or a wrong area code?); copy it from the source",
  });

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be HH:MM in 24-hour time, e.g. 08:00");

const dateSchema = z.iso.date({ error: "must be a date YYYY-MM-DD" });

const weekdaySchema = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);

const languageTextSchema = z.record(z.string().min(2), z.string().min(1));

/** A number as the sources give it, with the sentence it was taken from. */
const numberSchema = z
  .object({
    number: e164Schema,
    source: z.string().min(1).describe("Key in `sources` of the document this number came from."),
    quote: z
      .string()
      .min(1)
      .describe("The source's own words giving this number; one of the phone numbers in it must be this number."),
    needsVerification: z
      .string()
      .min(1)
      .optional()
      .describe("Why this number needs checking, e.g. the sources disagree."),
  })
  .strict();

const ownLineSchema = z
  .object({
    numbers: z.array(numberSchema).min(1, "list at least one number, or use routeTo"),
    hours: z.string().min(1).describe("Key of a schedule in `schedules`."),
  })
  .strict();

const routedLineSchema = z
  .object({
    routeTo: idSchema.describe("Team of the same region whose line takes these calls."),
    why: z.string().min(1).describe("Why the region has no number of its own for this team."),
    hours: z.string().min(1).optional().describe("Key of a schedule; defaults to the routed-to team's hours."),
  })
  .strict();

const scheduleSchema = z
  .object({
    always: z.literal(true).optional(),
    weekly: z
      .array(z.object({ days: z.array(weekdaySchema).min(1), open: timeSchema, close: timeSchema }).strict())
      .optional(),
    closures: z.array(z.object({ date: dateSchema, name: z.string().min(1) }).strict()).default([]),
    source: z.string().min(1).optional(),
    assumption: z.string().min(1).optional().describe("What is assumed here and must be confirmed with the plan."),
  })
  .strict()
  .refine((s) => (s.always === true) !== (s.weekly !== undefined), {
    message: "give either `always: true` or `weekly` windows, not both and not neither",
  });

const regionSchema = z
  .object({
    id: idSchema,
    name: languageTextSchema,
    timeZone: z.string().refine(isTimeZone, "must be an IANA time zone, e.g. America/Los_Angeles"),
    inbound: z.array(e164Schema).min(1, "list the Twilio number(s) callers of this region dial"),
    teams: z.record(idSchema, z.union([ownLineSchema, routedLineSchema])),
  })
  .strict();

/** Schema of `data/directory.json`. */
export const directoryFileSchema = z
  .object({
    $schema: z.string().optional(),
    teams: z.array(idSchema).min(1),
    sources: z.record(z.string().min(1), z.object({ seed: z.string().min(1), title: z.string().min(1) }).strict()),
    schedules: z.record(idSchema, scheduleSchema),
    unknownRegion: z
      .object({
        representativeRegion: idSchema.describe("Region whose representative takes callers who choose no region."),
        why: z.string().min(1),
      })
      .strict(),
    regions: z.array(regionSchema).min(1),
  })
  .strict();

/** The directory file as written, after validation. */
export type DirectoryFile = z.infer<typeof directoryFileSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
