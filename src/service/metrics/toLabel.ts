/**
 * What a label may carry: one of the line's own ids (camelCase: `northwest`, `pharmacy`, `main`, `vi`) or
 * a fixed word (`no-answer`). It starts with a lowercase letter, so no phone number, no digits typed and no
 * words said can pass, and it is short.
 */
const LABEL_PATTERN = /^[a-z][a-zA-Z0-9-]{0,63}$/;

/** The label for a region, team, menu or language that is not known (null, missing, or not an id). */
export const UNKNOWN_LABEL = "unknown";

/**
 * A record's field as a label value: the field when it is an id or a fixed word, else `unknown`. Series stay
 * bounded by the line's own ids, and nothing personal can become a label even if a record carried it.
 */
export function toLabel(value: unknown): string {
  return typeof value === "string" && LABEL_PATTERN.test(value) ? value : UNKNOWN_LABEL;
}
