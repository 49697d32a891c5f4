import type { Config } from "../config/loadConfig.js";
import { MemoryStore } from "./memoryStore.js";
import { RedisStore } from "./redisStore.js";
import type { SessionStore } from "./sessionStore.js";

/** Creates the session store the configuration asks for. */
export function createStore(config: Pick<Config, "SESSION_STORE" | "REDIS_URL">): SessionStore {
  if (config.SESSION_STORE === "redis" && config.REDIS_URL) return new RedisStore(config.REDIS_URL);
  return new MemoryStore();
}
