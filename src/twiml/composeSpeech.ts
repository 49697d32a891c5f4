import { describeHours } from "../directory/hours.js";
import type { CallFlow } from "../flow/compileFlow.js";
import { fill } from "../flow/compileMenus.js";
import type { Lang, Notice, TeamId } from "../types.js";

/** Everything the caller hears, composed from the flow's messages, with results kept after first use. */
export interface SpeechBook {
  /** The greeting: emergency notice, TTY and interpreters. */
  greeting(lang: Lang): string;
  /** A menu's prompt: the whole menu (`full`) or the short re-prompt. */
  menuPrompt(menu: string, lang: Lang, style: "full" | "short"): string;
  /** What to say for a notice (invalid answer, closed line, failed transfer, …). */
  notice(notice: Notice, menu: string, lang: Lang): string;
  /** Any message of the flow by key, with `{team}` filled in when given. */
  message(key: string, lang: Lang, team?: TeamId): string;
}

/** Builds the speech book for a compiled flow. Texts are composed on first use and then reused. */
export function composeSpeech(callFlow: CallFlow): SpeechBook {
  const { flow, directory, menus } = callFlow;
  const cache = new Map<string, string>();
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
          const region = directory.regionById.get(n.region);
          const line = region?.teams.get(n.team);
          const hours = region && line ? describeHours(line.hours, region.timeZone, lang) : "";
          const closed = fill(flow.messages.closed?.[lang] ?? "", { team: teamName(n.team, lang), hours });
          if (n.open.length === 0) return closed;
          const options = menus.get(menuId)?.options ?? [];
          const open = n.open
            .map((key) => options.find((o) => o.key === key && o.languages.includes(lang)))
            .map((o) =>
              o && "transfer" in o.action
                ? fill(flow.messages.openOption?.[lang] ?? "", { team: teamName(o.action.transfer, lang), key: o.key })
                : "",
            )
            .filter((s) => s.length > 0)
            .join("; ");
          return `${closed} ${fill(flow.messages.openAlternatives?.[lang] ?? "", { options: open })}`;
        }
      }
    });

  return {
    greeting: (lang) => message("greeting", lang),
    menuPrompt: (menuId, lang, style) =>
      memo(`p|${menuId}|${lang}|${style}`, () => {
        const menu = flow.menus[menuId];
        if (!menu) return "";
        if (style === "short") return menu.shortPrompt[lang] ?? "";
        const options = (menus.get(menuId)?.options ?? [])
          .filter((o) => o.languages.includes(lang))
          .map((o) => o.say[lang]);
        return [menu.prompt[lang], ...options].join(" ");
      }),
    notice,
    message,
  };
}
