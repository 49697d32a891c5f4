import { Redis } from "ioredis";
import type { LineSource, SessionRecord, StoredSession } from "../types.js";
import { parseLine, serializeLine } from "./lineRecord.js";
import { parseSession, SESSION_RECORD_VERSION, serializeSession } from "./sessionRecord.js";
import type { SessionStore } from "./sessionStore.js";

/** Options of the Redis store. */
export interface RedisStoreOptions {
  /** Prefix of every call's key, so several lines can share one Redis. */
  readonly keyPrefix?: string;
  /** Prefix of every version's key. */
  readonly lineKeyPrefix?: string;
  /** Longest wait for one command before the turn fails over to the safe answer, in ms. */
  readonly commandTimeoutMs?: number;
}

/**
 * The compare-and-set of `commit`, run atomically by Redis: `mayOverwrite` of `sessionRecord.ts`.
 * KEYS[1] the call; ARGV: the new record, its TTL, the expected turn (-1: no call in progress), the
 * record shape's version. A record of another shape never blocks (it reads as no session).
 * Returns nothing when saved, or the stored record that won.
 */
const COMMIT_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, stored = pcall(cjson.decode, current)
  if ok and type(stored) == 'table' and stored.v == tonumber(ARGV[4]) then
    if stored.ended == true then return current end
    if type(stored.turn) == 'number' and type(stored.call) == 'table' and stored.turn ~= tonumber(ARGV[3]) then
      return current
    end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false
`;

/**
 * Sessions in Redis, one key per call with a TTL, so any instance behind a load balancer can serve
 * any turn; versions of the line, one key each. Commands fail fast while Redis is unreachable (no
 * offline queue), and the client reconnects in the background, so the line keeps answering and
 * recovers when Redis returns.
 */
export class RedisStore implements SessionStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #linePrefix: string;
  #connectionError: Error | undefined;

  constructor(url: string, options: RedisStoreOptions = {}) {
    this.#prefix = options.keyPrefix ?? "ivr:call:";
    this.#linePrefix = options.lineKeyPrefix ?? "ivr:line:";
    this.#redis = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: 1_000,
      retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
    });
    // Connection errors are reported by `ping` (the cause) and the failing commands; never a crash.
    this.#redis.on("error", (error: Error) => {
      this.#connectionError = error;
    });
    this.#redis.on("ready", () => {
      this.#connectionError = undefined;
    });
    this.#redis.defineCommand("commitSession", { numberOfKeys: 1, lua: COMMIT_SCRIPT });
  }

  async load(callSid: string): Promise<StoredSession | undefined> {
    const json = await this.#redis.get(this.#prefix + callSid);
    return json === null ? undefined : parseSession(json);
  }

  async save(callSid: string, record: SessionRecord, ttlSeconds: number): Promise<void> {
    await this.#redis.set(this.#prefix + callSid, serializeSession(record), "EX", ttlSeconds);
  }

  async commit(
    callSid: string,
    record: StoredSession,
    ttlSeconds: number,
    expected: number | null,
  ): Promise<StoredSession | undefined> {
    const commitSession = (this.#redis as unknown as CommitCommand).commitSession;
    const winner = await commitSession.call(
      this.#redis,
      this.#prefix + callSid,
      serializeSession(record),
      ttlSeconds,
      expected ?? -1,
      SESSION_RECORD_VERSION,
    );
    if (winner === null) return undefined;
    const stored = parseSession(winner);
    if (stored === undefined) throw new Error("the call's session changed during the turn and cannot be read");
    return stored;
  }

  async end(callSid: string, ttlSeconds: number): Promise<void> {
    await this.#redis.set(this.#prefix + callSid, serializeSession({ ended: true }), "EX", ttlSeconds);
  }

  async delete(callSid: string): Promise<void> {
    await this.#redis.del(this.#prefix + callSid);
  }

  async saveLine(version: string, source: LineSource, ttlSeconds: number): Promise<void> {
    await this.#redis.set(this.#linePrefix + version, serializeLine(source), "EX", ttlSeconds);
  }

  async loadLine(version: string): Promise<LineSource | undefined> {
    const json = await this.#redis.get(this.#linePrefix + version);
    return json === null ? undefined : parseLine(json);
  }

  /** Rejects with why the connection is down (e.g. `connect ECONNREFUSED 127.0.0.1:6379`) when it is. */
  async ping(): Promise<void> {
    try {
      await this.#redis.ping();
    } catch (error) {
      throw this.#connectionError && this.#redis.status !== "ready" ? this.#connectionError : error;
    }
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }

  /** Seconds left before a call's session expires (-2 when absent); for tests and operators. */
  async ttlOf(callSid: string): Promise<number> {
    return this.#redis.ttl(this.#prefix + callSid);
  }
}

/** The script command `defineCommand` adds to the client. */
interface CommitCommand {
  commitSession(
    key: string,
    record: string,
    ttlSeconds: number,
    expected: number,
    shape: number,
  ): Promise<string | null>;
}
