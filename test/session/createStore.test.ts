import { pino } from "pino";
import { describe, expect, test } from "vitest";
import type { Config } from "../../src/service/config/loadConfig.js";
import { StartupError } from "../../src/service/errors.js";
import { createStore } from "../../src/service/session/createStore.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import { RedisStore } from "../../src/service/session/redisStore.js";
import { CapturedLogs } from "../support/createTestApp.js";
import { REDIS_URL, redisSuite, waitForRedis, warnIfRedisSkipped } from "../support/redis.js";

warnIfRedisSkipped("test/session/createStore.test.ts");

describe("createStore: the store the configuration names", () => {
  test("memory → the memory store", async () => {
    const store = await createStore({ SESSION_STORE: "memory" });
    expect(store).toBeInstanceOf(MemoryStore);
    await store.close();
  });

  test.skipIf(!REDIS_URL)(redisSuite("redis → the Redis store, connected to REDIS_URL"), async () => {
    const store = await createStore({ SESSION_STORE: "redis", REDIS_URL: REDIS_URL as string });
    try {
      expect(store).toBeInstanceOf(RedisStore);
      await waitForRedis(store, REDIS_URL as string);
    } finally {
      await store.close();
    }
  });

  test("redis without a Redis named: refused like the configuration, never the memory store", async () => {
    await expect(createStore({ SESSION_STORE: "redis" })).rejects.toThrow(StartupError);
    await expect(createStore({ SESSION_STORE: "redis" })).rejects.toThrow(/REDIS_URL: is required/);
  });

  test("a store kind it does not know fails, never silently the memory store", async () => {
    const unknown = { SESSION_STORE: "postgres" } as unknown as Pick<Config, "SESSION_STORE">;
    await expect(createStore(unknown, pino(new CapturedLogs()))).rejects.toThrow(/unexpected "postgres"/);
  });
});
