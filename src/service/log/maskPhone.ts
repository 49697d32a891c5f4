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
