/**
 * Masks a phone number for logs, keeping the country and area code and the last four digits:
 * `+15035550123` → `+1503***0123`. Anything else that is not a number (e.g. `client:alice`) keeps
 * only its scheme.
 */
export function maskPhone(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return value;
  const e164 = /^\+(\d{4})\d*(\d{4})$/.exec(value);
  if (e164) return `+${e164[1]}***${e164[2]}`;
  if (/^\+?\d+$/.test(value)) return "***";
  const scheme = /^([a-z]+):/i.exec(value);
  return scheme ? `${scheme[1]}:***` : "***";
}
