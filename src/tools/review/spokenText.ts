/**
 * What a text sounds like: which numbers it says and how long it takes. Prompts spell numbers out for the
 * voice ("dial 9 1 1"), so digits separated by spaces, dots or dashes count as one number.
 */

/** A voice reads about this many words a minute (Amazon Polly's neural voices at their default rate). */
export const WORDS_PER_MINUTE = 150;

/** Whether the text says the number, e.g. `911` in "hang up and dial 9 1 1". */
export function saysNumber(text: string, digits: string): boolean {
  const joined = text.replace(/(\d)[\s.-]+(?=\d)/g, "$1");
  return new RegExp(`(^|\\D)${digits}(\\D|$)`).test(joined);
}

/**
 * A voice reads about this many characters a minute of a script written without spaces (Chinese,
 * Japanese): each character is a syllable, about four a second.
 */
export const CHARACTERS_PER_MINUTE = 240;

/** Characters of scripts written without spaces between words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/**
 * Seconds a voice takes to say the text, estimated from its words at `WORDS_PER_MINUTE` (and the
 * characters of Chinese or Japanese at `CHARACTERS_PER_MINUTE`).
 */
export function secondsToSay(text: string): number {
  const characters = text.match(UNSPACED)?.length ?? 0;
  const words = text
    .replace(UNSPACED, " ")
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return (words / WORDS_PER_MINUTE) * 60 + (characters / CHARACTERS_PER_MINUTE) * 60;
}
