import { z } from "zod";
import { assertNever } from "../assertNever.js";
import { idSchema } from "../idSchema.js";
import { stateIdSchema } from "./stateIds.js";

/** A language code of the flow (`en`, `vi`, `cmn`), or `other` for an interpreter in a language the flow does not list. */
const languageSchema = z.string().min(2).max(8);

/** What a transfer records as `interpreter` when the caller asked for a language the flow does not list. */
export const OTHER_LANGUAGE = "other";

/**
 * What an option does, in the few fields that tell one option's effect from another's: where it leads (a
 * team, a menu, a region), which language it switches to, which interpreter it asks for. How it is said
 * (`announce`, the words) is left out: two options that lead to the same place do the same thing.
 */
export const actionIdentitySchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("transfer"), team: idSchema.describe("The team it transfers to.") }),
  z.strictObject({ kind: z.literal("menu"), menu: stateIdSchema.describe("The menu it goes to.") }),
  z.strictObject({ kind: z.literal("language"), language: languageSchema.describe("The language it switches to.") }),
  z.strictObject({
    kind: z.literal("interpreter"),
    language: languageSchema.describe(`The interpreter's language, or "${OTHER_LANGUAGE}".`),
  }),
  z.strictObject({ kind: z.literal("region"), region: idSchema.describe("The region it chooses.") }),
  z.strictObject({ kind: z.literal("repeat") }),
]);

/** What an option does. */
export type ActionIdentity = z.infer<typeof actionIdentitySchema>;

/** An option of a menu: the menu, the key that chooses it, and what it does. */
export const optionIdentitySchema = z
  .strictObject({
    menu: stateIdSchema.describe("The menu the option is in."),
    key: z
      .string()
      .regex(/^[0-9*#]$/)
      .describe("The key that chooses it."),
    action: actionIdentitySchema,
  })
  .describe('An option of a menu, e.g. {"menu":"main","key":"3","action":{"kind":"transfer","team":"pharmacy"}}.');

/** An option of a menu, as data. */
export type OptionIdentity = z.infer<typeof optionIdentitySchema>;

/** Whether two actions do the same thing. */
export function isSameAction(a: ActionIdentity, b: ActionIdentity): boolean {
  switch (a.kind) {
    case "transfer":
      return b.kind === a.kind && b.team === a.team;
    case "menu":
      return b.kind === a.kind && b.menu === a.menu;
    case "language":
    case "interpreter":
      return b.kind === a.kind && b.language === a.language;
    case "region":
      return b.kind === a.kind && b.region === a.region;
    case "repeat":
      return b.kind === a.kind;
    default:
      return assertNever(a);
  }
}

/** What an action does, for people: `pharmacy`, `menu billing`, `language es`, `interpreter vi`, `colorado`, `repeat`. */
export function formatAction(action: ActionIdentity): string {
  switch (action.kind) {
    case "transfer":
      return action.team;
    case "menu":
      return `menu ${action.menu}`;
    case "language":
      return `language ${action.language}`;
    case "interpreter":
      return `interpreter ${action.language}`;
    case "region":
      return action.region;
    case "repeat":
      return "repeat";
    default:
      return assertNever(action);
  }
}

/** An option for people, its key first: `3 pharmacy`, `9 language es`. Built when printed; never read back. */
export function formatOption(option: OptionIdentity): string {
  return `${option.key} ${formatAction(option.action)}`;
}
