import { describeHours } from "../directory/hours.js";
import { findLine, findRegion, serviceRegionOf } from "../directory/queryDirectory.js";
import { fillPlaceholders } from "../fillPlaceholders.js";
import { type CallFlow, INTERPRETER_CLOSED } from "../flow/compileFlow.js";
import { collectHoursWords } from "../flow/hoursWords.js";
import type { Lang, Notice, RegionId, TeamId } from "../types.js";

/** Text with the language whose voice speaks it. */
export interface SpokenText {
  readonly lang: Lang;
  readonly text: string;
}

/**
 * Everything the caller hears, composed from the flow's messages, with results kept after first use.
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
  menuPrompt(menu: string, lang: Lang, style: "full" | "short", region: RegionId | null): readonly SpokenText[];
  /** What to say for a notice (invalid answer, closed line, failed transfer, …). */
  notice(notice: Notice, menu: string, lang: Lang): string;
  /** Any message of the flow by key, with `{team}` filled in when given. */
  message(key: string, lang: Lang, team?: TeamId): string;
  /** A team's opening hours in a region, in words of the language, e.g. "Monday through Friday, …". */
  hours(region: RegionId, team: TeamId, lang: Lang): string;
}

/** Builds the speech book for a compiled flow. Texts are composed on first use and then reused. */
export function composeSpeech(callFlow: CallFlow): SpeechBook {
  const { flow, directory, menus } = callFlow;
  const cache = new Map<string, string>();
  const prompts = new Map<string, readonly SpokenText[]>();
  const memo = (key: string, build: () => string): string => {
    let text = cache.get(key);
    if (text === undefined) {
      text = build();
      cache.set(key, text);
    }
    return text;
  };
  const words = (key: string, lang: Lang) => flow.messages[key]?.[lang] ?? "";
  const teamName = (team: TeamId, lang: Lang) => flow.teams[team]?.name[lang] ?? "";
  const message = (key: string, lang: Lang, team?: TeamId) =>
    memo(`m|${key}|${lang}|${team ?? ""}`, () =>
      fillPlaceholders(words(key, lang), team === undefined ? {} : { team: teamName(team, lang) }),
    );
  const hours = (regionId: RegionId, team: TeamId, lang: Lang) =>
    memo(`h|${regionId}|${team}|${lang}`, () => {
      const region = findRegion(directory, regionId);
      const line = findLine(directory, regionId, team);
      return region && line ? describeHours(line.hours, region.timeZone, collectHoursWords(flow, lang)) : "";
    });

  const notice = (n: Notice, menuId: string, lang: Lang): string =>
    memo(`n|${JSON.stringify(n)}|${menuId}|${lang}`, () => {
      switch (n.kind) {
        case "invalid":
        case "noInput":
        case "apology":
          return message(n.kind, lang);
        case "escalate":
        case "unreachable":
          return message(n.kind, lang, n.team);
        case "closed": {
          const closed = fillPlaceholders(words("closed", lang), {
            team: teamName(n.team, lang),
            hours: hours(n.region, n.team, lang),
          });
          if (n.open.length === 0) return closed;
          const options = menus.get(menuId)?.options ?? [];
          const open = n.open
            .map((key) => options.find((o) => o.key === key && o.languages.includes(lang)))
            .map((o) =>
              o?.action.kind === "transfer"
                ? fillPlaceholders(words("openOption", lang), { team: teamName(o.action.team, lang), key: o.key })
                : "",
            )
            .filter((s) => s.length > 0)
            .join("; ");
          return `${closed} ${fillPlaceholders(words("openAlternatives", lang), { options: open })}`;
        }
      }
    });

  const composePrompt = (menuId: string, lang: Lang, style: "full" | "short", region: RegionId): SpokenText[] => {
    if (menuId === INTERPRETER_CLOSED) {
      const { team, whenClosedKey } = flow.interpreters;
      const text = fillPlaceholders(words("interpreterClosed", lang), {
        hours: hours(region, team, lang),
        key: whenClosedKey,
      });
      return [{ lang, text }];
    }
    const menu = flow.menus[menuId];
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
    for (const o of menus.get(menuId)?.options ?? []) {
      if (!o.languages.includes(lang)) continue;
      if (o.offers)
        for (const offered of o.offers)
          add({ lang: offered, text: fillPlaceholders(words("languageOption", offered), { key: o.key }) });
      else add({ lang, text: o.say[lang] ?? "" });
    }
    return pieces;
  };

  return {
    greeting: (lang) => message("greeting", lang),
    menuPrompt: (menuId, lang, style, region) => {
      // Only the interpreter menu depends on the region (its hours).
      const where = menuId === INTERPRETER_CLOSED ? serviceRegionOf(directory, region) : "";
      const key = `${menuId}|${lang}|${style}|${where}`;
      let pieces = prompts.get(key);
      if (pieces === undefined) {
        pieces = composePrompt(menuId, lang, style, where);
        prompts.set(key, pieces);
      }
      return pieces;
    },
    notice,
    message,
    hours,
  };
}
