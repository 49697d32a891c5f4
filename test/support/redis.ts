import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll } from "vitest";
import { RedisConnection, type RedisConnectionOptions } from "../../src/service/redis/redisConnection.js";
import type { RedisTarget } from "../../src/service/redis/redisTarget.js";
import { RedisStore, type RedisStoreOptions } from "../../src/service/session/redisStore.js";
import { HAS_REDIS_SERVER, RedisProcess } from "./redisProcesses.js";

/**
 * Starts a `redis-server` for this test file (a free loopback port, no persistence), stopped after its
 * tests; undefined when the machine has none.
 */
async function startOwnRedis(): Promise<string | undefined> {
  if (!HAS_REDIS_SERVER) return undefined;
  const server = await RedisProcess.server();
  afterAll(() => server.stop());
  return server.url;
}

/**
 * Where the Redis tests run: `REDIS_URL` when set (CI sets it), else a `redis-server` this test file starts
 * and stops; undefined (the Redis suites are skipped) only when neither is there.
 */
export const REDIS_URL: string | undefined = process.env.REDIS_URL || (await startOwnRedis());

/** Why the Redis suites are skipped, shown in their titles and once on stderr per file. */
export const REDIS_SKIP_REASON =
  "skipped: REDIS_URL is not set and there is no redis-server on this machine (apt-get install redis-server, or set REDIS_URL=redis://127.0.0.1:6379)";

/** The title of a Redis suite: the reason it is skipped when it is. */
export function redisSuite(title: string): string {
  return REDIS_URL ? title : `${title} [${REDIS_SKIP_REASON}]`;
}

/** Says on stderr why a file's Redis tests are skipped, so a green run does not hide it. */
export function warnIfRedisSkipped(file: string): void {
  if (!REDIS_URL) console.warn(`${file}: Redis tests ${REDIS_SKIP_REASON}`);
}

/** A key prefix no other run or test shares. */
export function uniquePrefix(label: string): string {
  return `ivr-test:${label}:${process.pid}:${Date.now()}:${randomBytes(4).toString("hex")}:`;
}

/**
 * Waits until the client behind a store answers: the store refuses commands while it connects (no
 * offline queue), so a test must not race it. Rejects with a clear message when Redis stays
 * unreachable, so the Redis tests fail instead of passing vacuously.
 */
export async function waitForRedis(store: { ping(): Promise<void> }, where: string, withinMs = 5_000): Promise<void> {
  const until = Date.now() + withinMs;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      await store.ping();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`Redis at ${where} is unreachable (the Redis tests must run): ${String(lastError)}`);
}

/** How a test's Redis store is built: its key prefixes and its connection's behaviour. */
export type TestStoreOptions = RedisStoreOptions & RedisConnectionOptions;

/** A RedisStore on `target` (a URL, or Sentinels), as `createStore` builds it; not yet connected. */
export function redisStoreAt(target: string | RedisTarget, options: TestStoreOptions = {}): RedisStore {
  const { keyPrefix, lineKeyPrefix, ...connection } = options;
  return new RedisStore(
    new RedisConnection(typeof target === "string" ? { kind: "url", url: target } : target, connection),
    {
      ...(keyPrefix !== undefined ? { keyPrefix } : {}),
      ...(lineKeyPrefix !== undefined ? { lineKeyPrefix } : {}),
    },
  );
}

/** A RedisStore that has connected to `target`. */
export async function connectedRedisStore(
  target: string | RedisTarget,
  options: TestStoreOptions = {},
): Promise<RedisStore> {
  const store = redisStoreAt(target, options);
  try {
    await waitForRedis(store, typeof target === "string" ? target : JSON.stringify(target));
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** Runs `work` with a plain client of `url` (not the store's), disconnected after. */
async function withClient<T>(url: string, work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

/** Deletes every key under `prefix`. */
export function deletePrefix(url: string, prefix: string): Promise<void> {
  return withClient(url, async (redis) => {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  });
}

/** Keys currently stored under `prefix`. */
export function keysUnder(url: string, prefix: string): Promise<string[]> {
  return withClient(url, (redis) => redis.keys(`${prefix}*`));
}

/** Seconds left before `key` expires (-2 when absent, -1 when it never does). */
export function ttlOf(url: string, key: string): Promise<number> {
  return withClient(url, (redis) => redis.ttl(key));
}

/** Stores `value` under `key` as it is (a record the store did not write), for `seconds`. */
export function setRaw(url: string, key: string, value: string, seconds: number): Promise<unknown> {
  return withClient(url, (redis) => redis.set(key, value, "EX", seconds));
}
