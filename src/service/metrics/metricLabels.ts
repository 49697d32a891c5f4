import type { SessionStore } from "../session/sessionStore.js";

/* The values of the metrics' closed labels, each listed once: the metrics are created with every one. */

/** How a reload of the line went: a new version served, the same one, or the files refused. */
export const RELOAD_RESULTS = ["changed", "unchanged", "refused"] as const;

/** One of `RELOAD_RESULTS`. */
export type ReloadOutcome = (typeof RELOAD_RESULTS)[number];

/**
 * Why a turn got the safe answer: `params` (the webhook's parameters did not validate), `store` (the
 * session store failed or did not answer in time), `error` (anything else: a bug, or a call's version of
 * the line that no instance kept).
 */
export const SAFE_ANSWER_CAUSES = ["params", "store", "error"] as const;

/** One of `SAFE_ANSWER_CAUSES`. */
export type SafeAnswerCause = (typeof SAFE_ANSWER_CAUSES)[number];

/** The session store's operations, as the `operation` label names them (`close` is not measured). */
export const STORE_OPERATIONS = [
  "load",
  "commit",
  "end",
  "saveLine",
  "loadLine",
  "ping",
] as const satisfies ReadonlyArray<keyof SessionStore>;

/** One of `STORE_OPERATIONS`. */
export type StoreOperation = (typeof STORE_OPERATIONS)[number];
