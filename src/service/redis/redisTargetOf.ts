import type { Config } from "../config/loadConfig.js";
import { StartupError } from "../errors.js";
import type { RedisTarget } from "./redisTarget.js";

/** The settings a Redis target is read from. */
export type RedisSettings = Pick<
  Config,
  "REDIS_URL" | "REDIS_SENTINELS" | "REDIS_SENTINEL_MASTER" | "REDIS_PASSWORD" | "REDIS_SENTINEL_PASSWORD"
>;

/**
 * The Redis the configuration names: the Sentinels and their master when `REDIS_SENTINELS` is set, else
 * `REDIS_URL`. `loadConfig` has refused a configuration naming both or neither with `SESSION_STORE=redis`;
 * called without either, this throws the same advice.
 */
export function redisTargetOf(settings: RedisSettings): RedisTarget {
  if (settings.REDIS_SENTINELS && settings.REDIS_SENTINEL_MASTER)
    return {
      kind: "sentinel",
      sentinels: settings.REDIS_SENTINELS,
      master: settings.REDIS_SENTINEL_MASTER,
      password: settings.REDIS_PASSWORD,
      sentinelPassword: settings.REDIS_SENTINEL_PASSWORD,
    };
  if (settings.REDIS_URL) return { kind: "url", url: settings.REDIS_URL, password: settings.REDIS_PASSWORD };
  throw new StartupError(
    "Invalid configuration:\n  ✖ REDIS_URL: is required when SESSION_STORE=redis, e.g. redis://127.0.0.1:6379 (or REDIS_SENTINELS with REDIS_SENTINEL_MASTER)",
  );
}
