import { z } from "zod";
import { StartupError } from "../errors.js";
import { RedisConnection } from "../redis/redisConnection.js";
import { sentinelListSchema } from "../redis/redisTarget.js";
import { type RedisSettings, redisTargetOf } from "../redis/redisTargetOf.js";
import { RedisPublishedLines, type RedisPublishedLinesOptions } from "./redisPublishedLines.js";

/** The Redis settings of the service, as `npm run flow -- publish` reads them from the environment. */
const publishEnvSchema = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
  REDIS_SENTINELS: sentinelListSchema.optional(),
  REDIS_SENTINEL_MASTER: z.string().min(1).optional(),
  REDIS_PASSWORD: z.string().optional(),
  REDIS_SENTINEL_PASSWORD: z.string().optional(),
});

/**
 * Reads the Redis the instances share from the environment (`REDIS_URL`, or `REDIS_SENTINELS` with
 * `REDIS_SENTINEL_MASTER`, as the service reads them). Throws a `StartupError` naming the variable when
 * neither is set or one is invalid.
 */
export function readPublishSettings(env: NodeJS.ProcessEnv): RedisSettings {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = publishEnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ✖ ${issue.path.join(".")}: ${issue.message}`);
    throw new StartupError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  if (!parsed.data.REDIS_URL && !parsed.data.REDIS_SENTINELS)
    throw new StartupError(
      "Invalid configuration:\n  ✖ REDIS_URL: is required: the published line is kept in the Redis the instances share, e.g. REDIS_URL=redis://127.0.0.1:6379 (or REDIS_SENTINELS with REDIS_SENTINEL_MASTER)",
    );
  return { ...parsed.data };
}

/**
 * Opens the published line on the Redis `settings` name, on a connection of its own (closed with it). A
 * publication or a rollback is a human's command: it is not tried again past the connection's bound.
 */
export function openPublishedLines(
  settings: RedisSettings,
  options: RedisPublishedLinesOptions = {},
): RedisPublishedLines {
  return new RedisPublishedLines(new RedisConnection(redisTargetOf(settings)), options);
}
