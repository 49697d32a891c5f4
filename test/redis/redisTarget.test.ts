import { describe, expect, test } from "vitest";
import { StartupError } from "../../src/service/errors.js";
import { describeRedisTarget, type RedisTarget } from "../../src/service/redis/redisTarget.js";
import { redisTargetOf } from "../../src/service/redis/redisTargetOf.js";

const SENTINELS = [
  { host: "10.0.0.1", port: 26379 },
  { host: "fd00::3", port: 26380 },
];

describe("redisTargetOf", () => {
  test.each([
    [
      "Sentinels and their master",
      {
        REDIS_SENTINELS: SENTINELS,
        REDIS_SENTINEL_MASTER: "mymaster",
        REDIS_PASSWORD: "p",
        REDIS_SENTINEL_PASSWORD: "s",
      },
      { kind: "sentinel", sentinels: SENTINELS, master: "mymaster", password: "p", sentinelPassword: "s" },
    ],
    [
      "one URL",
      { REDIS_URL: "redis://10.0.0.5:6379" },
      { kind: "url", url: "redis://10.0.0.5:6379", password: undefined },
    ],
    [
      "one URL and a password beside it",
      { REDIS_URL: "rediss://cache.example.org:6380", REDIS_PASSWORD: "p" },
      { kind: "url", url: "rediss://cache.example.org:6380", password: "p" },
    ],
  ])("%s", (_name, settings, expected) => {
    expect(redisTargetOf(settings)).toEqual(expected);
  });

  test("neither: a StartupError naming REDIS_URL and the Sentinel alternative", () => {
    expect(() => redisTargetOf({})).toThrow(StartupError);
    expect(() => redisTargetOf({ REDIS_SENTINELS: SENTINELS })).toThrow(/REDIS_URL: is required.*REDIS_SENTINELS/);
  });
});

describe("describeRedisTarget: what a log line may show", () => {
  test.each<[RedisTarget, string]>([
    [{ kind: "url", url: "redis://:hunter2@10.0.0.5:6379" }, "redis://:***@10.0.0.5:6379"],
    [{ kind: "url", url: "redis://10.0.0.5:6379", password: "hunter2" }, "redis://10.0.0.5:6379"],
    [
      { kind: "sentinel", sentinels: SENTINELS, master: "mymaster", password: "hunter2", sentinelPassword: "hunter3" },
      "master mymaster via Sentinels 10.0.0.1:26379,[fd00::3]:26380",
    ],
  ])("%j → %s", (target, shown) => {
    expect(describeRedisTarget(target)).toBe(shown);
    expect(describeRedisTarget(target)).not.toMatch(/hunter/);
  });
});
