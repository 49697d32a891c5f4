import { z } from "zod";
import { assertNever } from "../assertNever.js";
import { readJsonFile } from "../config/readJsonFile.js";
import { failWith } from "../errors.js";
import type { Directory, Lang } from "../types.js";
import { listFullLanguages } from "./languages.js";
import { INTERPRETER_CLOSED } from "./machine/deps.js";
import { type FlowFile, type FlowOption, flowFileSchema, INTERPRETER_MESSAGES, REQUIRED_MESSAGES } from "./schema.js";
import { findVoiceLanguage, isGatherLanguage, listVoicesFor } from "./twilioVoices.js";

/** The placeholders a message may use (`allowed`) and must use (`needed`); other texts take none. */
const MESSAGE_PLACEHOLDERS: Readonly<Record<string, { allowed: readonly string[]; needed: readonly string[] }>> = {
  escalate: { allowed: ["team"], needed: [] },
  transferring: { allowed: ["team"], needed: [] },
  unreachable: { allowed: ["team"], needed: [] },
  closed: { allowed: ["team", "hours"], needed: ["hours"] },
  openAlternatives: { allowed: ["options"], needed: ["options"] },
  openOption: { allowed: ["team", "key"], needed: ["key"] },
  regionOption: { allowed: ["region", "key"], needed: ["region", "key"] },
  languageOption: { allowed: ["key"], needed: ["key"] },
  interpreterClosed: { allowed: ["hours", "key"], needed: ["hours", "key"] },
  hoursDays: { allowed: ["first", "last"], needed: ["first", "last"] },
  hoursWindow: { allowed: ["days", "open", "close"], needed: ["days", "open", "close"] },
  hoursZone: { allowed: ["windows", "zone"], needed: ["windows", "zone"] },
};
const NO_PLACEHOLDERS = { allowed: [], needed: [] } as const;

/** Reads and validates a flow file against its schema and the directory it routes into. */
export function loadFlow(file: string, directory: Directory): FlowFile {
  return parseFlow(readJsonFile(file), file, directory);
}

/** Validates flow JSON already in memory; `file` is only used in messages. */
export function parseFlow(json: unknown, file: string, directory: Directory): FlowFile {
  const parsed = flowFileSchema.safeParse(json);
  if (!parsed.success) failWith(file, [nameOptionKeys(z.prettifyError(parsed.error), json)]);
  const problems = checkFlow(parsed.data, directory);
  if (problems.length > 0)
    failWith(
      file,
      problems.map((p) => nameOptionKeys(p, json)),
    );
  return parsed.data;
}

/**
 * Names an option by the key callers press beside its place in the file, e.g.
 * `menus.main.options[2] (key 3)`, so the option is found at a glance.
 */
function nameOptionKeys(message: string, json: unknown): string {
  const flow = json as { menus?: Record<string, { options?: unknown[] }>; anytime?: unknown[] } | null;
  const keyAt = (options: unknown[] | undefined, index: string) => {
    const key = (options?.[Number(index)] as { key?: unknown } | undefined)?.key;
    return typeof key === "string" ? key : undefined;
  };
  return message
    .replace(/menus\.(\w+)\.options\[(\d+)\]/g, (place, menu: string, index: string) => {
      const key = keyAt(flow?.menus?.[menu]?.options, index);
      return key === undefined ? place : `${place} (key ${key})`;
    })
    .replace(/\banytime\[(\d+)\]/g, (place, index: string) => {
      const key = keyAt(flow?.anytime, index);
      return key === undefined ? place : `${place} (key ${key})`;
    });
}

/**
 * Cross-checks a schema-valid flow: voices and languages against Twilio's lists, translations (every
 * prompt in every full language, the interpreter lines in every interpreter language), references, keys,
 * and routes into the directory. Returns every problem found, each naming the field and the fix.
 */
