import type { Logger } from "pino";
import type { Config } from "../config/loadConfig.js";
import { MemoryStore } from "./memoryStore.js";
import type { SessionStore } from "./sessionStore.js";

/** Creates the session store the configuration asks for; the Redis client is loaded only when used. */
export async function createStore(
  config: Pick<Config, "SESSION_STORE" | "REDIS_URL"> & Partial<Pick<Config, "MEMORY_STORE_MAX_CALLS">>,
  logger?: Logger,
): Promise<SessionStore> {
  if (config.SESSION_STORE === "redis" && config.REDIS_URL) {
    const { RedisStore } = await import("./redisStore.js");
    return new RedisStore(config.REDIS_URL);
  }
  return new MemoryStore({
    ...(config.MEMORY_STORE_MAX_CALLS !== undefined ? { maxCalls: config.MEMORY_STORE_MAX_CALLS } : {}),
    onFull: (maxCalls) =>
      logger?.warn(
        { maxCalls },
        "memory store full: the calls saved longest ago are dropped to make room (those callers start over); raise MEMORY_STORE_MAX_CALLS or use SESSION_STORE=redis",
      ),
  });
}
