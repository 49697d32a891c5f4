import { Redis, type RedisOptions } from "ioredis";
import { assertNever } from "../assertNever.js";
import type { RedisTarget } from "./redisTarget.js";

/** How a Redis client behaves, whatever the target. */
export interface RedisClientOptions {
  /** Longest wait for one command, in ms; defaults to 500. */
  readonly commandTimeoutMs?: number;
}

/** Longest pause between two reconnection attempts: a promoted replica is found within this of its promotion. */
const MAX_RECONNECT_PAUSE_MS = 500;

/**
 * The one Redis client factory: every part of the service on Redis connects through it. Commands fail fast
 * while the connection is down (no offline queue, no resend: `RedisConnection` decides what to retry), and
 * the client reconnects in the background. With Sentinels it asks them for the primary on every
 * (re)connection, drops the connection when they announce a new primary (`+switch-master`), and checks that
 * the node it reaches is a primary; a primary demoted under it (`READONLY` replies) makes it reconnect.
 */
export function createRedisClient(target: RedisTarget, options: RedisClientOptions = {}): Redis {
  const common: RedisOptions = {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, MAX_RECONNECT_PAUSE_MS),
    reconnectOnError: (error) => (/^READONLY\b/.test(error.message) ? 1 : false),
    ...(target.password ? { password: target.password } : {}),
  };
  switch (target.kind) {
    case "url":
      return new Redis(target.url, common);
    case "sentinel":
      return new Redis({
        ...common,
        name: target.master,
        role: "master",
        sentinels: target.sentinels.map((s) => ({ host: s.host, port: s.port })),
        ...(target.sentinelPassword ? { sentinelPassword: target.sentinelPassword } : {}),
        sentinelCommandTimeout: options.commandTimeoutMs ?? 500,
        sentinelRetryStrategy: (attempt) => Math.min(100 * attempt, MAX_RECONNECT_PAUSE_MS),
        failoverDetector: true,
      });
    default:
      return assertNever(target);
  }
}
