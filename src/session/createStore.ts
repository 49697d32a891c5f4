import type { Config } from "../config/loadConfig.js";
import { MemoryStore } from "./memoryStore.js";
import type { SessionStore } from "./sessionStore.js";

/** Creates the session store the configuration asks for; the Redis client is loaded only when used. */
export async function createStore(config: Pick<Config, "SESSION_STORE" | "REDIS_URL">): Promise<SessionStore> {
  if (config.SESSION_STORE === "redis" && config.REDIS_URL) {
    const { RedisStore } = await import("./redisStore.js");
    return new RedisStore(config.REDIS_URL);
  }
  return new MemoryStore();
}