export function checkFlow(flow: FlowFile, directory: Directory): string[] {
  const problems: string[] = [];
  const languages = Object.keys(flow.languages);
  const full = listFullLanguages(flow);
  const list = (items: readonly string[]) => items.join(", ");
  const isFull = (lang: string) => full.includes(lang);

  const text = (
    where: string,
    value: Readonly<Record<string, string>>,
    required: readonly Lang[] = full,
    placeholders: { readonly allowed: readonly string[]; readonly needed: readonly string[] } = NO_PLACEHOLDERS,
  ) => {
    for (const lang of required)
      if (!value[lang])
        problems.push(`${where}.${lang}: missing translation; every prompt needs ${list(full)} (the full languages)`);
    for (const [lang, t] of Object.entries(value)) {
      if (!languages.includes(lang)) {
        problems.push(`${where}.${lang}: "${lang}" is not one of languages (${list(languages)})`);
        continue;
      }
      for (const m of t.matchAll(/\{(\w+)\}/g))
        if (!placeholders.allowed.includes(m[1] as string))
          problems.push(
            placeholders.allowed.length === 0
              ? `${where}.${lang}: unknown placeholder {${m[1]}}; this text takes no placeholders`
              : `${where}.${lang}: unknown placeholder {${m[1]}}; use ${placeholders.allowed.map((p) => `{${p}}`).join(", ")}`,
          );
      for (const name of placeholders.needed)
        if (!t.includes(`{${name}}`)) problems.push(`${where}.${lang}: must say {${name}}, the caller needs it`);
    }
  };
  const team = (where: string, id: string) => {
    if (!directory.teams.includes(id))
      problems.push(`${where}: team "${id}" is not in ${directory.file} teams (${list(directory.teams)})`);
    if (!flow.teams[id]) problems.push(`${where}: team "${id}" has no entry in teams (how callers hear its name)`);
  };
  const openAroundTheClock = (where: string, id: string) => {
    for (const region of directory.regions) {
      const line = region.teams.get(id);
      if (line && !(line.hours.always && line.hours.closures.size === 0))
        problems.push(
          `${where}: "${id}" is not open around the clock in ${region.id}; choose a team whose hours are always open`,
        );
    }
  };
  const language = (where: string, lang: string) => {
    if (!languages.includes(lang)) {
      problems.push(`${where}: "${lang}" is not one of languages (${list(languages)})`);
      return false;
    }
    return true;
  };

  // Languages: Twilio voices, speech recognition and formatting locales.
  for (const [code, l] of Object.entries(flow.languages)) {
    const spoken = findVoiceLanguage(l.voice);
    if (spoken === undefined)
      problems.push(
        `languages.${code}.voice: "${l.voice}" is not a Twilio <Say> voice of src/service/flow/twilioVoices.ts; voices for ${l.language}: ${list(listVoicesFor(l.language)) || "none listed"}`,
      );
    else if (spoken !== l.language)
      problems.push(`languages.${code}.language: Twilio speaks ${l.voice} in ${spoken}, not ${l.language}`);
    if (l.speech !== undefined && !isGatherLanguage(l.speech))
      problems.push(
        `languages.${code}.speech: Twilio's <Gather> does not recognise speech in "${l.speech}" (src/service/flow/twilioVoices.ts); remove it to take keys only`,
      );
    if (!isLocale(l.locale))
      problems.push(`languages.${code}.locale: "${l.locale}" is not a locale Intl can format in, e.g. ${l.language}`);
  }
  if (!languages.includes(flow.defaultLanguage))
    problems.push(`defaultLanguage: "${flow.defaultLanguage}" is not one of languages (${list(languages)})`);
  else if (!isFull(flow.defaultLanguage))
    problems.push(`defaultLanguage: "${flow.defaultLanguage}" must be a full language (support: full)`);

  // Messages: all of them in every full language; the interpreter lines in every interpreter language.
  for (const key of REQUIRED_MESSAGES)
    if (!flow.messages[key]) problems.push(`messages.${key}: missing; every flow needs it`);
  for (const [key, value] of Object.entries(flow.messages))
    text(`messages.${key}`, value, full, MESSAGE_PLACEHOLDERS[key] ?? NO_PLACEHOLDERS);
  for (const lang of languages.filter((l) => !isFull(l)))
    for (const key of INTERPRETER_MESSAGES)
      if (flow.messages[key] && !flow.messages[key][lang])
        problems.push(
          `messages.${key}.${lang}: missing; ${lang} (support: interpreter) needs ${list(INTERPRETER_MESSAGES)}`,
        );
  for (const [id, t] of Object.entries(flow.teams)) text(`teams.${id}.name`, t.name);

  team("representative.team", flow.representative.team);
  team("representative.whenClosed", flow.representative.whenClosed);
  openAroundTheClock("representative.whenClosed", flow.representative.whenClosed);
  team("interpreters.team", flow.interpreters.team);
  team("interpreters.whenClosed", flow.interpreters.whenClosed);
  openAroundTheClock("interpreters.whenClosed", flow.interpreters.whenClosed);

  for (const ref of ["start", "regionMenu"] as const)
    if (!flow.menus[flow[ref]]) problems.push(`${ref}: menu "${flow[ref]}" is not defined in menus`);
  if (flow.menus[flow.regionMenu] && flow.menus[flow.regionMenu]?.kind !== "regions")
    problems.push(`menus.${flow.regionMenu}.kind: the region menu must have kind "regions"`);

  const checkOption = (where: string, option: FlowOption) => {
    const offered = option.languages ?? full;
    for (const lang of option.languages ?? [])
      if (language(`${where}.languages`, lang) && !isFull(lang))
        problems.push(
          `${where}.languages: "${lang}" is an interpreter language; its callers never hear a menu (make it full first)`,
        );
    if (option.say === undefined && option.offer === undefined)
      problems.push(`${where}: give say (the words per language) or offer (languages announcing it)`);
    if (option.say !== undefined && option.offer !== undefined) problems.push(`${where}: give say or offer, not both`);
    if (option.say !== undefined) text(`${where}.say`, option.say, offered.filter(isFull));
    option.offer?.forEach((lang, i) => {
      language(`${where}.offer[${i}]`, lang);
    });
    for (const lang of Object.keys(option.speech ?? {})) language(`${where}.speech.${lang}`, lang);
    const action = option.do;
    switch (action.kind) {
      case "transfer":
        team(`${where}.do.team`, action.team);
        if (action.announce && !flow.messages[action.announce])
          problems.push(`${where}.do.announce: message "${action.announce}" is not defined in messages`);
        break;
      case "menu":
        if (!flow.menus[action.menu]) problems.push(`${where}.do.menu: menu "${action.menu}" is not defined in menus`);
        break;
      case "language":
        if (language(`${where}.do.language`, action.language) && !isFull(action.language))
          problems.push(
            `${where}.do.language: "${action.language}" is an interpreter language; choose it with {"kind": "interpreter", "language": "${action.language}"}`,
          );
        break;
      case "interpreter":
        if (action.language !== undefined) language(`${where}.do.language`, action.language);
        break;
      case "repeat":
        break;
      default:
        assertNever(action);
    }
  };
  flow.anytime.forEach((o, i) => {
    checkOption(`anytime[${i}]`, o);
  });

  for (const [id, menu] of Object.entries(flow.menus)) {
    if (id === INTERPRETER_CLOSED)
      problems.push(`menus.${id}: the name is taken by the menu generated from interpreters; rename this menu`);
    text(`menus.${id}.prompt`, menu.prompt);
    if (menu.shortPrompt) text(`menus.${id}.shortPrompt`, menu.shortPrompt);
    menu.options.forEach((o, i) => {
      checkOption(`menus.${id}.options[${i}]`, o);
    });
    const regionKeys = menu.kind === "regions" ? checkRegions(id, menu.regions, directory, problems, text) : [];
    if (menu.kind !== "regions" && menu.regions)
      problems.push(`menus.${id}.regions: only a menu of kind "regions" lists regions`);
    const options = [...menu.options, ...(menu.anytime ? flow.anytime : [])];
    for (const lang of full) {
      const keys = [...regionKeys, ...options.filter((o) => (o.languages ?? full).includes(lang)).map((o) => o.key)];
      const dup = keys.find((k, i) => keys.indexOf(k) !== i);
      if (dup !== undefined)
        problems.push(`menus.${id}: key ${dup} is used twice in ${lang} (anytime options and region keys count too)`);
    }
    if (menu.silence !== undefined && !options.some((o) => o.key === menu.silence))
      problems.push(`menus.${id}.silence: no option of this menu has key ${menu.silence}`);
  }
  return problems;
}

