import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * A number written for people in the international format, e.g. `+18009720700` → `+1 800 972 0700`;
 * anything libphonenumber cannot read is returned as given.
 */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
