import type { Metrics } from "./createMetrics.js";
import { isStoreFailure } from "./measureStore.js";
import type { SafeAnswerCause } from "./metricLabels.js";

/**
 * The log lines of the fail-safe path, each written with the answer it describes, and the cause each
 * tells. A recovered turn the store could not save is answered without a session (the safe answer, or
 * the transfer the caller just chose): a store fault either way.
 */
const SAFE_ANSWER_LINES: Readonly<Record<string, (fields: Readonly<Record<string, unknown>>) => SafeAnswerCause>> = {
  "malformed webhook parameters; answered with a transfer to a representative": () => "params",
  "turn failed; the caller hears an apology and is transferred": (fields) =>
    isStoreFailure(fields.err) ? "store" : "error",
  "could not save a recovered turn; answered without a session": () => "store",
};

/**
 * Counts a safe answer (`ivr_safe_answers_total{cause}`) when `msg` is the log line of one, from the same
 * line the log records; any other line is ignored.
 */
export function countSafeAnswer(metrics: Metrics, msg: string, fields: Readonly<Record<string, unknown>>): void {
  const causeOf = Object.hasOwn(SAFE_ANSWER_LINES, msg) ? SAFE_ANSWER_LINES[msg] : undefined;
  if (causeOf) metrics.safeAnswers.inc({ cause: causeOf(fields) });
}
