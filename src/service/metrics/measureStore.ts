import type { SessionStore } from "../session/sessionStore.js";
import { StoreTimeoutError } from "../turn/withDeadline.js";
import type { Metrics } from "./createMetrics.js";
import type { StoreOperation } from "./metricLabels.js";

/** Errors a measured store rejected with: told apart from the line's own by `isStoreFailure`. */
const storeFailures = new WeakSet<object>();

/** Whether an error is the session store's: one a measured store rejected with, or a store deadline passed. */
export function isStoreFailure(error: unknown): boolean {
  return (
    error instanceof StoreTimeoutError || (typeof error === "object" && error !== null && storeFailures.has(error))
  );
}

/**
 * Wraps a session store so that every operation is timed (`ivr_session_store_duration_seconds`) and every
 * failure counted (`ivr_session_store_errors_total`), whatever the store (memory, Redis). It answers
 * exactly as the store does: same values, same errors.
 */
export function measureStore(store: SessionStore, metrics: Metrics): SessionStore {
  const timed = <T>(operation: StoreOperation, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const took = () => metrics.storeDuration.observe({ operation }, (performance.now() - started) / 1000);
    let pending: Promise<T>;
    try {
      pending = work();
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(
      (value) => {
        took();
        return value;
      },
      (error: unknown) => {
        took();
        metrics.storeErrors.inc({ operation });
        if (typeof error === "object" && error !== null) storeFailures.add(error);
        throw error;
      },
    );
  };
  return {
    load: (callSid) => timed("load", () => store.load(callSid)),
    commit: (callSid, record, ttlSeconds, expected) =>
      timed("commit", () => store.commit(callSid, record, ttlSeconds, expected)),
    end: (callSid, ttlSeconds) => timed("end", () => store.end(callSid, ttlSeconds)),
    saveLine: (version, source, ttlSeconds) => timed("saveLine", () => store.saveLine(version, source, ttlSeconds)),
    loadLine: (version) => timed("loadLine", () => store.loadLine(version)),
    ping: () => timed("ping", () => store.ping()),
    close: () => store.close(),
  };
}
