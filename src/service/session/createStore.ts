import type { Logger } from "pino";
import { assertNever } from "../assertNever.js";
import type { Config } from "../config/loadConfig.js";
import { createLogThrottle } from "../log/throttleLog.js";
import { describeRedisTarget } from "../redis/redisTarget.js";
import { type RedisSettings, redisTargetOf } from "../redis/redisTargetOf.js";
import { MemoryStore } from "./memoryStore.js";
import type { SessionStore } from "./sessionStore.js";

/** The settings a store is chosen and built from. */
export type StoreSettings = Pick<Config, "SESSION_STORE"> &
  Partial<Pick<Config, "MEMORY_STORE_MAX_CALLS" | "REDIS_REPLICA_WAIT_MS"> & RedisSettings>;

/** Creates the session store the configuration asks for; the Redis client is loaded only when used. */
export async function createStore(config: StoreSettings, logger?: Logger): Promise<SessionStore> {
  switch (config.SESSION_STORE) {
    case "redis":
      return createRedisStore(config, logger);
    case "memory":
      return new MemoryStore({
        ...(config.MEMORY_STORE_MAX_CALLS !== undefined ? { maxCalls: config.MEMORY_STORE_MAX_CALLS } : {}),
        onFull: (maxCalls) =>
          logger?.warn(
            { maxCalls },
            "memory store full: the calls saved longest ago are dropped to make room (those callers start over); raise MEMORY_STORE_MAX_CALLS or use SESSION_STORE=redis",
          ),
      });
    default:
      return assertNever(config.SESSION_STORE);
  }
}

async function createRedisStore(config: StoreSettings, logger: Logger | undefined): Promise<SessionStore> {
  const [{ RedisConnection }, { RedisStore }] = await Promise.all([
    import("../redis/redisConnection.js"),
    import("./redisStore.js"),
  ]);
  const target = redisTargetOf(config);
  const throttle = createLogThrottle();
  const connection = new RedisConnection(target, {
    replicaWaitMs: config.REDIS_REPLICA_WAIT_MS ?? 0,
    onUnacknowledged: (waitedMs) => {
      const verdict = throttle("unacknowledged");
      if (verdict.log)
        logger?.warn(
          { redis: describeRedisTarget(target), waitedMs, suppressed: verdict.suppressed },
          `no replica acknowledged a write within ${waitedMs} ms (REDIS_REPLICA_WAIT_MS): the answer went out, and until a replica acknowledges again (tried once a second) writes are on the primary alone: a failover would lose them. Is a replica connected to the primary?`,
        );
    },
  });
  return new RedisStore(connection);
}
