import type { PersistedCall } from "../../../service/index.js";
import { isTransferred, isTransferring } from "../../../service/index.js";
import { pathTo } from "../exploreCalls.js";
import { saysNumber, secondsToSay, WORDS_PER_MINUTE } from "../spokenText.js";
import {
  type CheckContext,
  describePath,
  type Finding,
  listFullLanguagesOf,
  listInterpreterLanguagesOf,
  listMenuLanguages,
  listMenus,
  nameStart,
  nameState,
  placeOf,
} from "./checkContext.js";

/** Longest a prompt should take to say, in seconds. */
export const MAX_PROMPT_SECONDS = 20;

/** What the greeting must say in every full language, and how the finding names it. */
const GREETING_NOTICES = [
  { digits: "911", what: "the emergency notice (9 1 1)" },
  { digits: "711", what: "the TTY relay notice (7 1 1)" },
] as const;

/**
 * Errors: a full language whose first turn (greeting and first prompt, as rendered for a call that starts
 * in it) does not say 911 or 711. Calls never start in an interpreter language.
 */
export function findGreetingGaps(ctx: CheckContext): Finding[] {
  const { runner, sweep } = ctx;
  const region = ctx.line.callFlow.directory.regions[0]?.id ?? null;
  const findings: Finding[] = [];
  for (const language of listFullLanguagesOf(ctx)) {
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

/**
 * Warnings: a greeting or a menu prompt (whole or short) that takes longer than `MAX_PROMPT_SECONDS` to say,
 * in every language it is spoken in (the interpreter menu names the hours of the caller's region: the
 * longest is measured).
 */
export function findLongPrompts(ctx: CheckContext): Finding[] {
  const { speech, callFlow } = ctx.line;
  const regions = callFlow.directory.regions.map((r) => r.id);
  const findings: Finding[] = [];
  const measure = (where: string, text: string) => {
    const seconds = secondsToSay(text);
    if (seconds > MAX_PROMPT_SECONDS)
      findings.push({
        rule: "prompt-length",
        severity: "warning",
        where,
        message: `about ${Math.round(seconds)} s to say (at ${WORDS_PER_MINUTE} words a minute; aim for ${MAX_PROMPT_SECONDS} s)`,
      });
  };
  for (const language of listFullLanguagesOf(ctx)) measure(placeOf("greeting", language), speech.greeting(language));
  for (const [menu] of listMenus(ctx))
    for (const language of listMenuLanguages(ctx, menu))
      for (const style of ["full", "short"] as const) {
        const said = regions.map((region) =>
          speech
            .menuPrompt(menu, language, style, region)
            .map((p) => p.text)
            .join(" "),
        );
        const longest = said.reduce((a, b) => (secondsToSay(b) > secondsToSay(a) ? b : a), "");
        measure(placeOf(`menu ${menu}`, language, style === "full" ? "prompt" : "short prompt"), longest);
      }
  return findings;
}

/**
 * Errors: a caller who chose an interpreter language hears a word that is not in that language's voice,
 * or nothing, in any state a call can reach (the hand-off, the notice when the interpreters' team is closed
 * or not answering, the goodbye); or an option that hands a caller to a language (an interpreter, or a
 * full language) without announcing it in that language (`offer`), so its callers never hear their own.
 */
export function findInterpreterVoiceGaps(ctx: CheckContext): Finding[] {
  const { flow, menus } = ctx.line.callFlow;
  const interpreted = new Set(listInterpreterLanguagesOf(ctx));
  const findings = new Map<string, Finding>();
  const add = (where: string, message: string) => {
    if (!findings.has(where)) findings.set(where, { rule: "interpreter-voice", severity: "error", where, message });
  };
  for (const [id, menu] of menus)
    for (const option of menu.options) {
      const a = option.action;
      const to = a.kind === "interpreter" || a.kind === "language" ? a.language : undefined;
      if (to === undefined || option.offers?.includes(to)) continue;
      add(
        placeOf(`menu ${id}`, `key ${option.key}`),
        `key ${option.key} hands the caller to ${to} but is not announced in ${to}: give it "offer": ["${to}"] (its messages.languageOption.${to}, in its own voice)`,
      );
    }
  for (const e of ctx.explorations)
    for (const { call, heard } of e.states.values()) {
      const language = call.context.language;
      if (!interpreted.has(language) || heard.failure !== undefined) continue;
      const own = flow.languages[language];
      const where = placeOf(nameStart(e.start.region), language, nameState(ctx, call.value));
      const path = describePath(pathTo(e, call));
      const other = heard.voices.findIndex((v) => v.voice !== own?.voice || v.language !== own?.language);
      if (other !== -1)
        add(
          where,
          `after ${path}, a caller who chose ${language} hears "${heard.says[other]}" in ${heard.voices[other]?.voice} (${heard.voices[other]?.language}), not in ${own?.voice} (${own?.language}): every word they hear must be one of their own lines`,
        );
      else if (!isTransferred(call.value) && !isRetriedTransfer(call) && heard.says.every((s) => s.trim().length === 0))
        add(
          where,
          `after ${path}, a caller who chose ${language} hears nothing in ${nameState(ctx, call.value)}: give the line its ${language} words`,
        );
    }
  return [...findings.values()];
}

/**
 * Whether the call is dialing a line's next number after a busy or unanswered one: the caller heard the
 * transfer announced before the first number and keeps holding, so the line says nothing (in any language).
 */
function isRetriedTransfer(call: PersistedCall): boolean {
  return isTransferring(call.value) && (call.context.transfer?.attempt ?? 0) > 0;
}
