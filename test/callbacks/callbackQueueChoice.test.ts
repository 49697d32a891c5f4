import { describe, expect, test } from "vitest";
import {
  type CallbackQueueChoice,
  chooseCallbackQueue,
  requireSharedQueue,
} from "../../src/service/callbacks/createCallbackQueue.js";
import { loadConfig } from "../../src/service/config/loadConfig.js";
import { StartupError } from "../../src/service/errors.js";

const BASE = { ALLOW_UNSIGNED_WEBHOOKS: "1" };
const SENTINELS = "10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379";
const SENTINEL_ADDRESSES = [
  { host: "10.0.0.1", port: 26379 },
  { host: "10.0.0.2", port: 26379 },
  { host: "10.0.0.3", port: 26379 },
];

/** The queue chosen for an environment, read as the server, the worker and the operator's CLI read it. */
const chosenFor = (env: Record<string, string>) => chooseCallbackQueue(loadConfig({ ...BASE, ...env }));

describe("which call-back queue the configuration asks for", () => {
  test.each<[string, Record<string, string>, CallbackQueueChoice]>([
    ["nothing set: this process's memory", {}, { kind: "memory" }],
    [
      "SESSION_STORE=memory: memory, even with a Redis named (the queue follows the session store)",
      { SESSION_STORE: "memory", REDIS_URL: "redis://10.0.0.5:6379" },
      { kind: "memory" },
    ],
    [
      "SESSION_STORE=redis with REDIS_URL: that Redis",
      { SESSION_STORE: "redis", REDIS_URL: "redis://10.0.0.5:6379" },
      { kind: "redis", target: { kind: "url", url: "redis://10.0.0.5:6379", password: undefined } },
    ],
    [
      "SESSION_STORE=redis with REDIS_URL and REDIS_PASSWORD: that Redis, with the password",
      { SESSION_STORE: "redis", REDIS_URL: "rediss://cache.example.org:6380", REDIS_PASSWORD: "p" },
      { kind: "redis", target: { kind: "url", url: "rediss://cache.example.org:6380", password: "p" } },
    ],
    [
      "SESSION_STORE=redis with REDIS_SENTINELS: the primary they name, with both passwords",
      {
        SESSION_STORE: "redis",
        REDIS_SENTINELS: SENTINELS,
        REDIS_SENTINEL_MASTER: "mymaster",
        REDIS_PASSWORD: "p",
        REDIS_SENTINEL_PASSWORD: "s",
      },
      {
        kind: "redis",
        target: {
          kind: "sentinel",
          sentinels: SENTINEL_ADDRESSES,
          master: "mymaster",
          password: "p",
          sentinelPassword: "s",
        },
      },
    ],
  ])("%s", (_name, env, expected) => {
    expect(chosenFor(env)).toEqual(expected);
  });

  test.each([
    [{ SESSION_STORE: "redis" }, /✖ REDIS_URL: is required when SESSION_STORE=redis/],
    [
      { SESSION_STORE: "redis", REDIS_SENTINELS: SENTINELS },
      /✖ REDIS_SENTINEL_MASTER: is required with REDIS_SENTINELS/,
    ],
    [{ SESSION_STORE: "redis", REDIS_SENTINELS: "10.0.0.1" }, /✖ REDIS_SENTINELS: "10\.0\.0\.1" is not a Sentinel's/],
    [
      { SESSION_STORE: "redis", REDIS_URL: "redis://10.0.0.5:6379", REDIS_SENTINELS: SENTINELS },
      /✖ REDIS_SENTINELS: and REDIS_URL are both set/,
    ],
    [
      { SESSION_STORE: "redis", REDIS_URL: "http://10.0.0.5:6379" },
      /✖ REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/,
    ],
  ])("%j stops the start, naming the variable", (env, message) => {
    expect(() => chosenFor(env)).toThrow(StartupError);
    expect(() => chosenFor(env)).toThrow(message);
  });

  test("settings not checked by loadConfig: SESSION_STORE=redis without a Redis names REDIS_URL, never falls back to memory", () => {
    expect(() => chooseCallbackQueue({ SESSION_STORE: "redis" })).toThrow(StartupError);
    expect(() => chooseCallbackQueue({ SESSION_STORE: "redis" })).toThrow(/✖ REDIS_URL: is required/);
  });
});

describe("a process that only works the queue (the worker alone, the operator's commands) needs the shared one", () => {
  test.each([
    ["npm run worker", {}],
    ["npm run callbacks", { SESSION_STORE: "memory", REDIS_URL: "redis://10.0.0.5:6379" }],
  ])("%s with the memory store: refused, naming SESSION_STORE and the command", (command, env) => {
    const config = loadConfig({ ...BASE, ...env });
    expect(() => requireSharedQueue(config, command)).toThrow(StartupError);
    expect(() => requireSharedQueue(config, command)).toThrow(
      `SESSION_STORE=memory: the call-backs are queued in the server's own memory, which ${command} cannot reach`,
    );
  });

  test.each([
    ["REDIS_URL", { SESSION_STORE: "redis", REDIS_URL: "redis://10.0.0.5:6379" }],
    ["REDIS_SENTINELS", { SESSION_STORE: "redis", REDIS_SENTINELS: SENTINELS, REDIS_SENTINEL_MASTER: "mymaster" }],
  ])("on Redis (%s): allowed", (_name, env) => {
    expect(() => requireSharedQueue(loadConfig({ ...BASE, ...env }), "npm run worker")).not.toThrow();
  });
});
