import { createHmac } from "node:crypto";

/**
 * What Twilio sends as `From` when the caller withheld their number: keypad spellings of ANONYMOUS,
 * RESTRICTED, BLOCKED and UNKNOWN. Every such caller would share one key, so they get none.
 */
const WITHHELD = new Set(["+266696687", "+7378742833", "+2562533", "+8656696"]);

/** Hex digits of the HMAC kept in a caller key (128 bits: no collisions among any plan's callers). */
const KEY_HEX_DIGITS = 32;

/**
 * The stable key of a caller: HMAC-SHA256 of their E.164 number with the secret `salt`
 * (`ANALYTICS_SALT`), in hex, cut to 128 bits. Repeat callers can be counted without storing their
 * number, and without the salt the key cannot be turned back into one. Undefined for anything that is
 * not an E.164 number (SIP clients, withheld numbers) and when there is no salt.
 */
export function deriveCallerKey(from: string | undefined, salt: string | undefined): string | undefined {
  if (!salt || !from || !/^\+[1-9]\d{6,14}$/.test(from) || WITHHELD.has(from)) return undefined;
  return createHmac("sha256", salt).update(from).digest("hex").slice(0, KEY_HEX_DIGITS);
}
