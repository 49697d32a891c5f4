import type { CompiledOption, Lang } from "../../../service/index.js";
import { KEY_WORDS } from "../../../service/index.js";
import { findKeysInText } from "../findKeysInText.js";
import { type CheckContext, type Finding, listFullLanguagesOf, placeOf } from "./checkContext.js";

/** A text of a menu as written, where it is in the file, and the option it announces (for a `say`). */
interface WrittenText {
  /** Its place in the flow file, e.g. `menus.main.options[2].say`. */
  readonly field: string;
  /** How the finding names it, e.g. `short prompt` or `key 3 say`. */
  readonly part: string;
  readonly text: string | undefined;
  /** The key of the option whose `say` it is. */
  readonly own?: string;
}

/**
 * Errors: a menu's prompt, short prompt or option `say`, in a full language, that names a key of the menu
 * in its own words ("press 3", "press star") instead of a placeholder filled from the option's key
 * (`{key}` in an option's say, `{key:pharmacy}` in a prompt): moving the option to another key would
 * leave the words behind, and callers would press the key of another option. Also a message that is filled
 * with a key (`{key}`) and writes one of the line's keys out. Numbers that name no key (9 1 1, 24 hours,
 * 8 AM) are left alone (`findKeysInText`).
 */
export function findKeysInWords(ctx: CheckContext): Finding[] {
  const { flow, menus, source } = ctx.line.callFlow;
  const file = source?.flowFile ?? "the flow file";
  const findings: Finding[] = [];
  for (const [id, menu] of Object.entries(flow.menus))
    for (const lang of listFullLanguagesOf(ctx)) {
      const offered = (menus.get(id)?.options ?? []).filter((o) => o.languages.includes(lang));
      const says = (o: (typeof flow.anytime)[number], field: string): WrittenText[] =>
        (o.languages ?? [lang]).includes(lang)
          ? [{ field, part: `key ${o.key} say`, text: o.say?.[lang], own: o.key }]
          : [];
      const texts: WrittenText[] = [
        { field: `menus.${id}.prompt`, part: "prompt", text: menu.prompt[lang] },
        { field: `menus.${id}.shortPrompt`, part: "short prompt", text: menu.shortPrompt?.[lang] },
        ...menu.options.flatMap((o, i) => says(o, `menus.${id}.options[${i}] (key ${o.key}).say`)),
        ...(menu.anytime ? flow.anytime.flatMap((o, i) => says(o, `anytime[${i}] (key ${o.key}).say`)) : []),
      ];
      for (const written of texts)
        for (const named of findKeysInText(written.text ?? "", keyWordsIn(ctx, lang))) {
          const options = offered.filter((o) => o.key === named.key);
          if (options.length === 0) continue;
          findings.push({
            rule: "keys-from-options",
            severity: "error",
            where: placeOf(`menu ${id}`, lang, written.part),
            message: `${file}: ${written.field}.${lang} says "${named.written}" in words: ${fixOf(id, written, named.key, options)}`,
          });
        }
    }
  return [...findings, ...findKeysInMessages(ctx, file)];
}

/** What to write instead of a key said in words: the option's own `{key}`, or the other option's `{key:name}`. */
function fixOf(menu: string, written: WrittenText, key: string, options: readonly CompiledOption[]): string {
  const names = [...new Set(options.map((o) => o.name))].join(", ");
  if (written.own === key) return `${key} is this option's own key; write {key}, so the words follow its "key"`;
  if (written.own !== undefined)
    return `${key} is the key of ${names} in menu ${menu}, not of this option (key ${written.own}): a caller who presses it reaches ${names}; say {key} here, and the other key in its own option's say`;
  return `${key} is the key of ${names}; write {key:${names}}, so the words follow the option's "key"`;
}

/**
 * Errors: a message filled with a key (`{key}`: how an option, a region, an open team or the nurse line
 * when interpreters are closed is offered) that also writes out one of the line's keys.
 */
function findKeysInMessages(ctx: CheckContext, file: string): Finding[] {
  const { flow, menus } = ctx.line.callFlow;
  const keys = new Set([...menus.values()].flatMap((m) => m.options.map((o) => o.key)));
  const findings: Finding[] = [];
  for (const [message, texts] of Object.entries(flow.messages)) {
    if (!Object.values(texts).some((t) => t.includes("{key}"))) continue;
    for (const [lang, text] of Object.entries(texts))
      for (const named of findKeysInText(text, keyWordsIn(ctx, lang)).filter((k) => keys.has(k.key)))
        findings.push({
          rule: "keys-from-options",
          severity: "error",
          where: placeOf(`messages.${message}`, lang),
          message: `${file}: messages.${message}.${lang} says "${named.written}" in words, a key of the line: write {key}, which is filled with the key of the option it offers`,
        });
  }
  return findings;
}

/** The flow's words for the keys that are not digits in a language, e.g. `{"*": "star"}`. */
function keyWordsIn(ctx: CheckContext, lang: Lang): Record<string, string> {
  const { messages } = ctx.line.callFlow.flow;
  return Object.fromEntries(
    Object.entries(KEY_WORDS).flatMap(([key, { message }]) => {
      const word = messages[message]?.[lang];
      return word ? [[key, word]] : [];
    }),
  );
}
