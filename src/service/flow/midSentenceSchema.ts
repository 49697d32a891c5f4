import { z } from "zod";

/** A language's `midSentence`: how words `Intl` gives as at a sentence's start begin mid-sentence. */
export const midSentenceSchema = z
  .record(z.string().min(1), z.string().min(1))
  .describe(
    "How Intl's names of days and time zones begin mid-sentence where the locale gives them as at the start of " +
      'one: the start as Intl writes it, and the same letters with their capitals as said mid-sentence, e.g. {"Thứ": "thứ"} ' +
      "for vi-VN's \"Thứ Hai\" (Monday). Omitted: Intl's words as they are.",
  );

/**
 * The problems of a language's `midSentence` (`where` names it, e.g. `languages.vi`): each form must be the
 * same letters as the words it replaces, only their capitals changed (the rule changes case, never words).
 */
export function checkMidSentence(
  where: string,
  locale: string,
  forms: Readonly<Record<string, string>> | undefined,
): string[] {
  const lower = (text: string) => {
    try {
      return text.toLocaleLowerCase(locale);
    } catch {
      // A locale Intl does not know is reported by the language's own check.
      return text.toLowerCase();
    }
  };
  return Object.entries(forms ?? {}).flatMap(([start, form]) =>
    lower(start) === lower(form)
      ? []
      : [
          `${where}.midSentence."${start}": "${form}" must be the same letters as "${start}", only their capitals changed (e.g. "${lower(start)}")`,
        ],
  );
}
