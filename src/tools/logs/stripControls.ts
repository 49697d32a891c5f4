/**
 * Control characters (Unicode's Cc): C0 (a log value is one line, so none is kept), DEL, and C1. ESC (and
 * CSI, OSC and the other C1 controls) start the escape sequences a terminal obeys: clearing the screen,
 * retitling the window, hiding text, writing links.
 */
const CONTROLS = /\p{Cc}/gu;

/** What may hide a control character in a log line: a `\u` escape of JSON, or one written as it is. */
const MAY_HOLD_CONTROLS = /\\u|\p{Cc}/u;

/** A value read from a log, stripped of control characters, so that printing it cannot drive the terminal. */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, "");
}

/**
 * Parses a log line's JSON with every string in it stripped of control characters (`stripControls`): what
 * `replay` and `report` read of a log, and may print. Throws as `JSON.parse` does on a line that is not JSON.
 */
export function parseLogJson(line: string): unknown {
  if (!MAY_HOLD_CONTROLS.test(line)) return JSON.parse(line);
  return JSON.parse(line, (_key, value: unknown) => (typeof value === "string" ? stripControls(value) : value));
}
