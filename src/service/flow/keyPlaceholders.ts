import { assertNever } from "../assertNever.js";
import type { Lang } from "../types.js";
import { listFullLanguages } from "./languages.js";
import type { OptionAction } from "./optionAction.js";
import type { FlowFile, FlowMenu, FlowOption } from "./schema.js";

/**
 * The placeholders that name keys, so a prompt can never say a key its option does not have:
 * `{key}` in an option's `say` is the option's own key; `{key:pharmacy}` in a menu's `prompt` or
 * `shortPrompt` is the key of the menu's option named `pharmacy` (`nameOption`). Moving an option to
 * another key moves every word that names it.
 */
export const KEY_PLACEHOLDER = /\{key(?::([^{}]*))?\}/g;

/** The messages that give the word callers hear for a key that is not a digit, with the English word. */
export const KEY_WORDS: Readonly<Record<string, { readonly message: string; readonly english: string }>> = {
  "*": { message: "keyStar", english: "star" },
  "#": { message: "keyPound", english: "pound" },
};

/** An option as a menu's prompts refer to it: its name, its key, and the languages it is offered in. */
export interface KeyedOption {
  readonly name: string;
  readonly key: string;
  readonly languages: readonly Lang[];
}

/**
 * The name a menu's prompts refer to an option by (`{key:name}`): the team it transfers to, the menu it
 * leads to, the region it chooses, the language it switches to or asks an interpreter for
 * (`interpreter` when it names none), or `repeat`.
 */
export function nameOption(action: OptionAction): string {
  switch (action.kind) {
    case "transfer":
      return action.team;
    case "menu":
      return action.menu;
    case "language":
      return action.language;
    case "interpreter":
      return action.language ?? "interpreter";
    case "region":
      return action.region;
    case "repeat":
      return "repeat";
    default:
      return assertNever(action);
  }
}

/** The name a menu's prompts refer to an option of the flow by: its own `name`, or what it does (`nameOption`). */
export function nameOf(option: FlowOption): string {
  return option.name ?? nameOption(option.do);
}

/** Every option a menu of the flow offers, as its prompts refer to it: its regions, its options, the anytime ones. */
export function listKeyedOptions(flow: FlowFile, menu: FlowMenu): KeyedOption[] {
  const full = listFullLanguages(flow);
  const regions = (menu.kind === "regions" ? (menu.regions ?? []) : []).map(
    (entry): KeyedOption => ({ name: entry.region, key: entry.key, languages: full }),
  );
  const options = [...menu.options, ...(menu.anytime ? flow.anytime : [])].map(
    (o): KeyedOption => ({ name: nameOf(o), key: o.key, languages: o.languages ?? full }),
  );
  return [...regions, ...options];
}

/** The keys of the options offered in a language, by name (one name may have several keys: an error `check` names). */
export function listKeysByName(options: readonly KeyedOption[], lang: Lang): ReadonlyMap<string, readonly string[]> {
  const keys = new Map<string, string[]>();
  for (const o of options.filter((option) => option.languages.includes(lang))) {
    const known = keys.get(o.name) ?? [];
    if (!known.includes(o.key)) keys.set(o.name, [...known, o.key]);
  }
  return keys;
}

/** The word callers hear for a key in a language: the digit itself, or the flow's word for `*` and `#`. */
export function speakKey(flow: FlowFile, key: string, lang: Lang): string {
  const word = KEY_WORDS[key];
  return word === undefined ? key : (flow.messages[word.message]?.[lang] ?? key);
}

/**
 * Fills the key placeholders of a text: `{key}` with `own` (the option's own key), `{key:name}` with the
 * key of the option of that name, each as callers hear it (`speakKey`). A placeholder that names nothing
 * (or names an option by two keys) is left as written: the loader refuses such a flow.
 */
export function fillKeys(
  flow: FlowFile,
  text: string,
  lang: Lang,
  own: string | undefined,
  keysByName: ReadonlyMap<string, readonly string[]> = new Map(),
): string {
  return text.replace(KEY_PLACEHOLDER, (whole, name: string | undefined) => {
    const keys = name === undefined ? (own === undefined ? [] : [own]) : (keysByName.get(name) ?? []);
    const [key] = keys;
    return keys.length === 1 && key !== undefined ? speakKey(flow, key, lang) : whole;
  });
}
