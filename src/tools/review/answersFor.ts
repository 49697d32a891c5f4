import type { PersistedCall } from "../../service/index.js";
import type { JourneyInput, LineRunner } from "./runJourney.js";

/** Keys a wrong answer is picked from: the first one the menu does not offer. */
const KEYPAD = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*"];

/** Which answers to try at a menu besides its own keys, one wrong key and silence. */
export interface AnswerChoice {
  /** Also press these keys (e.g. 0 and *), whether or not the menu offers them. */
  readonly keys?: readonly string[];
  /** Also say one phrase of each option that has words in the caller's language (when the line listens). */
  readonly phrases?: boolean;
}

/**
 * The answers worth trying at a menu, in the caller's language: each option's key, the extra keys, one key
 * the menu does not offer, one phrase per option, and silence.
 */
export function answersFor(runner: LineRunner, call: PersistedCall, choice: AnswerChoice = {}): JourneyInput[] {
  const { callFlow } = runner.line;
  const language = call.context.language;
  const options = (callFlow.menus.get(call.value)?.options ?? []).filter((o) => o.languages.includes(language));
  const offered = new Set(options.map((o) => o.key));
  const keys = [...new Set([...options.map((o) => o.key), ...(choice.keys ?? [])])];
  const wrong = KEYPAD.find((k) => !offered.has(k) && !keys.includes(k));
  const phrases =
    choice.phrases && callFlow.flow.speech.enabled
      ? [...new Set(options.flatMap((o) => o.speech[language]?.slice(0, 1) ?? []))]
      : [];
  return [
    ...keys.map((key): JourneyInput => ({ kind: "key", key })),
    ...(wrong ? [{ kind: "key", key: wrong } as const] : []),
    ...phrases.map((phrase): JourneyInput => ({ kind: "say", phrase })),
    { kind: "silence" },
  ];
}
