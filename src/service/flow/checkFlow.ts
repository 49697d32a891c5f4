import { assertNever } from "../assertNever.js";
import { INTERPRETER_CLOSED, isNonMenuState } from "../contract/stateIds.js";
import type { Directory, Lang } from "../types.js";
import { CALLBACK_PLACEHOLDERS } from "./callbackSchema.js";
import { checkCallbacks } from "./checkCallbacks.js";
import { checkKeyPlaceholders, checkMessageKeys, type KeySpec } from "./checkKeys.js";
import { listKeyedOptions } from "./keyPlaceholders.js";
import { listFullLanguages } from "./languages.js";
import { checkMidSentence } from "./midSentenceSchema.js";
import {
  type FlowAction,
  type FlowFile,
  type FlowMenu,
  type FlowOption,
  INTERPRETER_MESSAGES,
  REQUIRED_MESSAGES,
} from "./schema.js";
import { findVoiceLanguage, isGatherLanguage, listVoicesFor } from "./twilioVoices.js";

/** The placeholders a message may use (`allowed`) and must use (`needed`); other texts take none. */
const MESSAGE_PLACEHOLDERS: Readonly<Record<string, Placeholders>> = {
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
  ...CALLBACK_PLACEHOLDERS,
};
const NO_PLACEHOLDERS: Placeholders = { allowed: [], needed: [] };

/** What the cross-checks of a flow read, and where they write what they find. */
interface FlowCheck {
  readonly flow: FlowFile;
  /** The directory the flow routes into; undefined when it does not load (what depends on it is skipped). */
  readonly directory: Directory | undefined;
  /** Every language of the flow, and the full ones (`support: "full"`). */
  readonly languages: readonly Lang[];
  readonly full: readonly Lang[];
  readonly problems: string[];
}

/** The placeholders a text may use (`allowed`) and must use (`needed`). */
interface Placeholders {
  readonly allowed: readonly string[];
  readonly needed: readonly string[];
  /** The keys the text names (`checkKeyPlaceholders`): an option's own, or its menu's options by name. */
  readonly keys?: KeySpec;
}

/**
 * Cross-checks a schema-valid flow: voices and languages against Twilio's lists, translations (every
 * prompt in every full language, the interpreter lines in every interpreter language), references, keys,
 * and routes into the directory (when there is one). Returns every problem found, each naming the field
 * and the fix.
 */
export function checkFlow(flow: FlowFile, directory: Directory | undefined): string[] {
  const c: FlowCheck = {
    flow,
    directory,
    languages: Object.keys(flow.languages),
    full: listFullLanguages(flow),
    problems: [],
  };
  checkLanguages(c);
  checkMessages(c);
  checkEscalations(c);
  checkMenuReferences(c);
  flow.anytime.forEach((o, i) => {
    checkOption(c, `anytime[${i}]`, o);
  });
  for (const [id, menu] of Object.entries(flow.menus)) checkMenu(c, id, menu);
  c.problems.push(...checkMessageKeys(flow, c.languages, c.full));
  c.problems.push(...checkCallbacks(flow, directory));
  return [...new Set(c.problems)];
}

/** Each language's Twilio voice, speech recognition and formatting locale, and the default language. */
function checkLanguages(c: FlowCheck): void {
  const { flow, problems } = c;
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
    problems.push(...checkMidSentence(`languages.${code}`, l.locale, l.midSentence));
  }
  if (!c.languages.includes(flow.defaultLanguage))
    problems.push(`defaultLanguage: "${flow.defaultLanguage}" is not one of languages (${list(c.languages)})`);
  else if (!c.full.includes(flow.defaultLanguage))
    problems.push(`defaultLanguage: "${flow.defaultLanguage}" must be a full language (support: full)`);
}

/** Messages: all of them in every full language; the interpreter lines in every interpreter language; team names. */
function checkMessages(c: FlowCheck): void {
  const { flow, problems } = c;
  for (const key of REQUIRED_MESSAGES)
    if (!flow.messages[key]) problems.push(`messages.${key}: missing; every flow needs it`);
  for (const [key, value] of Object.entries(flow.messages))
    checkText(c, `messages.${key}`, value, c.full, MESSAGE_PLACEHOLDERS[key] ?? NO_PLACEHOLDERS);
  for (const lang of c.languages.filter((l) => !c.full.includes(l)))
    for (const key of INTERPRETER_MESSAGES)
      if (flow.messages[key] && !flow.messages[key][lang])
        problems.push(
          `messages.${key}.${lang}: missing; ${lang} (support: interpreter) needs ${list(INTERPRETER_MESSAGES)}`,
        );
  for (const [id, t] of Object.entries(flow.teams)) checkText(c, `teams.${id}.name`, t.name);
}

