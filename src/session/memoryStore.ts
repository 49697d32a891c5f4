import type { SessionRecord } from "../types.js";
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
  /** Most calls held; past it the call saved longest ago is dropped. Defaults to 100 000. */
  readonly maxCalls?: number;
  /**
   * Told when the cap is reached and calls start being dropped: once per crossing, not per call
   * (again only after the store has fallen below 90 % of the cap).
   */
  readonly onFull?: (maxCalls: number) => void;
}

/**
 * Sessions in this process's memory, stored as JSON strings (compact, and a caller of `load`
 * can never mutate what is stored). Expired sessions are unreadable at once and freed by a sweep.
 * At most `maxCalls` are held: past it the call saved longest ago is dropped, so memory stays bounded.
 */
export class MemoryStore implements SessionStore {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout | undefined;
  readonly #maxCalls: number;
  readonly #onFull: ((maxCalls: number) => void) | undefined;
  #full = false;

  constructor(options: MemoryStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxCalls = options.maxCalls ?? 100_000;
    this.#onFull = options.onFull;
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
    return JSON.parse(entry.json) as SessionRecord;
  }

  async save(callSid: string, record: SessionRecord, ttlSeconds: number): Promise<void> {
    // Delete first so the map stays ordered by expiry and a sweep can stop at the first live entry.
    this.#entries.delete(callSid);
    if (this.#full && this.#entries.size < this.#maxCalls * 0.9) this.#full = false;
    this.#entries.set(callSid, { json: JSON.stringify(record), expiresAt: this.#now() + ttlSeconds * 1000 });
    if (this.#entries.size <= this.#maxCalls) return;
    const oldest = this.#entries.keys().next().value as string;
    this.#entries.delete(oldest);
    if (!this.#full) {
      this.#full = true;
      this.#onFull?.(this.#maxCalls);
    }
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
