import type { Lang } from "../../types.js";
import { saysNumber, secondsToSay, WORDS_PER_MINUTE } from "../spokenText.js";
import { type CheckContext, type Finding, placeOf } from "./checkContext.js";

/** Longest a prompt should take to say, in seconds. */
export const MAX_PROMPT_SECONDS = 20;

/** What the greeting must say in every language, and how the finding names it. */
const GREETING_NOTICES = [
  { digits: "911", what: "the emergency notice (9 1 1)" },
  { digits: "711", what: "the TTY relay notice (7 1 1)" },
] as const;

/**
 * Errors: a language whose first turn (greeting and first prompt, as rendered for a call that starts in
 * it) does not say 911 or 711.
 */
export function findGreetingGaps(ctx: CheckContext): Finding[] {
  const { runner, sweep } = ctx;
  const region = ctx.line.callFlow.directory.regions[0]?.id ?? null;
  const findings: Finding[] = [];
  for (const language of languagesOf(ctx)) {
    const says = runner.hear(runner.first({ region, at: sweep.from }, language)).says.join(" ");
    for (const notice of GREETING_NOTICES)
      if (!saysNumber(says, notice.digits))
        findings.push({
          rule: "greeting-notices",
          severity: "error",
          where: placeOf("greeting", language),
          message: `a call in ${language} starts without ${notice.what}: add it to messages.greeting.${language}`,
        });
  }
  return findings;
}

/** Warnings: a greeting or a menu prompt (whole or short) that takes longer than `MAX_PROMPT_SECONDS` to say. */
export function findLongPrompts(ctx: CheckContext): Finding[] {
  const { speech, callFlow } = ctx.line;
  const findings: Finding[] = [];
  const measure = (where: string, text: string) => {
    const seconds = secondsToSay(text);
    if (seconds > MAX_PROMPT_SECONDS)
      findings.push({
        rule: "prompt-length",
        severity: "warning",
        where,
        message: `about ${Math.round(seconds)} s to say (${Math.round((seconds * WORDS_PER_MINUTE) / 60)} words at ${WORDS_PER_MINUTE} a minute; aim for ${MAX_PROMPT_SECONDS} s)`,
      });
  };
  for (const language of languagesOf(ctx)) {
    measure(placeOf("greeting", language), speech.greeting(language));
    for (const menu of callFlow.menus.keys())
      for (const style of ["full", "short"] as const)
        measure(
          placeOf(`menu ${menu}`, language, style === "full" ? "prompt" : "short prompt"),
          speech
            .menuPrompt(menu, language, style, null)
            .map((p) => p.text)
            .join(" "),
        );
  }
  return findings;
}

function languagesOf(ctx: CheckContext): Lang[] {
  return Object.keys(ctx.line.callFlow.flow.languages);
}
