import { maskPhonesIn } from "./maskPhone.js";
import { truncateForLog } from "./truncateForLog.js";

/**
 * Text taken from a request (a URL, a path, a header) made fit for a log line: any phone number in it masked
 * (`maskPhonesIn`: at most the country code and the last 4 digits show), then cut to `LOGGED_TEXT_LIMIT`.
 */
export function sanitizeForLog(value: string): string {
  return truncateForLog(maskPhonesIn(value));
}
