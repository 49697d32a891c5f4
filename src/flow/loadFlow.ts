import { z } from "zod";
import { assertNever } from "../assertNever.js";
import { readJsonFile } from "../config/readJsonFile.js";
import { failWith } from "../errors.js";
import type { Directory } from "../types.js";
import { type FlowFile, type FlowOption, flowFileSchema, REQUIRED_MESSAGES } from "./schema.js";

const PLACEHOLDERS = new Set(["team", "hours", "region", "key", "options"]);

/** Reads and validates a flow file against its schema and the directory it routes into. */
export function loadFlow(file: string, directory: Directory): FlowFile {
  return parseFlow(readJsonFile(file), file, directory);
}

/** Validates flow JSON already in memory; `file` is only used in messages. */
export function parseFlow(json: unknown, file: string, directory: Directory): FlowFile {
  const parsed = flowFileSchema.safeParse(json);
  if (!parsed.success) failWith(file, [z.prettifyError(parsed.error)]);
  const problems = checkFlow(parsed.data, directory);
  if (problems.length > 0) failWith(file, problems);
  return parsed.data;
}

/** Cross-checks a schema-valid flow: translations, references, keys, and routes into the directory. */
function checkFlow(flow: FlowFile, directory: Directory): string[] {
  const problems: string[] = [];
  const languages = Object.keys(flow.languages);
  const text = (where: string, value: Record<string, string>, only: readonly string[] = languages) => {
    for (const lang of only)
      if (!value[lang])
        problems.push(`${where}.${lang}: missing translation; every prompt needs ${only.join(" and ")}`);
    for (const [lang, t] of Object.entries(value)) {
      if (!languages.includes(lang))
        problems.push(`${where}.${lang}: "${lang}" is not one of languages (${languages.join(", ")})`);
      for (const m of t.matchAll(/\{(\w+)\}/g))
        if (!PLACEHOLDERS.has(m[1] as string))
          problems.push(
            `${where}.${lang}: unknown placeholder {${m[1]}}; use ${[...PLACEHOLDERS].map((p) => `{${p}}`).join(", ")}`,
          );
    }
  };
  const team = (where: string, id: string) => {
    if (!directory.teams.includes(id))
      problems.push(`${where}: team "${id}" is not in ${directory.file} teams (${directory.teams.join(", ")})`);
    if (!flow.teams[id]) problems.push(`${where}: team "${id}" has no entry in teams (how callers hear its name)`);
  };

  if (!languages.includes(flow.defaultLanguage))
    problems.push(`defaultLanguage: "${flow.defaultLanguage}" is not one of languages (${languages.join(", ")})`);
  for (const key of REQUIRED_MESSAGES)
    if (!flow.messages[key]) problems.push(`messages.${key}: missing; every flow needs it`);
  for (const [key, value] of Object.entries(flow.messages)) text(`messages.${key}`, value);
  for (const [id, t] of Object.entries(flow.teams)) text(`teams.${id}.name`, t.name);
  team("representative.team", flow.representative.team);
  team("representative.whenClosed", flow.representative.whenClosed);
  for (const region of directory.regions) {
    const line = region.teams.get(flow.representative.whenClosed);
    if (line && !(line.hours.always && line.hours.closures.size === 0))
      problems.push(
        `representative.whenClosed: "${flow.representative.whenClosed}" is not open around the clock in ${region.id}; choose a team whose hours are always open`,
      );
  }
  for (const ref of ["start", "regionMenu"] as const)
    if (!flow.menus[flow[ref]]) problems.push(`${ref}: menu "${flow[ref]}" is not defined in menus`);
  if (flow.menus[flow.regionMenu] && flow.menus[flow.regionMenu]?.kind !== "regions")
    problems.push(`menus.${flow.regionMenu}.kind: the region menu must have kind "regions"`);

  const checkOption = (where: string, option: FlowOption) => {
    const offered = option.languages ?? languages;
    for (const lang of offered)
      if (!languages.includes(lang)) problems.push(`${where}.languages: "${lang}" is not one of languages`);
    text(
      `${where}.say`,
      option.say,
      offered.filter((l) => languages.includes(l)),
    );
    if (option.sayIn !== undefined && !languages.includes(option.sayIn))
      problems.push(`${where}.sayIn: "${option.sayIn}" is not one of languages (${languages.join(", ")})`);
    for (const lang of Object.keys(option.speech ?? {}))
      if (!languages.includes(lang)) problems.push(`${where}.speech.${lang}: "${lang}" is not one of languages`);
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
        if (!languages.includes(action.language))
          problems.push(`${where}.do.language: "${action.language}" is not one of languages`);
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
    text(`menus.${id}.prompt`, menu.prompt);
    text(`menus.${id}.shortPrompt`, menu.shortPrompt);
    menu.options.forEach((o, i) => {
      checkOption(`menus.${id}.options[${i}]`, o);
    });
    const generated = menu.kind === "regions" ? directory.regions.map((_, i) => String(i + 1)) : [];
    if (generated.length > 9)
      problems.push(`menus.${id}: ${generated.length} regions do not fit keys 1-9; split the region menu`);
    for (const lang of languages) {
      const keys = [
        ...generated,
        ...[...menu.options, ...flow.anytime]
          .filter((o) => (o.languages ?? languages).includes(lang))
          .map((o) => o.key),
      ];
      const dup = keys.find((k, i) => keys.indexOf(k) !== i);
      if (dup !== undefined)
        problems.push(`menus.${id}: key ${dup} is used twice in ${lang} (anytime options and region keys count too)`);
    }
  }
  return problems;
}
