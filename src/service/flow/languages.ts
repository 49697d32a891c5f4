import type { Lang } from "../types.js";
import type { FlowFile } from "./schema.js";

/** The languages a caller can run the whole line in (`support: "full"`), in the flow's order. */
export function listFullLanguages(flow: Pick<FlowFile, "languages">): Lang[] {
  return Object.entries(flow.languages)
    .filter(([, l]) => l.support === "full")
    .map(([code]) => code);
}

/** Whether the whole line can be run in this language. */
export function isFullLanguage(flow: Pick<FlowFile, "languages">, lang: Lang): boolean {
  return Object.hasOwn(flow.languages, lang) && flow.languages[lang]?.support === "full";
}
