import { describeHours } from "../directory/hours.js";
import { findLine, findRegion } from "../directory/queryDirectory.js";
import type { CallFlow } from "../flow/compileFlow.js";
import { fill } from "../flow/compileMenus.js";
import type { Lang, Notice, TeamId } from "../types.js";

/** Text with the language whose voice speaks it. */
export interface SpokenText {
  readonly lang: Lang;
  readonly text: string;
}

/** Everything the caller hears, composed from the flow's messages, with results kept after first use. */
export interface SpeechBook {
  /** The greeting: emergency notice, TTY and interpreters. */
  greeting(lang: Lang): string;
  /**
   * A menu's prompt: the whole menu (`full`) or the short re-prompt, as consecutive pieces each
   * spoken in one language (an option may be announced in another language's voice).
   */
  menuPrompt(menu: string, lang: Lang, style: "full" | "short"): readonly SpokenText[];
  /** What to say for a notice (invalid answer, closed line, failed transfer, …). */
  notice(notice: Notice, menu: string, lang: Lang): string;
  /** Any message of the flow by key, with `{team}` filled in when given. */
  message(key: string, lang: Lang, team?: TeamId): string;
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
  const teamName = (team: TeamId, lang: Lang) => flow.teams[team]?.name[lang] ?? team;
  const message = (key: string, lang: Lang, team?: TeamId) =>
    memo(`m|${key}|${lang}|${team ?? ""}`, () =>
      fill(flow.messages[key]?.[lang] ?? "", team === undefined ? {} : { team: teamName(team, lang) }),
    );

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
          const region = findRegion(directory, n.region);
          const line = findLine(directory, n.region, n.team);
          const hours = region && line ? describeHours(line.hours, region.timeZone, lang) : "";
          const closed = fill(flow.messages.closed?.[lang] ?? "", { team: teamName(n.team, lang), hours });
          if (n.open.length === 0) return closed;
          const options = menus.get(menuId)?.options ?? [];
          const open = n.open
            .map((key) => options.find((o) => o.key === key && o.languages.includes(lang)))
            .map((o) =>
              o?.action.kind === "transfer"
                ? fill(flow.messages.openOption?.[lang] ?? "", { team: teamName(o.action.team, lang), key: o.key })
                : "",
            )
            .filter((s) => s.length > 0)
            .join("; ");
          return `${closed} ${fill(flow.messages.openAlternatives?.[lang] ?? "", { options: open })}`;
        }
      }
    });

  const composePrompt = (menuId: string, lang: Lang, style: "full" | "short"): SpokenText[] => {
    const menu = flow.menus[menuId];
    if (!menu) return [];
    if (style === "short") return [{ lang, text: menu.shortPrompt[lang] ?? "" }];
    const pieces: SpokenText[] = [{ lang, text: menu.prompt[lang] ?? "" }];
    for (const o of menus.get(menuId)?.options ?? []) {
      if (!o.languages.includes(lang)) continue;
      const piece = { lang: o.sayIn ?? lang, text: o.say[lang] ?? "" };
      const last = pieces[pieces.length - 1];
      // Consecutive text in one voice stays one <Say>.
      if (last && last.lang === piece.lang)
        pieces[pieces.length - 1] = { lang: last.lang, text: `${last.text} ${piece.text}` };
      else pieces.push(piece);
    }
    return pieces;
  };

  return {
    greeting: (lang) => message("greeting", lang),
    menuPrompt: (menuId, lang, style) => {
      const key = `${menuId}|${lang}|${style}`;
      let pieces = prompts.get(key);
      if (pieces === undefined) {
        pieces = composePrompt(menuId, lang, style);
        prompts.set(key, pieces);
      }
      return pieces;
    },
    notice,
    message,
  };
}
