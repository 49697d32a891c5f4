import type { Lang } from "../types.js";
import { KEY_WORDS, type KeyedOption, listKeysByName } from "./keyPlaceholders.js";
import type { FlowFile } from "./schema.js";

/**
 * Which keys a text may name: an option's `say` names its own (`own`, as `{key}`); a menu's `prompt` and
 * `shortPrompt` name the menu's options by name (`menu`, as `{key:name}`). Other texts name none this way.
 */
export interface KeySpec {
  readonly own?: string;
  readonly menu?: { readonly id: string; readonly options: readonly KeyedOption[] };
}

/** A placeholder with a reference, e.g. `{key:pharmacy}`. */
const REFERENCE = /\{(\w+):([^{}]*)\}/g;

/**
 * The problems of the key placeholders of one text in one language: a reference this text may not make,
 * a name no option of the menu has in the language, a name two keys share, a key said without its word.
 * `{key}` alone is checked with the text's other placeholders, but in a menu's prompt, which has no key.
 */
export function checkKeyPlaceholders(
  flow: FlowFile,
  where: string,
  lang: Lang,
  text: string,
  spec: KeySpec | undefined,
): string[] {
  const problems: string[] = [];
  const place = `${where}.${lang}`;
  const menu = spec?.menu;
  const names = menu ? listKeysByName(menu.options, lang) : new Map<string, readonly string[]>();
  const choices = [...names].map(([name, keys]) => `${name} (${keys.join(", ")})`).join(", ");
  for (const [token, placeholder, name] of text.matchAll(REFERENCE)) {
    const keys = names.get(name ?? "");
    if (placeholder !== "key" || !menu)
      problems.push(
        spec?.own !== undefined
          ? `${place}: ${token} names another option's key; an option's say names its own, {key} (say the other key in that option's say)`
          : `${place}: unknown placeholder ${token}; only a menu's prompt and shortPrompt name the keys of its options, e.g. {key:pharmacy}`,
      );
    else if (keys === undefined)
      problems.push(`${place}: ${token} names no option of menu ${menu.id} offered in ${lang}; name one of ${choices}`);
    else if (keys.length > 1)
      problems.push(
        `${place}: ${token} is the name of keys ${keys.join(" and ")} in menu ${menu.id} (${lang}); give each of those options a "name" of its own (e.g. "name": "claims") and write {key:claims}`,
      );
    else problems.push(...checkKeyWord(flow, place, keys[0] ?? "", lang));
  }
  if (menu && text.includes("{key}"))
    problems.push(
      `${place}: {key} names no key in a menu's prompt (it has none); name the option, {key:<name>}, one of ${choices}`,
    );
  if (spec?.own !== undefined && text.includes("{key}")) problems.push(...checkKeyWord(flow, place, spec.own, lang));
  return problems;
}

/** The problem of a key said in a language whose word for it (`*` is "star", `#` "pound") the flow does not give. */
export function checkKeyWord(flow: FlowFile, place: string, key: string, lang: Lang): string[] {
  const word = KEY_WORDS[key];
  if (word === undefined || flow.messages[word.message]?.[lang]) return [];
  return [
    `${place}: says key ${key}, which has no word in ${lang}; give it in messages.${word.message}.${lang} (in English "${word.english}")`,
  ];
}

/** The keys the messages say (`{key}`): a `*` or `#` needs its word in every language it is said in. */
export function checkMessageKeys(flow: FlowFile, languages: readonly Lang[], full: readonly Lang[]): string[] {
  const problems: string[] = [];
  const said = (message: string, key: string, saidIn: readonly Lang[]) => {
    for (const lang of saidIn)
      if (flow.messages[message]?.[lang]?.includes("{key}"))
        problems.push(...checkKeyWord(flow, `messages.${message}.${lang}`, key, lang));
  };
  said("interpreterClosed", flow.interpreters.whenClosedKey, languages);
  for (const menu of Object.values(flow.menus)) {
    for (const region of menu.regions ?? []) said("regionOption", region.key, full);
    for (const o of [...menu.options, ...flow.anytime]) {
      if (o.offer) said("languageOption", o.key, o.offer);
      if (o.do.kind === "transfer") said("openOption", o.key, o.languages ?? full);
    }
  }
  return problems;
}
