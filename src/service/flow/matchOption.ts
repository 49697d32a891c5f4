import type { FlowEvent, Lang } from "../types.js";
import { type CompiledMenu, type CompiledOption, normalizeSpeech } from "./compileMenus.js";

/**
 * Finds the option a key press or an utterance chooses in a menu, in the caller's language.
 * Speech below `minConfidence`, or that names no option, chooses nothing (a failed answer).
 * The longest matching phrase wins, so "mental health" is not taken for "health".
 */
export function matchOption(
  menu: CompiledMenu,
  language: Lang,
  event: FlowEvent,
  minConfidence: number,
): CompiledOption | undefined {
  if (event.type === "KEY") return menu.options.find((o) => o.key === event.digits && o.languages.includes(language));
  if (event.type !== "SPEECH" || event.confidence < minConfidence) return undefined;
  const said = ` ${normalizeSpeech(event.text)} `;
  let best: CompiledOption | undefined;
  let bestLength = 0;
  for (const option of menu.options) {
    if (!option.languages.includes(language)) continue;
    for (const phrase of option.phrases)
      if (phrase.length > bestLength && said.includes(` ${phrase} `)) {
        best = option;
        bestLength = phrase.length;
      }
  }
  return best;
}