/** Who takes a person's calls and the interpreters' calls, and who takes over (around the clock) when they are closed. */
function checkEscalations(c: FlowCheck): void {
  const { representative, interpreters } = c.flow;
  checkTeam(c, "representative.team", representative.team);
  checkTeam(c, "representative.whenClosed", representative.whenClosed);
  checkOpenAroundTheClock(c, "representative.whenClosed", representative.whenClosed);
  checkTeam(c, "interpreters.team", interpreters.team);
  checkTeam(c, "interpreters.whenClosed", interpreters.whenClosed);
  checkOpenAroundTheClock(c, "interpreters.whenClosed", interpreters.whenClosed);
}

/** The first menu and the region menu: defined, and the region menu of kind `regions`. */
function checkMenuReferences(c: FlowCheck): void {
  const { flow, problems } = c;
  for (const ref of ["start", "regionMenu"] as const)
    if (!flow.menus[flow[ref]]) problems.push(`${ref}: menu "${flow[ref]}" is not defined in menus`);
  if (flow.menus[flow.regionMenu] && flow.menus[flow.regionMenu]?.kind !== "regions")
    problems.push(`menus.${flow.regionMenu}.kind: the region menu must have kind "regions"`);
}

/** A menu: its name, prompts, options, regions, keys used once per language, and the key silence chooses. */
function checkMenu(c: FlowCheck, id: string, menu: FlowMenu): void {
  const { flow, full, problems } = c;
  if (id === INTERPRETER_CLOSED)
    problems.push(`menus.${id}: the name is taken by the menu generated from interpreters; rename this menu`);
  if (isNonMenuState(id))
    problems.push(`menus.${id}: the name is taken by a state of the call that is not a menu; rename this menu`);
  const named: Placeholders = { ...NO_PLACEHOLDERS, keys: { menu: { id, options: listKeyedOptions(flow, menu) } } };
  checkText(c, `menus.${id}.prompt`, menu.prompt, full, named);
  if (menu.shortPrompt) checkText(c, `menus.${id}.shortPrompt`, menu.shortPrompt, full, named);
  menu.options.forEach((o, i) => {
    checkOption(c, `menus.${id}.options[${i}]`, o);
  });
  const regionKeys = menu.kind === "regions" ? checkRegions(c, id, menu.regions) : [];
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

/** An option: the languages it is offered in, its words (`say` or `offer`), its speech and its action. */
function checkOption(c: FlowCheck, where: string, option: FlowOption): void {
  const { full, problems } = c;
  for (const lang of option.languages ?? [])
    if (checkLanguage(c, `${where}.languages`, lang) && !full.includes(lang))
      problems.push(
        `${where}.languages: "${lang}" is an interpreter language; its callers never hear a menu (make it full first)`,
      );
  if (option.say === undefined && option.offer === undefined)
    problems.push(`${where}: give say (the words per language) or offer (languages announcing it)`);
  if (option.say !== undefined && option.offer !== undefined) problems.push(`${where}: give say or offer, not both`);
  if (option.say !== undefined)
    checkText(
      c,
      `${where}.say`,
      option.say,
      (option.languages ?? full).filter((l) => full.includes(l)),
      { allowed: ["key"], needed: ["key"], keys: { own: option.key } },
    );
  option.offer?.forEach((lang, i) => {
    checkLanguage(c, `${where}.offer[${i}]`, lang);
  });
  for (const lang of Object.keys(option.speech ?? {})) checkLanguage(c, `${where}.speech.${lang}`, lang);
  checkAction(c, `${where}.do`, option.do);
}

/** What an option does: a team, message, menu or language it names must exist and fit. */
function checkAction(c: FlowCheck, where: string, action: FlowAction): void {
  const { flow, problems } = c;
  switch (action.kind) {
    case "transfer":
      checkTeam(c, `${where}.team`, action.team);
      if (action.announce && !flow.messages[action.announce])
        problems.push(`${where}.announce: message "${action.announce}" is not defined in messages`);
      break;
    case "menu":
      if (!flow.menus[action.menu]) problems.push(`${where}.menu: menu "${action.menu}" is not defined in menus`);
      break;
    case "language":
      if (checkLanguage(c, `${where}.language`, action.language) && !c.full.includes(action.language))
        problems.push(
          `${where}.language: "${action.language}" is an interpreter language; choose it with {"kind": "interpreter", "language": "${action.language}"}`,
        );
      break;
    case "interpreter":
      if (action.language !== undefined) checkLanguage(c, `${where}.language`, action.language);
      break;
    case "repeat":
      break;
    default:
      assertNever(action);
  }
}

/**
 * Checks the regions of a region menu: every region listed once, with its own key (so a region added
 * later never renumbers the keys callers know) and its name in every full language; against the
 * directory (when there is one), every region of it and no other. Returns the keys the regions use.
 */
function checkRegions(c: FlowCheck, id: string, regions: FlowMenu["regions"]): string[] {
  const { directory, problems } = c;
  const entries = regions ?? [];
  if (regions === undefined) problems.push(`menus.${id}.regions: a menu of kind "regions" lists the regions`);
  entries.forEach((entry, i) => {
    const where = `menus.${id}.regions[${i}]`;
    if (directory && !directory.regionById.has(entry.region))
      problems.push(
        `${where}.region: "${entry.region}" is not a region of ${directory.file} (${directory.regions.map((r) => r.id).join(", ")})`,
      );
    if (entries.findIndex((e) => e.region === entry.region) !== i)
      problems.push(`${where}.region: "${entry.region}" is listed twice`);
    checkText(c, `${where}.name`, entry.name);
  });
  if (directory && regions !== undefined)
    for (const region of directory.regions)
      if (!entries.some((e) => e.region === region.id))
        problems.push(
          `menus.${id}.regions: region "${region.id}" of ${directory.file} has no key; add {"region": "${region.id}", "key": …, "name": …} with a key no region uses`,
        );
  return entries.map((e) => e.key);
}

/** A text per language: in each `required` language, in no other than the flow's, with the placeholders it may and must use. */
function checkText(
  c: FlowCheck,
  where: string,
  value: Readonly<Record<string, string>>,
  required: readonly Lang[] = c.full,
  placeholders: Placeholders = NO_PLACEHOLDERS,
): void {
  const { languages, problems } = c;
  for (const lang of required)
    if (!value[lang])
      problems.push(`${where}.${lang}: missing translation; every prompt needs ${list(c.full)} (the full languages)`);
  for (const [lang, t] of Object.entries(value)) {
    if (!languages.includes(lang)) {
      problems.push(`${where}.${lang}: "${lang}" is not one of languages (${list(languages)})`);
      continue;
    }
    problems.push(...checkKeyPlaceholders(c.flow, where, lang, t, placeholders.keys));
    for (const m of t.matchAll(/\{(\w+)\}/g))
      if (!placeholders.allowed.includes(m[1] as string) && !(m[1] === "key" && placeholders.keys?.menu))
        problems.push(
          placeholders.allowed.length === 0
            ? `${where}.${lang}: unknown placeholder {${m[1]}}; this text takes no placeholders`
            : `${where}.${lang}: unknown placeholder {${m[1]}}; use ${placeholders.allowed.map((p) => `{${p}}`).join(", ")}`,
        );
    for (const name of placeholders.needed)
      if (!t.includes(`{${name}}`))
        problems.push(
          name === "key" && placeholders.keys?.own !== undefined
            ? `${where}.${lang}: must say {key} where it names the option's key (e.g. "press {key}"), so what callers hear follows the key`
            : `${where}.${lang}: must say {${name}}, the caller needs it`,
        );
  }
}

/** A team the flow names: one of the directory's (when there is one), and named for callers in `teams`. */
function checkTeam(c: FlowCheck, where: string, id: string): void {
  const { directory, problems } = c;
  if (directory && !directory.teams.includes(id))
    problems.push(`${where}: team "${id}" is not in ${directory.file} teams (${list(directory.teams)})`);
  if (!c.flow.teams[id]) problems.push(`${where}: team "${id}" has no entry in teams (how callers hear its name)`);
}

/** A team that takes over when another is closed: open around the clock in every region of the directory. */
function checkOpenAroundTheClock(c: FlowCheck, where: string, id: string): void {
  for (const region of c.directory?.regions ?? []) {
    const line = region.teams.get(id);
    if (line && !(line.hours.always && line.hours.closures.size === 0))
      c.problems.push(
        `${where}: "${id}" is not open around the clock in ${region.id}; choose a team whose hours are always open`,
      );
  }
}

/** A language the flow names: one of its languages. Returns whether it is. */
function checkLanguage(c: FlowCheck, where: string, lang: string): boolean {
  if (c.languages.includes(lang)) return true;
  c.problems.push(`${where}: "${lang}" is not one of languages (${list(c.languages)})`);
  return false;
}

function list(items: readonly string[]): string {
  return items.join(", ");
}

/** Whether Intl formats dates in this locale (and not only in a fallback). */
function isLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}
