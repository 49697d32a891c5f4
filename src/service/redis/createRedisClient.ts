import { Redis, type RedisOptions } from "ioredis";
import { assertNever } from "../assertNever.js";
import type { RedisTarget } from "./redisTarget.js";

/**
 * What a client's commands do while its connection is down.
 * - `failFast`: fail at once (no offline queue, no resend: `RedisConnection` decides what to retry), and each
 *   within `timeoutMs` in any case.
 * - `wait`: wait for the connection (queued while it is down, resent once it is back) through up to `retries`
 *   lost connections (null: as many as it takes, as BullMQ's blocking connections need), and given up after
 *   `timeoutMs` waiting in all when set (never set for BullMQ's: a blocking read waits as long as it asks to).
 */
export type RedisCommandPolicy =
  | { readonly kind: "failFast"; readonly timeoutMs: number }
  | { readonly kind: "wait"; readonly retries: number | null; readonly timeoutMs?: number };

/**
 * ioredis's options for a client of a target, with the target's URL when it is one, as BullMQ takes them
 * (its retry strategy is always a function: BullMQ's type has no `null` for it).
 */
export type RedisClientOptions = Omit<RedisOptions, "retryStrategy"> & {
  readonly url?: string;
  readonly retryStrategy: (attempt: number) => number;
};

/** Longest pause between two reconnection attempts: a promoted replica is found within this of its promotion. */
const MAX_RECONNECT_PAUSE_MS = 500;
/** Longest wait for a Sentinel's answer when the policy sets no command timeout. */
const SENTINEL_TIMEOUT_MS = 500;

/**
 * The one place a Redis client's options are made, whatever uses them (the service's connections, the
 * call-back queue's BullMQ connections). The client reconnects in the background, at most 0.5 s apart. With
 * Sentinels it asks them for the primary on every (re)connection, drops the connection when they announce a
 * new primary (`+switch-master`), and checks that the node it reaches is a primary; a primary demoted under
 * it (`READONLY` replies) makes it reconnect (and, with `wait`, send the refused command again).
 */
export function buildRedisOptions(target: RedisTarget, policy: RedisCommandPolicy): RedisClientOptions {
  const common = {
    lazyConnect: false,
    connectTimeout: 1_000,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, MAX_RECONNECT_PAUSE_MS),
    ...commandsOf(policy),
    ...(target.password ? { password: target.password } : {}),
  };
  switch (target.kind) {
    case "url":
      return { url: target.url, ...common };
    case "sentinel":
      return {
        ...common,
        name: target.master,
        role: "master",
        sentinels: target.sentinels.map((s) => ({ host: s.host, port: s.port })),
        ...(target.sentinelPassword ? { sentinelPassword: target.sentinelPassword } : {}),
        sentinelCommandTimeout: policy.kind === "failFast" ? policy.timeoutMs : SENTINEL_TIMEOUT_MS,
        sentinelRetryStrategy: (attempt) => Math.min(100 * attempt, MAX_RECONNECT_PAUSE_MS),
        failoverDetector: true,
      };
    default:
      return assertNever(target);
  }
}

/** A client of `target` with the options above, its commands as `policy` says. */
export function createRedisClient(target: RedisTarget, policy: RedisCommandPolicy): Redis {
  const { url, ...options } = buildRedisOptions(target, policy);
  return url === undefined ? new Redis(options) : new Redis(url, options);
}

function commandsOf(
  policy: RedisCommandPolicy,
): Pick<RedisOptions, "enableOfflineQueue" | "maxRetriesPerRequest" | "commandTimeout" | "reconnectOnError"> {
  switch (policy.kind) {
    case "failFast":
      return {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: policy.timeoutMs,
        reconnectOnError: (error) => (/^READONLY\b/.test(error.message) ? 1 : false),
      };
    case "wait":
      return {
        enableOfflineQueue: true,
        maxRetriesPerRequest: policy.retries,
        ...(policy.timeoutMs !== undefined ? { commandTimeout: policy.timeoutMs } : {}),
        reconnectOnError: (error) => (/^READONLY\b/.test(error.message) ? 2 : false),
      };
    default:
      return assertNever(policy);
  }
}
