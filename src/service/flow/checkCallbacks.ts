import type { Directory } from "../types.js";
import { CALLBACK_FALLBACKS, CALLBACK_MESSAGES } from "./callbackSchema.js";
import type { FlowFile } from "./schema.js";

/**
 * Cross-checks the flow's `callbacks`: every team is one the directory and the flow know, every message
 * is written in every language of the flow (interpreter languages too), and the key that asks for a
 * call-back is not the interpreters' menu's (there the offer always follows). In a menu where an option has
 * the same key, the option wins (`matchInput`): keep the key free where call-backs are offered. Returns each
 * problem naming the field.
 */
export function checkCallbacks(flow: FlowFile, directory: Directory | undefined): string[] {
  const settings = flow.callbacks;
  if (!settings) return [];
  const problems: string[] = [];
  for (const [i, team] of settings.teams.entries()) {
    if (directory && !directory.teams.includes(team))
      problems.push(`callbacks.teams[${i}]: team "${team}" is not in ${directory.file} teams`);
    if (!flow.teams[team]) problems.push(`callbacks.teams[${i}]: team "${team}" has no entry in teams`);
  }
  for (const key of CALLBACK_MESSAGES)
    for (const lang of Object.keys(flow.languages))
      if (!flow.messages[key]?.[lang])
        problems.push(
          `messages.${key}.${lang}: missing; with callbacks every language of the line needs ${CALLBACK_MESSAGES.join(", ")}`,
        );
  for (const [key, instead] of Object.entries(CALLBACK_FALLBACKS)) {
    const written = Object.keys(flow.languages).filter((lang) => flow.messages[key]?.[lang]);
    if (written.length === 0) continue;
    for (const lang of Object.keys(flow.languages))
      if (!flow.messages[key]?.[lang])
        problems.push(
          `messages.${key}.${lang}: missing; written in ${written.join(", ")}, it is needed in every language of the line (or in none: then ${instead} is said)`,
        );
  }
  if (settings.key === flow.interpreters.whenClosedKey || settings.key === "0")
    problems.push(
      `callbacks.key: "${settings.key}" already chooses the line open around the clock when the interpreters' team is closed; pick another key`,
    );
  if (settings.confirmKey === settings.changeKey)
    problems.push("callbacks.changeKey: must differ from confirmKey, or the caller could not tell them apart");
  return problems;
}
