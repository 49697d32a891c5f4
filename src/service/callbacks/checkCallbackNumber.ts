import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { Directory } from "../types.js";

/** A number the line may call back, or why not. */
export type CallbackNumberCheck =
  | { readonly ok: true; readonly e164: string }
  | { readonly ok: false; readonly reason: "invalid" | "own" };

/**
 * Whether `input` (10 digits keyed in, or a caller ID in E.164) is a US number the line may call back: valid
 * by libphonenumber's full metadata, and not one of the line's own inbound numbers (which would ring the line).
 */
export function checkCallbackNumber(input: string, directory: Directory): CallbackNumberCheck {
  const text = input.trim();
  if (!/^(\+1)?\d{10}$/.test(text)) return { ok: false, reason: "invalid" };
  const parsed = parsePhoneNumberFromString(text.startsWith("+") ? text : `+1${text}`);
  if (parsed?.country !== "US" || !parsed.isValid()) return { ok: false, reason: "invalid" };
  const e164 = parsed.number;
  if (directory.regionByInbound.has(e164)) return { ok: false, reason: "own" };
  return { ok: true, e164 };
}

/** The last `count` digits of a number, spaced to be read one by one ("0 1 2 3"). */
export function spellDigits(number: string, count?: number): string {
  const digits = number.replace(/\D/g, "");
  return (count === undefined ? digits : digits.slice(-count)).split("").join(" ");
}
