import type { SessionRecord } from "../types.js";
import { parseSession, serializeSession } from "./sessionRecord.js";
import type { SessionStore } from "./sessionStore.js";

interface Entry {
  readonly json: string;
  readonly expiresAt: number;
}

/** Options of the in-memory store. */
export interface MemoryStoreOptions {
  /** Clock in epoch ms (tests pass their own). */
  readonly now?: () => number;
  /** How often expired sessions are swept, in ms; 0 disables the timer (sweep by hand). */
  readonly sweepIntervalMs?: number;
}

/**
 * Sessions in this process's memory, stored as JSON strings (compact, and a caller of `load`
 * can never mutate what is stored). Expired sessions are unreadable at once and freed by a sweep.
 */
export class MemoryStore implements SessionStore {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout | undefined;

  constructor(options: MemoryStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    const interval = options.sweepIntervalMs ?? 30_000;
    this.#timer = interval > 0 ? setInterval(() => this.sweep(), interval).unref() : undefined;
  }

  /** Number of sessions held, expired or not. */
  get size(): number {
    return this.#entries.size;
  }

  async load(callSid: string): Promise<SessionRecord | undefined> {
    const entry = this.#entries.get(callSid);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(callSid);
      return undefined;
    }
    return parseSession(entry.json);
  }

  async save(callSid: string, record: SessionRecord, ttlSeconds: number): Promise<void> {
    // Delete first so the map stays ordered by expiry and a sweep can stop at the first live entry.
    this.#entries.delete(callSid);
    this.#entries.set(callSid, { json: serializeSession(record), expiresAt: this.#now() + ttlSeconds * 1000 });
  }

  async delete(callSid: string): Promise<void> {
    this.#entries.delete(callSid);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#entries.clear();
  }

  /**
   * Frees expired sessions. Entries are kept in save order, so with one TTL for all calls the
   * sweep stops at the first live one; with mixed TTLs it still frees every expired entry it passes.
   */
  sweep(): number {
    const now = this.#now();
    let freed = 0;
    for (const [callSid, entry] of this.#entries) {
      if (entry.expiresAt > now) break;
      this.#entries.delete(callSid);
      freed++;
    }
    return freed;
  }
}
