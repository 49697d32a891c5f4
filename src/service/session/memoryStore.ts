import type { LineSource, StoredSession } from "../types.js";
import { parseLine, serializeLine } from "./lineRecord.js";
import { mayOverwrite, parseSession, serializeSession } from "./sessionRecord.js";
import type { SessionStore } from "./sessionStore.js";

const ENDED = { ended: true } as const;

interface Entry {
  readonly json: string;
  readonly expiresAt: number;
  /** What `commit` compares, kept beside the JSON so a commit need not parse it: the turn, or ended. */
  readonly turn: number | "ended";
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
 * One process runs one turn's compare and save without yielding, so `commit` is atomic here.
 * At most `maxCalls` are held: past it the call saved longest ago is dropped, so memory stays bounded.
 */
export class MemoryStore implements SessionStore {
  readonly #entries = new Map<string, Entry>();
  readonly #lines = new Map<string, { readonly json: string; readonly expiresAt: number }>();
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

  async load(callSid: string): Promise<StoredSession | undefined> {
    return this.#read(callSid);
  }

  async commit(
    callSid: string,
    record: StoredSession,
    ttlSeconds: number,
    expected: number | null,
  ): Promise<StoredSession | undefined> {
    const entry = this.#live(callSid);
    const current = entry && (entry.turn === "ended" ? ENDED : { turn: entry.turn });
    if (!mayOverwrite(current, expected)) return this.#read(callSid);
    this.#write(callSid, record, ttlSeconds);
    return undefined;
  }

  async end(callSid: string, ttlSeconds: number): Promise<void> {
    this.#write(callSid, ENDED, ttlSeconds);
  }

  async saveLine(version: string, source: LineSource, ttlSeconds: number): Promise<void> {
    this.#lines.set(version, { json: serializeLine(source), expiresAt: this.#now() + ttlSeconds * 1000 });
  }

  async loadLine(version: string): Promise<LineSource | undefined> {
    const entry = this.#lines.get(version);
    if (!entry || entry.expiresAt <= this.#now()) return undefined;
    return parseLine(entry.json);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#entries.clear();
    this.#lines.clear();
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
    for (const [version, entry] of this.#lines) if (entry.expiresAt <= now) this.#lines.delete(version);
    return freed;
  }

  #live(callSid: string): Entry | undefined {
    const entry = this.#entries.get(callSid);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(callSid);
      return undefined;
    }
    return entry;
  }

  #read(callSid: string): StoredSession | undefined {
    const entry = this.#live(callSid);
    return entry && parseSession(entry.json);
  }

  #write(callSid: string, session: StoredSession, ttlSeconds: number): void {
    // Delete first so the map stays ordered by expiry and a sweep can stop at the first live entry.
    this.#entries.delete(callSid);
    if (this.#full && this.#entries.size < this.#maxCalls * 0.9) this.#full = false;
    this.#entries.set(callSid, {
      json: serializeSession(session),
      expiresAt: this.#now() + ttlSeconds * 1000,
      turn: "ended" in session ? "ended" : session.turn,
    });
    if (this.#entries.size <= this.#maxCalls) return;
    const oldest = this.#entries.keys().next().value as string;
    this.#entries.delete(oldest);
    if (!this.#full) {
      this.#full = true;
      this.#onFull?.(this.#maxCalls);
    }
  }
}
