import type { LineSource, StoredSession } from "../types.js";

/**
 * Where calls' sessions live between turns, and the versions of the line calls are on. Implementations:
 * memory (one process) and Redis (several processes behind a load balancer). Every method may reject;
 * the turn answers the caller safely when it does.
 */
export interface SessionStore {
  /** The session of a call: in progress, ended, or undefined when unknown, expired or unreadable. */
  load(callSid: string): Promise<StoredSession | undefined>;
  /**
   * Saves a call's next session (or marks it ended) only if the stored one is still the one the turn started from: the call
   * at turn `expected`, or (null) no call in progress. Atomic across instances. The session expires
   * `ttlSeconds` after this save. Resolves undefined when saved, or with the stored session that won (the
   * turn then answers as it does).
   */
  commit(
    callSid: string,
    record: StoredSession,
    ttlSeconds: number,
    expected: number | null,
  ): Promise<StoredSession | undefined>;
  /** Marks a call ended for `ttlSeconds`: later requests for it are hung up, never started over. */
  end(callSid: string, ttlSeconds: number): Promise<void>;
  /** Keeps a version of the line for `ttlSeconds`, so any instance can compile it. */
  saveLine(version: string, source: LineSource, ttlSeconds: number): Promise<void>;
  /** A version of the line, or undefined when no instance kept it. */
  loadLine(version: string): Promise<LineSource | undefined>;
  /** Checks the store answers; rejects when it does not. */
  ping(): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