/**
 * Checks the regions of a region menu against the directory: every region listed once, with its own key
 * (so a region added later never renumbers the keys callers know) and its name in every full language.
 * Returns the keys the regions use.
 */
function checkRegions(
  id: string,
  regions: FlowFile["menus"][string]["regions"],
  directory: Directory,
  problems: string[],
  text: (where: string, value: Readonly<Record<string, string>>) => void,
): string[] {
  const entries = regions ?? [];
  if (regions === undefined) problems.push(`menus.${id}.regions: a menu of kind "regions" lists the regions`);
  entries.forEach((entry, i) => {
    const where = `menus.${id}.regions[${i}]`;
    if (!directory.regionById.has(entry.region))
      problems.push(
        `${where}.region: "${entry.region}" is not a region of ${directory.file} (${directory.regions.map((r) => r.id).join(", ")})`,
      );
    if (entries.findIndex((e) => e.region === entry.region) !== i)
      problems.push(`${where}.region: "${entry.region}" is listed twice`);
    text(`${where}.name`, entry.name);
  });
  if (regions !== undefined)
    for (const region of directory.regions)
      if (!entries.some((e) => e.region === region.id))
        problems.push(
          `menus.${id}.regions: region "${region.id}" of ${directory.file} has no key; add {"region": "${region.id}", "key": …, "name": …} with a key no region uses`,
        );
  return entries.map((e) => e.key);
}

/** Whether Intl formats dates in this locale (and not only in a fallback). */
function isLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}
