import { describe, expect, test } from "vitest";
import { loadConfig } from "../../src/service/config/loadConfig.js";
import { StartupError } from "../../src/service/errors.js";

const TOKEN = "0123456789abcdef0123456789abcdef";
/** What production needs: a real token and the URL Twilio calls. */
const PRODUCTION = { TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: "https://ivr.example.org" };

/** The message `loadConfig` refuses `env` with. */
function refusalOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe("loadConfig", () => {
  test("defaults in production", () => {
    expect(loadConfig(PRODUCTION)).toMatchObject({
      PORT: 3000,
      HOST: "0.0.0.0",
      LOG_LEVEL: "info",
      SESSION_STORE: "memory",
      SESSION_TTL_SECONDS: 14_400,
      TRUST_PROXY: false,
      ALLOW_UNSIGNED_WEBHOOKS: false,
      ALLOW_HOST_HEADER_URL: false,
      MEMORY_STORE_MAX_CALLS: 100_000,
      MAX_CONNECTIONS: 1_000,
      SHUTDOWN_GRACE_MS: 10_000,
      FLOW_FILE: "flows/member-line.json",
      DIRECTORY_FILE: "data/directory.json",
    });
  });

  test.each([
    [{ ALLOW_UNSIGNED_WEBHOOKS: "1" }, { ALLOW_UNSIGNED_WEBHOOKS: true }],
    [
      { TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: "https://abc.ngrok.app/" },
      { PUBLIC_BASE_URL: "https://abc.ngrok.app" },
    ],
    [{ TWILIO_AUTH_TOKEN: TOKEN, ALLOW_HOST_HEADER_URL: "1" }, { ALLOW_HOST_HEADER_URL: true }],
    [{ ...PRODUCTION, TRUST_PROXY: "true" }, { TRUST_PROXY: true }],
    [{ ...PRODUCTION, TRUST_PROXY: "2" }, { TRUST_PROXY: 2 }],
    [{ ...PRODUCTION, TRUST_PROXY: "loopback" }, { TRUST_PROXY: "loopback" }],
    [
      { ...PRODUCTION, SESSION_STORE: "redis", REDIS_URL: "redis://127.0.0.1:6379" },
      { SESSION_STORE: "redis", REDIS_URL: "redis://127.0.0.1:6379" },
    ],
    [
      { ...PRODUCTION, PORT: "8080", LOG_LEVEL: "warn" },
      { PORT: 8080, LOG_LEVEL: "warn" },
    ],
    [
      { ...PRODUCTION, MEMORY_STORE_MAX_CALLS: "500", MAX_CONNECTIONS: "20" },
      { MEMORY_STORE_MAX_CALLS: 500, MAX_CONNECTIONS: 20 },
    ],
  ])("accepts %j", (env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  test.each([
    [{}, "TWILIO_AUTH_TOKEN"],
    [{ ALLOW_UNSIGNED_WEBHOOKS: "maybe" }, "ALLOW_UNSIGNED_WEBHOOKS"],
    [{ TWILIO_AUTH_TOKEN: "short" }, "TWILIO_AUTH_TOKEN"],
    [{ ...PRODUCTION, PORT: "http" }, "PORT"],
    [{ ...PRODUCTION, PORT: "70000" }, "PORT"],
    [{ ...PRODUCTION, PORT: "0" }, "PORT"],
    [{ ...PRODUCTION, PORT: "" }, "PORT"],
    [{ ...PRODUCTION, PORT: " " }, "PORT"],
    [{ ...PRODUCTION, PUBLIC_BASE_URL: "abc.ngrok.app" }, "PUBLIC_BASE_URL"],
    [{ ...PRODUCTION, LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ ...PRODUCTION, SESSION_STORE: "redis" }, "REDIS_URL"],
    [{ ...PRODUCTION, SESSION_STORE: "redis", REDIS_URL: "" }, "REDIS_URL"],
    [{ ...PRODUCTION, SESSION_STORE: "postgres" }, "SESSION_STORE"],
    [{ ...PRODUCTION, REDIS_URL: "http://127.0.0.1:6379" }, "REDIS_URL"],
    [{ ...PRODUCTION, SESSION_TTL_SECONDS: "5" }, "SESSION_TTL_SECONDS"],
    [{ ...PRODUCTION, MEMORY_STORE_MAX_CALLS: "0" }, "MEMORY_STORE_MAX_CALLS"],
    [{ ...PRODUCTION, MAX_CONNECTIONS: "lots" }, "MAX_CONNECTIONS"],
    [{ ...PRODUCTION, ALLOW_HOST_HEADER_URL: "sure" }, "ALLOW_HOST_HEADER_URL"],
  ])("refuses %j naming %s", (env, variable) => {
    expect(refusalOf(env)).toMatch(new RegExp(`✖ ${variable}:`));
  });

  describe("a real token without PUBLIC_BASE_URL (signatures would be checked against the client's Host)", () => {
    test.each([
      [{ TWILIO_AUTH_TOKEN: TOKEN }],
      [{ TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: "" }],
      [{ TWILIO_AUTH_TOKEN: TOKEN, TRUST_PROXY: "true" }],
      [{ TWILIO_AUTH_TOKEN: TOKEN, ALLOW_HOST_HEADER_URL: "0" }],
    ])("is refused: %j", (env) => {
      const message = refusalOf(env);
      expect(message).toMatch(/✖ PUBLIC_BASE_URL: is required when TWILIO_AUTH_TOKEN is set/);
      expect(message).toContain("ALLOW_HOST_HEADER_URL=1");
    });

    test.each([
      [{ TWILIO_AUTH_TOKEN: TOKEN, ALLOW_HOST_HEADER_URL: "1" }],
      [{ TWILIO_AUTH_TOKEN: TOKEN, ALLOW_HOST_HEADER_URL: "true", TRUST_PROXY: "1" }],
      [{ ALLOW_UNSIGNED_WEBHOOKS: "1" }],
    ])("is accepted with the explicit opt-out, or without a token: %j", (env) => {
      expect(() => loadConfig(env)).not.toThrow();
    });
  });

  describe("empty variables, as .env.example leaves them, count as unset", () => {
    test("the template's empty values give the defaults", () => {
      const config = loadConfig({
        ...PRODUCTION,
        ALLOW_UNSIGNED_WEBHOOKS: "",
        TRUST_PROXY: "",
        HOST: "",
        LOG_LEVEL: "",
        SESSION_STORE: "",
        REDIS_URL: "",
        SESSION_TTL_SECONDS: "",
        MEMORY_STORE_MAX_CALLS: "",
        SHUTDOWN_GRACE_MS: " ",
        FLOW_FILE: "",
      });
      expect(config).toMatchObject({
        ALLOW_UNSIGNED_WEBHOOKS: false,
        TRUST_PROXY: false,
        HOST: "0.0.0.0",
        LOG_LEVEL: "info",
        SESSION_STORE: "memory",
        SESSION_TTL_SECONDS: 14_400,
        MEMORY_STORE_MAX_CALLS: 100_000,
        SHUTDOWN_GRACE_MS: 10_000,
        FLOW_FILE: "flows/member-line.json",
      });
      expect(config.REDIS_URL).toBeUndefined();
    });

    test("an empty token is not a token", () => {
      expect(refusalOf({ TWILIO_AUTH_TOKEN: "", PUBLIC_BASE_URL: "https://ivr.example.org" })).toMatch(
        /✖ TWILIO_AUTH_TOKEN: is not set/,
      );
    });

    test("an empty PORT is refused rather than listening on a random port", () => {
      expect(refusalOf({ ...PRODUCTION, PORT: "" })).toMatch(/✖ PORT: must be a port from 1 to 65535 \(empty or 0/);
    });
  });
});

describe("Redis through Sentinel", () => {
  const SENTINEL = {
    ...PRODUCTION,
    SESSION_STORE: "redis",
    REDIS_SENTINELS: "10.0.0.1:26379, 10.0.0.2:26380,[fd00::3]:26379",
    REDIS_SENTINEL_MASTER: "mymaster",
  };

  test("the Sentinels are read into addresses; writes wait 100 ms for a replica by default", () => {
    expect(loadConfig(SENTINEL)).toMatchObject({
      REDIS_SENTINELS: [
        { host: "10.0.0.1", port: 26379 },
        { host: "10.0.0.2", port: 26380 },
        { host: "fd00::3", port: 26379 },
      ],
      REDIS_SENTINEL_MASTER: "mymaster",
      REDIS_REPLICA_WAIT_MS: 100,
    });
  });

  test.each([
    [{ ...SENTINEL, REDIS_REPLICA_WAIT_MS: "0" }, { REDIS_REPLICA_WAIT_MS: 0 }],
    [{ ...SENTINEL, REDIS_REPLICA_WAIT_MS: "400" }, { REDIS_REPLICA_WAIT_MS: 400 }],
    [
      { ...SENTINEL, REDIS_PASSWORD: "data-secret", REDIS_SENTINEL_PASSWORD: "sentinel-secret" },
      { REDIS_PASSWORD: "data-secret", REDIS_SENTINEL_PASSWORD: "sentinel-secret" },
    ],
    [{ ...PRODUCTION, SESSION_STORE: "redis", REDIS_URL: "redis://10.0.0.5:6379" }, { REDIS_REPLICA_WAIT_MS: 0 }],
    [
      {
        ...PRODUCTION,
        SESSION_STORE: "redis",
        REDIS_URL: "rediss://cache.example.org:6380",
        REDIS_REPLICA_WAIT_MS: "50",
      },
      { REDIS_REPLICA_WAIT_MS: 50 },
    ],
    [{ ...PRODUCTION, REDIS_SENTINELS: "", REDIS_SENTINEL_MASTER: "" }, { SESSION_STORE: "memory" }],
  ])("accepts %j", (env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  test.each([
    [{ ...SENTINEL, REDIS_SENTINELS: "10.0.0.1" }, "REDIS_SENTINELS", '"10.0.0.1" is not a Sentinel\'s host:port'],
    [{ ...SENTINEL, REDIS_SENTINELS: "10.0.0.1:26379,,10.0.0.2:26379" }, "REDIS_SENTINELS", '"" is not'],
    [{ ...SENTINEL, REDIS_SENTINELS: "10.0.0.1:0" }, "REDIS_SENTINELS", "is not a Sentinel's host:port"],
    [{ ...SENTINEL, REDIS_SENTINELS: "10.0.0.1:70000" }, "REDIS_SENTINELS", "is not a Sentinel's host:port"],
    [{ ...SENTINEL, REDIS_SENTINELS: "fd00::3:26379" }, "REDIS_SENTINELS", "is not a Sentinel's host:port"],
    [{ ...SENTINEL, REDIS_SENTINELS: "a:1,a:1" }, "REDIS_SENTINELS", "lists a:1 twice"],
    [{ ...SENTINEL, REDIS_SENTINEL_MASTER: undefined }, "REDIS_SENTINEL_MASTER", "is required with REDIS_SENTINELS"],
    [{ ...SENTINEL, REDIS_SENTINEL_MASTER: "my master" }, "REDIS_SENTINEL_MASTER", "sentinel monitor <name>"],
    [{ ...SENTINEL, REDIS_URL: "redis://10.0.0.5:6379" }, "REDIS_SENTINELS", "and REDIS_URL are both set"],
    [{ ...PRODUCTION, REDIS_SENTINEL_MASTER: "mymaster" }, "REDIS_SENTINELS", "is required with REDIS_SENTINEL_MASTER"],
    [{ ...PRODUCTION, REDIS_SENTINEL_PASSWORD: "x" }, "REDIS_SENTINELS", "is required with REDIS_SENTINEL_PASSWORD"],
    [{ ...SENTINEL, REDIS_REPLICA_WAIT_MS: "500" }, "REDIS_REPLICA_WAIT_MS", "at most 400 ms"],
    [{ ...SENTINEL, REDIS_REPLICA_WAIT_MS: "-1" }, "REDIS_REPLICA_WAIT_MS", "from 0 (no wait)"],
    [{ ...SENTINEL, REDIS_REPLICA_WAIT_MS: "soon" }, "REDIS_REPLICA_WAIT_MS", ""],
  ])("refuses %j naming %s", (env, variable, advice) => {
    const message = refusalOf(env as NodeJS.ProcessEnv);
    expect(message).toMatch(new RegExp(`✖ ${variable}:`));
    expect(message).toContain(advice);
  });

  test("SESSION_STORE=redis with neither names REDIS_URL and says Sentinel is the other way", () => {
    expect(refusalOf({ ...PRODUCTION, SESSION_STORE: "redis" })).toMatch(
      /✖ REDIS_URL: is required when SESSION_STORE=redis.*REDIS_SENTINELS with REDIS_SENTINEL_MASTER/,
    );
  });
});
