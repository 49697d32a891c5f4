import type { Logger } from "pino";
import { assertNever } from "../assertNever.js";
import type { Config } from "../config/loadConfig.js";
import { StartupError } from "../errors.js";
import { createLogThrottle } from "../log/throttleLog.js";
import { describeRedisTarget, type RedisTarget } from "../redis/redisTarget.js";
import { type RedisSettings, redisTargetOf } from "../redis/redisTargetOf.js";
import type { CallbackQueue } from "./callbackQueue.js";
import { MemoryCallbackQueue } from "./memoryQueue.js";
import { RedisCallbackQueue } from "./redisQueue.js";

/** The settings the call-back queue is chosen from: the session store's. */
export type CallbackQueueSettings = Pick<Config, "SESSION_STORE"> & Partial<RedisSettings>;

/** Where the call-backs are queued: this process's memory, or the Redis the session store uses. */
export type CallbackQueueChoice =
  | { readonly kind: "memory" }
  | { readonly kind: "redis"; readonly target: RedisTarget };

/** How long a record, claim or pace counter is kept at most: past the flow's `keepDays` (14) in any case. */
const KEEP_SECONDS = 32 * 86_400;

/**
 * Which queue the settings ask for: with `SESSION_STORE=redis`, the session store's Redis (`REDIS_URL`, or
 * the primary `REDIS_SENTINELS` name under `REDIS_SENTINEL_MASTER`), shared by every instance; else this
 * process's memory. `loadConfig` has refused `SESSION_STORE=redis` without either; called without, this
 * throws the same advice, naming `REDIS_URL`.
 */
export function chooseCallbackQueue(settings: CallbackQueueSettings): CallbackQueueChoice {
  switch (settings.SESSION_STORE) {
    case "memory":
      return { kind: "memory" };
    case "redis":
      return { kind: "redis", target: redisTargetOf(settings) };
    default:
      return assertNever(settings.SESSION_STORE);
  }
}

/**
 * Refuses, naming `SESSION_STORE`, to run `command` (a process that only reads or works the queue: the worker
 * alone, the operator's commands) on a memory queue: it would be this process's own, empty, and never the
 * server's, so a list would say nothing is queued and a worker would place nothing.
 */
export function requireSharedQueue(settings: CallbackQueueSettings, command: string): void {
  if (chooseCallbackQueue(settings).kind === "redis") return;
  throw new StartupError(
    `SESSION_STORE=memory: the call-backs are queued in the server's own memory, which ${command} cannot reach (the server places them itself). Set SESSION_STORE=redis with REDIS_URL (or REDIS_SENTINELS) for the server and for ${command}.`,
  );
}

/**
 * Opens the queue the settings ask for (see `chooseCallbackQueue`). On Redis, the queue's connections follow
 * the target as the session store's do: through a failover they reconnect to the promoted primary; their
 * errors meanwhile are logged, at most once a second.
 */
export function createCallbackQueue(
  settings: CallbackQueueSettings,
  setup: { readonly clock: () => number; readonly logger: Logger },
): CallbackQueue {
  const choice = chooseCallbackQueue(settings);
  switch (choice.kind) {
    case "memory":
      return new MemoryCallbackQueue();
    case "redis": {
      const redis = describeRedisTarget(choice.target);
      const throttle = createLogThrottle();
      return new RedisCallbackQueue({
        target: choice.target,
        keepSeconds: KEEP_SECONDS,
        now: setup.clock,
        onConnectionError: (err) => {
          const verdict = throttle("unreachable");
          if (verdict.log)
            setup.logger.warn(
              { err, redis, suppressed: verdict.suppressed },
              `call-back queue: Redis at ${redis} is not reachable (${err.message}); it reconnects by itself`,
            );
        },
      });
    }
    default:
      return assertNever(choice);
  }
}
