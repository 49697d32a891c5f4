import type { CompiledOption, Lang } from "../../../service/index.js";
import { findLine, formatAction, formatOption, INTERPRETER_CLOSED, matchOption } from "../../../service/index.js";
import {
  type CheckContext,
  type Finding,
  listFullLanguagesOf,
  listMenuLanguages,
  listMenus,
  placeOf,
} from "./checkContext.js";

/** Most choices a menu should read out: callers forget the first of a longer list. */
export const MAX_CHOICES = 5;

/**
 * Errors: a menu, in a language it is spoken in, where 0 does not put the caller through to a person: the
 * representative or who takes over when it is closed, or, with an interpreter, the interpreters' team
 * where it is dialed on the representative's own numbers in every region.
 */
export function findMenusWithoutPerson(ctx: CheckContext): Finding[] {
  const { flow } = ctx.line.callFlow;
  const people = [flow.representative.team, flow.representative.whenClosed];
  const interpreterPeople = people.includes(flow.interpreters.team) || sameLineEverywhere(ctx);
  const findings: Finding[] = [];
  for (const [id, menu] of listMenus(ctx))
    for (const language of listMenuLanguages(ctx, id)) {
      const zero = matchOption(menu, language, { type: "KEY", digits: "0", now: 0 }, flow.speech.minConfidence);
      const where = placeOf(`menu ${id}`, language, "key 0");
      if (!zero)
        findings.push({
          rule: "zero-to-person",
          severity: "error",
          where,
          message:
            id === INTERPRETER_CLOSED
              ? `0 is not an option of menu ${id} in ${language}: callers must reach a person with 0 in every menu, and this one, generated from the flow's "interpreters", offers ${flow.interpreters.whenClosedKey} (${flow.interpreters.whenClosed}) and no "anytime" option: it must take 0 too (src/service/flow/compileMenus.ts)`
              : `0 is not an option of menu ${id} in ${language}: callers must reach a person with 0 in every menu (an "anytime" option 0 that transfers to ${flow.representative.team})`,
        });
      else if (zero.action.kind === "interpreter" && !interpreterPeople)
        findings.push({
          rule: "zero-to-person",
          severity: "error",
          where,
          message: `0 chooses "${formatOption(zero.identity)}" in menu ${id} (${language}): it puts callers through to ${flow.interpreters.team}, which is not the line of ${flow.representative.team} in every region: make 0 transfer to ${flow.representative.team}`,
        });
      else if (
        zero.action.kind !== "interpreter" &&
        (zero.action.kind !== "transfer" || !people.includes(zero.action.team))
      )
        findings.push({
          rule: "zero-to-person",
          severity: "error",
          where,
          message: `0 chooses "${formatOption(zero.identity)}" in menu ${id} (${language}), not a person: make 0 transfer to ${flow.representative.team}`,
        });
    }
  return findings;
}

/**
 * Errors: an option offered in one full language and missing in another, or a key that does different
 * things in two full languages (the language switch itself aside: each language offers the others).
 * Interpreter languages hear no menu of the flow: the loader checks that each has its own lines.
 */
export function findLanguageGaps(ctx: CheckContext): Finding[] {
  const languages = listFullLanguagesOf(ctx);
  const findings: Finding[] = [];
  for (const [id, menu] of listMenus(ctx)) {
    const keys = [...new Set(menu.options.map((o) => o.key))];
    for (const key of keys) {
      const does = new Map<Lang, string>();
      for (const language of languages) {
        const option = menu.options.find((o) => o.key === key && o.languages.includes(language));
        if (option) does.set(language, actionOf(option));
      }
      const missing = languages.filter((l) => !does.has(l));
      const where = placeOf(`menu ${id}`, `key ${key}`);
      if (missing.length > 0 && does.size > 0)
        findings.push({
          rule: "language-parity",
          severity: "error",
          where,
          message: `key ${key} (${[...does.values()][0]}) is offered in ${[...does.keys()].join(", ")} but not in ${missing.join(", ")}: offer it in every full language (its "languages" and "say")`,
        });
      else if (new Set(does.values()).size > 1)
        findings.push({
          rule: "language-parity",
          severity: "error",
          where,
          message: `key ${key} does different things by language: ${[...does].map(([l, d]) => `${l} ${d}`).join(", ")}`,
        });
    }
  }
  return findings;
}

/** What a menu reads out as a place to go: a team (with an interpreter too), another menu, a region. */
const PLACES: ReadonlySet<string> = new Set(["transfer", "interpreter", "menu", "region"]);

/**
 * Warnings: a menu that reads out more than `MAX_CHOICES` places to go (teams, interpreters, menus,
 * regions) in the caller's language. Offers of other languages, each said in its own language and voice
 * (`offer`), are left aside as the language switch is: a caller listens for their own language there.
 */
export function findLongMenus(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const [id, menu] of listMenus(ctx))
    for (const language of listMenuLanguages(ctx, id)) {
      const choices = menu.options.filter(
        (o) =>
          o.languages.includes(language) &&
          PLACES.has(o.action.kind) &&
          (o.offers === undefined || o.offers.includes(language)),
      );
      if (choices.length > MAX_CHOICES)
        findings.push({
          rule: "menu-length",
          severity: "warning",
          where: placeOf(`menu ${id}`, language),
          message: `${choices.length} choices (${choices.map((o) => o.key).join(", ")}): callers remember about ${MAX_CHOICES}; group some behind a submenu`,
        });
    }
  return findings;
}

/** Whether the interpreters' team is dialed on the representative's numbers in every region. */
function sameLineEverywhere(ctx: CheckContext): boolean {
  const { directory, flow } = ctx.line.callFlow;
  const numbers = (region: string, team: string) =>
    (findLine(directory, region, team)?.numbers ?? []).map((n) => n.e164).join(",");
  return directory.regions.every(
    (r) =>
      numbers(r.id, flow.interpreters.team) !== "" &&
      numbers(r.id, flow.interpreters.team) === numbers(r.id, flow.representative.team),
  );
}

/** What an option does, for comparing languages: the language switch counts as one thing. */
function actionOf(option: CompiledOption): string {
  return option.action.kind === "language" ? "another language" : formatAction(option.identity.action);
}
