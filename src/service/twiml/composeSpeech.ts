import { assertNever } from "../assertNever.js";
import type { PromptStyle } from "../contract/sessionSchema.js";
import { INTERPRETER_CLOSED } from "../contract/stateIds.js";
import { describeHours } from "../directory/hours.js";
import { findLine, findRegion, serviceRegionOf } from "../directory/queryDirectory.js";
import { fillPlaceholders } from "../fillPlaceholders.js";
import type { CallFlow } from "../flow/compileFlow.js";
import { collectHoursWords } from "../flow/hoursWords.js";
import { speakKey } from "../flow/keyPlaceholders.js";
import type { Lang, Notice, RegionId, TeamId } from "../types.js";
import { composeCallbackNotice, composeCallbackPrompt } from "./callbackSpeech.js";
import { memoize } from "./memoize.js";

/** Text with the language whose voice speaks it. */
export interface SpokenText {
  readonly lang: Lang;
  readonly text: string;
}

/**
 * Everything the caller hears, composed from the flow's messages.
 * Every word comes from the flow; a text the flow has no words for in a language is empty (the
 * renderer says nothing for it): only the lines of an interpreter language are missing, by design.
 */
export interface SpeechBook {
  /** The greeting: emergency notice, TTY and interpreters. */
  greeting(lang: Lang): string;
  /**
   * A menu's prompt: the whole menu (`full`) or the short re-prompt, as consecutive pieces each spoken
   * in one language (an option may be announced in another language's voice). The interpreter menu
   * names the hours of the interpreters' team in the caller's region (`region`, null while unknown).
   */
  menuPrompt(menu: string, lang: Lang, style: PromptStyle, region: RegionId | null): readonly SpokenText[];
  /** What to say for a notice (invalid answer, closed line, failed transfer, …). */
  notice(notice: Notice, menu: string, lang: Lang): string;
  /** Any message of the flow by key, with `{team}` filled in when given. */
  message(key: string, lang: Lang, team?: TeamId): string;
  /** A team's opening hours in a region, in words of the language, e.g. "Monday through Friday, …". */
  hours(region: RegionId, team: TeamId, lang: Lang): string;
  /**
   * The prompt of a call-back state (`callbackConfirm`, `callbackNumber`, `callbackReadBack`,
   * `callbackGreeting`), with the digits to read, which are never kept (this text is not cached).
   */
  callbackPrompt(state: string, lang: Lang, team: TeamId | undefined, digits: string | undefined): string;
}

/**
 * Builds the speech book for a compiled flow: every text composed on first use (`writeSpeech`), then kept under
 * the whole input it was composed from (`cacheSpeech`).
 */
export function composeSpeech(callFlow: CallFlow): SpeechBook {
  return cacheSpeech(writeSpeech(callFlow));
}

/**
 * A speech book whose every text is kept after first use, keyed by all the arguments it was asked with
 * (`memoize`): a text that depends on the region, the language or the menu can never be served for another.
 */
export function cacheSpeech(book: SpeechBook): SpeechBook {
  return {
    greeting: memoize(book.greeting),
    menuPrompt: memoize(book.menuPrompt),
    notice: memoize(book.notice),
    message: memoize(book.message),
    hours: memoize(book.hours),
    // Never kept: it may read a caller's number back.
    callbackPrompt: book.callbackPrompt,
  };
}

/** The speech book of a compiled flow, composing each text when asked (pure, nothing kept). */
export function writeSpeech(callFlow: CallFlow): SpeechBook {
  const { flow, directory } = callFlow;
  const words = (key: string, lang: Lang) => flow.messages[key]?.[lang] ?? "";
  const teamName = (team: TeamId, lang: Lang) => flow.teams[team]?.name[lang] ?? "";
  const message = (key: string, lang: Lang, team?: TeamId) =>
    fillPlaceholders(words(key, lang), team === undefined ? {} : { team: teamName(team, lang) });
  const hours = (regionId: RegionId, team: TeamId, lang: Lang) => {
    const region = findRegion(directory, regionId);
    const line = findLine(directory, regionId, team);
    return region && line ? describeHours(line.hours, region.timeZone, collectHoursWords(flow, lang)) : "";
  };
  const parts = { words, teamName, message, hours };
  return {
    greeting: (lang) => message("greeting", lang),
    menuPrompt: (menuId, lang, style, region) =>
      composePrompt(callFlow, parts, menuId, lang, style, serviceRegionOf(directory, region)),
    notice: (n, menuId, lang) => composeNotice(callFlow, parts, n, menuId, lang),
    message,
    hours,
    callbackPrompt: (state, lang, team, digits) => composeCallbackPrompt(callFlow, parts, state, lang, team, digits),
  };
}

