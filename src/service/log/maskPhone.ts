import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * Masks a phone number for logs: at most the country code and the last four digits show, whatever
 * the number's length (`+15035550123` → `+1***0123`; `+67712345` → `+677***2345`). When the national
 * part has four digits or fewer, none of it shows (`+2901234` → `+290***`). A number whose country
 * code is unknown shows no digit; anything that is not a number (e.g. `client:alice`) keeps only its scheme.
 */
export function maskPhone(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return value;
  if (/^\+\d+$/.test(value)) {
    const parsed = parsePhoneNumberFromString(value);
    if (!parsed) return "+***";
    const national = parsed.nationalNumber;
    return `+${parsed.countryCallingCode}***${national.length > 4 ? national.slice(-4) : ""}`;
  }
  if (/^\d+$/.test(value)) return "***";
  const scheme = /^([a-z]+):/i.exec(value);
  return scheme ? `${scheme[1]}:***` : "***";
}

/**
 * A phone number inside text: 7 to 15 digits, alone (no letter or digit on either side), with a leading `+` or
 * its URL encoding `%2B`, and single separators (`-`, `.`, space, `%20`) between digits.
 */
const NUMBER_IN_TEXT = /(?<![0-9A-Za-z])(?:\+|%2B)?\d(?:(?:[-. ]|%20)?\d){6,14}(?![0-9A-Za-z])/gi;

/**
 * Masks every phone number found in text taken from a request (a path, a URL) as `maskPhone` does, e.g.
 * `/voice/%2B15035550123` → `/voice/+1***0123`; digits without a `+` show none (`***`).
 */
export function maskPhonesIn(text: string): string {
  return text.replace(NUMBER_IN_TEXT, (found) => {
    const plus = /^(?:\+|%2B)/i.exec(found)?.[0] ?? "";
    const digits = found.slice(plus.length).replace(/%20/g, "").replace(/\D/g, "");
    return maskPhone(plus === "" ? digits : `+${digits}`) ?? "";
  });
}
