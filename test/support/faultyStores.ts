import { MemoryStore } from "../../src/service/session/memoryStore.js";
import { mayOverwrite, parseSession } from "../../src/service/session/sessionRecord.js";
import type { SessionStore } from "../../src/service/session/sessionStore.js";
import type { LineSource, StoredSession } from "../../src/service/types.js";

/** What one store operation does: work, fail at once, or never answer. */
export type Fault = "ok" | "reject" | "hang";

/** Which operations misbehave. */
export interface Faults {
  readonly load?: Fault;
  /** Saving a session: `commit`. */
  readonly save?: Fault;
  /** Marking a call ended: `end`. */
  readonly delete?: Fault;
  readonly ping?: Fault;
}

/**
 * A session store that fails on demand: an operation rejects (Redis refused the connection) or never
 * settles (a store that hangs). Working operations use an in-memory store. Counts every call.
 */
export class FaultyStore implements SessionStore {
  readonly calls = { load: 0, save: 0, delete: 0, ping: 0 };
  readonly inner: SessionStore;
  faults: Faults;

  constructor(faults: Faults, inner: SessionStore = new MemoryStore({ sweepIntervalMs: 0 })) {
    this.faults = faults;
    this.inner = inner;
  }

  load(callSid: string): Promise<StoredSession | undefined> {
    this.calls.load++;
    return this.#run("load", () => this.inner.load(callSid));
  }

  commit(
    callSid: string,
    record: StoredSession,
    ttlSeconds: number,
    expected: number | null,
  ): Promise<StoredSession | undefined> {
    this.calls.save++;
    return this.#run("save", () => this.inner.commit(callSid, record, ttlSeconds, expected));
  }

  end(callSid: string, ttlSeconds: number): Promise<void> {
    this.calls.delete++;
    return this.#run("delete", () => this.inner.end(callSid, ttlSeconds));
  }

  saveLine(version: string, source: LineSource, ttlSeconds: number): Promise<void> {
    return this.inner.saveLine(version, source, ttlSeconds);
  }

  loadLine(version: string): Promise<LineSource | undefined> {
    return this.inner.loadLine(version);
  }

  ping(): Promise<void> {
    this.calls.ping++;
    return this.#run("ping", () => this.inner.ping());
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  #run<T>(operation: keyof Faults, work: () => Promise<T>): Promise<T> {
    const fault = this.faults[operation] ?? "ok";
    if (fault === "reject") return Promise.reject(new Error(`session store ${operation} failed (test fault)`));
    if (fault === "hang") return new Promise<T>(() => {});
    return work();
  }
}

/** A store holding, for every call, a record the app did not save (a bug, or a foreign writer), read as the stores read. */
export class CorruptStore extends MemoryStore {
  constructor(private readonly corrupt: unknown) {
    super({ sweepIntervalMs: 0 });
  }

  override async load(_callSid: string): Promise<StoredSession | undefined> {
    return parseSession(JSON.stringify(this.corrupt));
  }

  /** Compares against the record held, as the stores do; what is saved is never read back. */
  override async commit(
    _callSid: string,
    _record: StoredSession,
    _ttlSeconds: number,
    expected: number | null,
  ): Promise<StoredSession | undefined> {
    const current = await this.load(_callSid);
    return mayOverwrite(current, expected) ? undefined : current;
  }
}

/** Holds loads until `size` of them wait, then releases them together: two turns truly in flight at once. */
export class LoadGate {
  #waiting: Array<() => void> = [];
  constructor(readonly size: number) {}

  /** Resolves once `size` callers wait here (then the next `size` wait again). */
  pass(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      if (this.#waiting.length >= this.size) for (const release of this.#waiting.splice(0)) release();
    });
  }
}

/** A store whose `load` waits at a gate shared with other instances' stores, then reads as usual. */
export class GatedStore extends FaultyStore {
  constructor(
    private readonly gate: LoadGate,
    inner: SessionStore,
  ) {
    super({}, inner);
  }

  /** Let every load through without waiting (e.g. the first request of a call). */
  open = true;

  override async load(callSid: string): Promise<StoredSession | undefined> {
    if (!this.open) await this.gate.pass();
    return super.load(callSid);
  }
}
