import type { CompiledOption } from "../../flow/compileMenus.js";
import { matchOption } from "../../flow/matchOption.js";
import type { Lang } from "../../types.js";
import { type CheckContext, type Finding, placeOf } from "./checkContext.js";

/** Most choices a menu should read out: callers forget the first of a longer list. */
export const MAX_CHOICES = 5;

/** Errors: a menu, in some language, where 0 does not put the caller through to a person. */
export function findMenusWithoutPerson(ctx: CheckContext): Finding[] {
  const { flow, menus } = ctx.line.callFlow;
  const people = [flow.representative.team, flow.representative.whenClosed];
  const findings: Finding[] = [];
  for (const [id, menu] of menus)
    for (const language of languagesOf(ctx)) {
      const zero = matchOption(menu, language, { type: "KEY", digits: "0", now: 0 }, flow.speech.minConfidence);
      const where = placeOf(`menu ${id}`, language, "key 0");
      if (!zero)
        findings.push({
          rule: "zero-to-person",
          severity: "error",
          where,
          message: `0 is not an option of menu ${id} in ${language}: callers must reach a person with 0 in every menu (an "anytime" option 0 that transfers to ${flow.representative.team})`,
        });
      else if (zero.action.kind !== "transfer" || !people.includes(zero.action.team))
        findings.push({
          rule: "zero-to-person",
          severity: "error",
          where,
          message: `0 chooses "${zero.label}" in menu ${id} (${language}), not a person: make 0 transfer to ${flow.representative.team}`,
        });
    }
  return findings;
}

/**
 * Errors: an option offered in one language and missing in another, or a key that does different
 * things in two languages (the language switch itself aside: each language offers the others).
 */
export function findLanguageGaps(ctx: CheckContext): Finding[] {
  const languages = languagesOf(ctx);
  const findings: Finding[] = [];
  for (const [id, menu] of ctx.line.callFlow.menus) {
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
          message: `key ${key} (${[...does.values()][0]}) is offered in ${[...does.keys()].join(", ")} but not in ${missing.join(", ")}: offer it in every language (its "languages" and "say")`,
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

/** Warnings: a menu that reads out more than `MAX_CHOICES` places to go (teams, menus, regions). */
export function findLongMenus(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const [id, menu] of ctx.line.callFlow.menus)
    for (const language of languagesOf(ctx)) {
      const choices = menu.options.filter(
        (o) => o.languages.includes(language) && ["transfer", "menu", "region"].includes(o.action.kind),
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

function languagesOf(ctx: CheckContext): Lang[] {
  return Object.keys(ctx.line.callFlow.flow.languages);
}

/** What an option does, for comparing languages: the language switch counts as one thing. */
function actionOf(option: CompiledOption): string {
  return option.action.kind === "language" ? "another language" : option.label.slice(option.key.length + 1);
}
