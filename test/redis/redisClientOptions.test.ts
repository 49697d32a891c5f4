import { describe, expect, test } from "vitest";
import { buildRedisOptions, type RedisCommandPolicy } from "../../src/service/redis/createRedisClient.js";
import type { RedisTarget } from "../../src/service/redis/redisTarget.js";

const URL_TARGET: RedisTarget = { kind: "url", url: "redis://10.0.0.5:6379", password: "p" };
const SENTINEL_TARGET: RedisTarget = {
  kind: "sentinel",
  sentinels: [
    { host: "10.0.0.1", port: 26379 },
    { host: "fd00::3", port: 26380 },
  ],
  master: "mymaster",
  password: "p",
  sentinelPassword: "s",
};
const FAIL_FAST: RedisCommandPolicy = { kind: "failFast", timeoutMs: 300 };
/** What BullMQ's connections need: commands wait for the connection, however long, and are never timed out. */
const BULLMQ: RedisCommandPolicy = { kind: "wait", retries: null };

describe("buildRedisOptions: one set of client options per target and policy", () => {
  test.each<[string, RedisTarget, Record<string, unknown>]>([
    ["a URL", URL_TARGET, { url: "redis://10.0.0.5:6379", password: "p" }],
    [
      "Sentinels: the primary they name, asked again on every reconnection and on +switch-master",
      SENTINEL_TARGET,
      {
        name: "mymaster",
        role: "master",
        sentinels: [
          { host: "10.0.0.1", port: 26379 },
          { host: "fd00::3", port: 26380 },
        ],
        password: "p",
        sentinelPassword: "s",
        failoverDetector: true,
      },
    ],
  ])("%s", (_name, target, where) => {
    for (const policy of [FAIL_FAST, BULLMQ]) expect(buildRedisOptions(target, policy)).toMatchObject(where);
    expect(buildRedisOptions(target, FAIL_FAST)).toHaveProperty(target.kind === "url" ? "url" : "sentinels");
    expect(buildRedisOptions(target, FAIL_FAST)).not.toHaveProperty(target.kind === "url" ? "sentinels" : "url");
  });

  test.each<[string, RedisCommandPolicy, Record<string, unknown>]>([
    [
      "failFast: no offline queue, no resend, each command within its timeout",
      FAIL_FAST,
      { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 300 },
    ],
    [
      "wait (BullMQ): queued while disconnected, resent, never given up on, no timeout",
      BULLMQ,
      { enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined },
    ],
    ["wait, a bounded number of reconnections", { kind: "wait", retries: 3 }, { maxRetriesPerRequest: 3 }],
  ])("%s", (_name, policy, expected) => {
    for (const target of [URL_TARGET, SENTINEL_TARGET]) {
      const options = buildRedisOptions(target, policy);
      expect({ ...options, commandTimeout: options.commandTimeout }).toMatchObject(expected);
    }
  });

  test.each<[RedisCommandPolicy, number | false]>([
    [FAIL_FAST, 1],
    [BULLMQ, 2],
  ])("a demoted primary's READONLY reconnects (%j: 1 drops the command, 2 sends it again)", (policy, expected) => {
    const { reconnectOnError } = buildRedisOptions(SENTINEL_TARGET, policy);
    expect(reconnectOnError?.(new Error("READONLY You can't write against a read only replica."))).toBe(expected);
    expect(reconnectOnError?.(new Error("WRONGTYPE Operation against a key holding the wrong kind of value"))).toBe(
      false,
    );
  });

  test("reconnection attempts at most 0.5 s apart, so a promoted replica is found within half a second", () => {
    const { retryStrategy } = buildRedisOptions(SENTINEL_TARGET, BULLMQ);
    expect([1, 2, 3, 4, 10, 100].map(retryStrategy)).toEqual([100, 200, 400, 500, 500, 500]);
  });
});
