import type { Redis } from "ioredis";
import { createRedisClient } from "./createRedisClient.js";
import { isTransient } from "./isTransient.js";
import { MAX_REPLICA_WAIT_MS, type RedisTarget } from "./redisTarget.js";

/** Options of a connection to Redis. */
export interface RedisConnectionOptions {
  /** Longest wait for one try of a command, in ms; defaults to 500. */
  readonly commandTimeoutMs?: number;
  /**
   * How long a command that failed for a passing reason (connection lost, a replica being promoted) is
   * tried again, in ms from its first try; defaults to 1 500, so that with the last try a store operation
   * ends within the turn's 2 s. 0: never again.
   */
  readonly retryWithinMs?: number;
  /**
   * Commands are tried again only while the connection has been lost for less than this, in ms (a failover
   * takes seconds); defaults to 10 000. Before the first connection and in a longer outage they fail at
   * once, so callers hear the safe answer without waiting for a Redis that is not coming back soon.
   */
  readonly failoverWindowMs?: number;
  /**
   * After each write, wait this long at most for a replica to acknowledge it (`WAIT 1 <ms>`), so a
   * failover cannot lose what the caller was answered for; 0 (the default) does not wait. At most 400,
   * so the wait fits in one try.
   */
  readonly replicaWaitMs?: number;
  /**
   * Told when no replica acknowledged a write within `replicaWaitMs` (the answer goes out anyway). The
   * writes of the next second then do not wait, so while no replica is there (after a failover, before
   * the old primary returns as a replica) one write a second pays the wait, not every one.
   */
  readonly onUnacknowledged?: (waitedMs: number) => void;
  /** Clock in epoch ms (tests pass their own). */
  readonly now?: () => number;
}

/** Pause between two tries of a command, in ms: a reconnection attempt is at most 500 ms apart. */
const RETRY_PAUSE_MS = 50;
/** After an unacknowledged write, how long writes do not wait for a replica, in ms. */
const UNACKNOWLEDGED_PAUSE_MS = 1_000;

/**
 * A connection to Redis (one address, or the primary named by Sentinels) for everything of the service on
 * Redis: reads and writes tried again within a bound while the connection is lost or a replica is promoted,
 * writes acknowledged by a replica when asked to, and `ping` for readiness, reporting why it is down.
 */
export class RedisConnection {
  /** The client, for commands a caller runs through `read` and `write`. */
  readonly client: Redis;
  readonly #retryWithinMs: number;
  readonly #failoverWindowMs: number;
  readonly #replicaWaitMs: number;
  readonly #onUnacknowledged: ((waitedMs: number) => void) | undefined;
  readonly #now: () => number;
  #connectionError: Error | undefined;
  #unacknowledgedUntil = 0;
  /** Whether the client is connected, and when it last lost a connection it had (undefined: never had one). */
  #connected = false;
  #lostAt: number | undefined;
  #closed = false;

  constructor(target: RedisTarget, options: RedisConnectionOptions = {}) {
    this.#retryWithinMs = options.retryWithinMs ?? 1_500;
    this.#failoverWindowMs = options.failoverWindowMs ?? 10_000;
    this.#replicaWaitMs = Math.min(options.replicaWaitMs ?? 0, MAX_REPLICA_WAIT_MS);
    this.#onUnacknowledged = options.onUnacknowledged;
    this.#now = options.now ?? Date.now;
    this.client = createRedisClient(target, { kind: "failFast", timeoutMs: options.commandTimeoutMs ?? 500 });
    // Connection errors are reported by `ping` (the cause) and the failing commands; never a crash.
    this.client.on("error", (error: Error) => {
      this.#connectionError = error;
    });
    this.client.on("ready", () => {
      this.#connectionError = undefined;
      this.#connected = true;
    });
    this.client.on("close", () => {
      if (this.#connected) this.#lostAt = this.#now();
      this.#connected = false;
    });
  }

  /** Runs a command that changes nothing, tried again while it fails for a passing reason. */
  read<T>(command: (client: Redis) => Promise<T>): Promise<T> {
    return this.#retry(() => command(this.client));
  }

  /**
   * Runs a command that changes Redis, tried again while it fails for a passing reason, then waits for a
   * replica's acknowledgement when asked to. `tries` tells the command whether an earlier try may have
   * been applied (its answer was lost), so a compare-and-set can recognise its own write.
   */
  write<T>(command: (client: Redis, tries: number) => Promise<T>): Promise<T> {
    return this.#retry(async (tries) => {
      const result = await command(this.client, tries);
      await this.#acknowledge();
      return result;
    });
  }

  /** Rejects with why the connection is down (e.g. `connect ECONNREFUSED 127.0.0.1:6379`) when it is; never retried. */
  async ping(): Promise<void> {
    try {
      await this.client.ping();
    } catch (error) {
      throw this.#connectionError && this.client.status !== "ready" ? this.#connectionError : error;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.client.quit().catch(() => this.client.disconnect());
  }

  async #retry<T>(attempt: (tries: number) => Promise<T>): Promise<T> {
    const until = this.#now() + this.#retryWithinMs;
    for (let tries = 0; ; tries++) {
      try {
        return await attempt(tries);
      } catch (error) {
        if (!this.#mayRetry(error) || this.#now() + RETRY_PAUSE_MS > until) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
      }
    }
  }

  /** Whether a failed command is worth another try: a passing failure, while connected or early in an outage. */
  #mayRetry(error: unknown): boolean {
    if (this.#closed || !isTransient(error)) return false;
    if (this.#connected) return true;
    return this.#lostAt !== undefined && this.#now() - this.#lostAt < this.#failoverWindowMs;
  }

  async #acknowledge(): Promise<void> {
    if (this.#replicaWaitMs === 0 || this.#now() < this.#unacknowledgedUntil) return;
    const replicas = await this.client.wait(1, this.#replicaWaitMs);
    if (replicas >= 1) return;
    this.#unacknowledgedUntil = this.#now() + UNACKNOWLEDGED_PAUSE_MS;
    this.#onUnacknowledged?.(this.#replicaWaitMs);
  }
}