/** The words of a flow, shared by the texts composed from them. */
interface SpeechParts {
  /** A message of the flow, as written. */
  words(key: string, lang: Lang): string;
  teamName(team: TeamId, lang: Lang): string;
  message(key: string, lang: Lang, team?: TeamId): string;
  hours(region: RegionId, team: TeamId, lang: Lang): string;
}

/** What to say for a notice. */
function composeNotice(callFlow: CallFlow, parts: SpeechParts, n: Notice, menuId: string, lang: Lang): string {
  const { words, teamName, message, hours } = parts;
  switch (n.kind) {
    case "invalid":
    case "noInput":
    case "apology":
      return message(n.kind, lang);
    case "escalate":
    case "unreachable":
      return message(n.kind, lang, n.team);
    case "callbackOffer":
    case "callbackInvalidNumber":
    case "callbackRequested":
      return composeCallbackNotice(callFlow, parts, n, lang);
    case "closed": {
      const closed = fillPlaceholders(words("closed", lang), {
        team: teamName(n.team, lang),
        hours: hours(n.region, n.team, lang),
      });
      if (n.open.length === 0) return closed;
      const options = callFlow.menus.get(menuId)?.options ?? [];
      const open = n.open
        .map((key) => options.find((o) => o.key === key && o.languages.includes(lang)))
        .map((o) =>
          o?.action.kind === "transfer"
            ? fillPlaceholders(words("openOption", lang), {
                team: teamName(o.action.team, lang),
                key: speakKey(callFlow.flow, o.key, lang),
              })
            : "",
        )
        .filter((s) => s.length > 0)
        .join("; ");
      return `${closed} ${fillPlaceholders(words("openAlternatives", lang), { options: open })}`;
    }
    default:
      return assertNever(n);
  }
}

/** A menu's prompt, in pieces each spoken in one voice; the interpreter menu names its team's hours in `region`. */
function composePrompt(
  callFlow: CallFlow,
  { words, hours }: SpeechParts,
  menuId: string,
  lang: Lang,
  style: PromptStyle,
  region: RegionId,
): SpokenText[] {
  const { flow, menus } = callFlow;
  if (menuId === INTERPRETER_CLOSED) {
    const { team, whenClosedKey } = flow.interpreters;
    const text = fillPlaceholders(words("interpreterClosed", lang), {
      hours: hours(region, team, lang),
      key: speakKey(flow, whenClosedKey, lang),
    });
    return [{ lang, text }];
  }
  const menu = menus.get(menuId);
  if (!menu) return [];
  if (style === "short" && menu.shortPrompt) return [{ lang, text: menu.shortPrompt[lang] ?? "" }];
  const pieces: SpokenText[] = [{ lang, text: menu.prompt[lang] ?? "" }];
  const add = (piece: SpokenText) => {
    const last = pieces[pieces.length - 1];
    // Consecutive text in one voice stays one <Say>.
    if (last && last.lang === piece.lang)
      pieces[pieces.length - 1] = { lang: last.lang, text: `${last.text} ${piece.text}` };
    else pieces.push(piece);
  };
  for (const o of menu.options) {
    if (!o.languages.includes(lang)) continue;
    if (o.offers)
      for (const offered of o.offers)
        add({
          lang: offered,
          text: fillPlaceholders(words("languageOption", offered), { key: speakKey(flow, o.key, offered) }),
        });
    else add({ lang, text: o.say[lang] ?? "" });
  }
  return pieces;
}
