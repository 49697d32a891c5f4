import { Redis } from "ioredis";
import type { SessionRecord } from "../types.js";
import type { SessionStore } from "./sessionStore.js";

/** Options of the Redis store. */
export interface RedisStoreOptions {
  /** Prefix of every key, so several lines can share one Redis. */
  readonly keyPrefix?: string;
  /** Longest wait for one command before the turn fails over to the safe answer, in ms. */
  readonly commandTimeoutMs?: number;
}

/**
 * Sessions in Redis, one key per call with a TTL, so any instance behind a load balancer can serve
 * any turn. Commands fail fast while Redis is unreachable (no offline queue), and the client
 * reconnects in the background, so the line keeps answering and recovers when Redis returns.
 */
export class RedisStore implements SessionStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  #connectionError: Error | undefined;

  constructor(url: string, options: RedisStoreOptions = {}) {
    this.#prefix = options.keyPrefix ?? "ivr:call:";
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
  }

  async load(callSid: string): Promise<SessionRecord | undefined> {
    const json = await this.#redis.get(this.#prefix + callSid);
    return json === null ? undefined : (JSON.parse(json) as SessionRecord);
  }

  async save(callSid: string, record: SessionRecord, ttlSeconds: number): Promise<void> {
    await this.#redis.set(this.#prefix + callSid, JSON.stringify(record), "EX", ttlSeconds);
  }

  async delete(callSid: string): Promise<void> {
    await this.#redis.del(this.#prefix + callSid);
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
