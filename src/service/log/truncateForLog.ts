/** Longest request-derived string written to a log line, in characters. */
export const LOGGED_TEXT_LIMIT = 200;

/**
 * Shortens a string taken from a request (a URL, a path, a header) before it is logged, so a client
 * cannot inflate the logs: `…[+14800 chars]` tells how much was cut.
 */
export function truncateForLog(value: string, limit: number = LOGGED_TEXT_LIMIT): string {
  return value.length <= limit ? value : `${value.slice(0, limit)}…[+${value.length - limit} chars]`;
}
