import type { HoursWords } from "../directory/hours.js";
import type { Lang } from "../types.js";
import type { FlowFile } from "./schema.js";

/** The words of opening hours in a language, from the flow's messages, with the language's locale and mid-sentence forms. */
export function collectHoursWords(flow: Pick<FlowFile, "languages" | "messages">, lang: Lang): HoursWords {
  const words = (key: string) => flow.messages[key]?.[lang] ?? "";
  return {
    locale: flow.languages[lang]?.locale ?? lang,
    midSentence: flow.languages[lang]?.midSentence,
    always: words("hoursAlways"),
    days: words("hoursDays"),
    window: words("hoursWindow"),
    zone: words("hoursZone"),
  };
}
