import type { SessionRecord } from "../types.js";

/**
 * Where calls' sessions live between turns. Implementations: memory (one process) and Redis
 * (several processes behind a load balancer). Every method may reject; the route answers the
 * caller safely when it does.
 */
export interface SessionStore {
  /** The session of a call, or undefined when unknown or expired. */
  load(callSid: string): Promise<SessionRecord | undefined>;
  /** Saves a call's session; it expires `ttlSeconds` after this save. */
  save(callSid: string, record: SessionRecord, ttlSeconds: number): Promise<void>;
  /** Forgets a call (it ended). */
  delete(callSid: string): Promise<void>;
  /** Checks the store answers; rejects when it does not. */
  ping(): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
