/**
 * Where a prompt, as written, names a key in its own words instead of a placeholder: a lone digit
 * ("press 3"), a `*` or `#`, or the flow's word for one ("press star"). Numbers that name no key are left
 * alone: a number spelled out digit by digit ("dial 9 1 1", "7 1 1"), a longer number ("24 hours"), a
 * time or an amount ("8 AM", "5:30", "$5"), a count of something ("7 days", "3 times", "24小时").
 */

/** Placeholders (`{key}`, `{key:pharmacy}`, `{team}`): filled from the flow, never written keys. */
const PLACEHOLDER = /\{[^{}]*\}/g;

/** Digits spelled out one by one, as prompts write a number for the voice ("9 1 1", "9-1-1"). */
const SPELLED_NUMBER = /\d(?:[ .-]\d)+/g;

/** What after a number makes it a time, an amount or a count, not a key (a word, in the line's languages). */
const UNIT =
  /^\s*(?:[:.,]\d|%|[ap]\.?\s?m\b|o'clock|(?:h|hrs?|hours?|horas?|heures?|oras|giờ|mins?|minutes?|minutos?|phút|times?|veces|fois|beses|lần|days?|d[ií]as?|jours?|ngày|araw|weeks?|semanas?|semaines?|linggo|tuần|months?|mes(?:es)?|mois|buwan|tháng|years?|a[ñn]os?|ans?|taon|năm)(?![\p{L}\p{N}])|[小時时點点分天日週周个個月年次号號])/iu;

/** A lone digit: no digit or Latin letter against it (Chinese characters may be), no currency before it. */
const LONE_DIGIT = /(?<![\p{N}\p{Script=Latin}$€£¥.,:])\d(?![\p{N}\p{Script=Latin}])/gu;

/** One key a text names in its own words, as written there (e.g. `3`, `*`, `star`). */
export interface KeyInText {
  readonly key: string;
  readonly written: string;
}

/**
 * The keys a written text names in its own words, in order: lone digits, `*` and `#`, and the words
 * given for them (`words`, e.g. `{"*": "star"}`), matched whole and regardless of case.
 */
export function findKeysInText(text: string, words: Readonly<Record<string, string>> = {}): KeyInText[] {
  const plain = text.replace(PLACEHOLDER, " ").replace(SPELLED_NUMBER, (run) => run.replace(/\D/g, ""));
  const found: Array<KeyInText & { readonly at: number }> = [];
  for (const m of plain.matchAll(LONE_DIGIT))
    if (!UNIT.test(plain.slice(m.index + 1))) found.push({ key: m[0], written: m[0], at: m.index });
  for (const m of plain.matchAll(/[*#]/g)) found.push({ key: m[0], written: m[0], at: m.index });
  for (const [key, word] of Object.entries(words))
    for (const m of plain.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, "giu")))
      found.push({ key, written: m[0], at: m.index });
  return found.sort((a, b) => a.at - b.at).map(({ key, written }) => ({ key, written }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
