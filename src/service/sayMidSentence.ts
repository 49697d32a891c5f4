/**
 * How words `Intl` gives as at the start of a sentence begin mid-sentence in one language: the start of the
 * words as `Intl` writes it, and the same letters as said mid-sentence (only their capitals differ), e.g.
 * `{ "Thứ": "thứ" }` in Vietnamese, where `Intl` names Monday "Thứ Hai".
 */
export type MidSentenceForms = Readonly<Record<string, string>>;

/**
 * Words of `Intl` (a day, a time zone) as said mid-sentence: their start replaced by its form in `forms` (the
 * longest that starts them, as whole words), unchanged when none does. "Thứ Hai" → "thứ Hai" with
 * `{ "Thứ": "thứ" }`; "Thứa" is not started by "Thứ".
 */
export function sayMidSentence(words: string, forms: MidSentenceForms | undefined): string {
  if (forms === undefined) return words;
  const start = Object.keys(forms)
    .filter((s) => words.startsWith(s) && !/^[\p{L}\p{M}]/u.test(words.slice(s.length)))
    .sort((a, b) => b.length - a.length)[0];
  return start === undefined ? words : `${forms[start]}${words.slice(start.length)}`;
}
