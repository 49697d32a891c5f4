import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { RedisStore, type RedisStoreOptions } from "../../src/service/session/redisStore.js";

/** Where the Redis tests run; they are skipped when it is not set. */
export const REDIS_URL = process.env.REDIS_URL || undefined;

/** Why the Redis suites are skipped, shown in their titles and once on stderr per file. */
export const REDIS_SKIP_REASON = "skipped: REDIS_URL is not set (run with REDIS_URL=redis://127.0.0.1:6379)";

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
export async function waitForRedis(store: { ping(): Promise<void> }, url: string, withinMs = 5_000): Promise<void> {
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
  throw new Error(
    `Redis at ${url} is unreachable (REDIS_URL is set, so the Redis tests must run): ${String(lastError)}`,
  );
}

/** A RedisStore that has connected to `url`. */
export async function connectedRedisStore(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
  const store = new RedisStore(url, options);
  try {
    await waitForRedis(store, url);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** Deletes every key under `prefix`. */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/** Keys currently stored under `prefix`. */
export async function keysUnder(url: string, prefix: string): Promise<string[]> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    return await redis.keys(`${prefix}*`);
  } finally {
    redis.disconnect();
  }
}
