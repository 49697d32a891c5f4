import { describe, expect, test } from "vitest";
import { loadConfig } from "../../src/config/loadConfig.js";
import { StartupError } from "../../src/errors.js";

const TOKEN = "0123456789abcdef0123456789abcdef";

describe("loadConfig", () => {
  test("defaults with a token", () => {
    const config = loadConfig({ TWILIO_AUTH_TOKEN: TOKEN });
    expect(config).toMatchObject({
      PORT: 3000,
      LOG_LEVEL: "info",
      SESSION_STORE: "memory",
      SESSION_TTL_SECONDS: 14_400,
      TRUST_PROXY: false,
      ALLOW_UNSIGNED_WEBHOOKS: false,
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
    [{ TWILIO_AUTH_TOKEN: TOKEN, TRUST_PROXY: "true" }, { TRUST_PROXY: true }],
    [{ TWILIO_AUTH_TOKEN: TOKEN, TRUST_PROXY: "2" }, { TRUST_PROXY: 2 }],
    [{ TWILIO_AUTH_TOKEN: TOKEN, TRUST_PROXY: "loopback" }, { TRUST_PROXY: "loopback" }],
    [
      { TWILIO_AUTH_TOKEN: TOKEN, SESSION_STORE: "redis", REDIS_URL: "redis://127.0.0.1:6379" },
      { SESSION_STORE: "redis", REDIS_URL: "redis://127.0.0.1:6379" },
    ],
    [
      { TWILIO_AUTH_TOKEN: TOKEN, PORT: "0", LOG_LEVEL: "warn" },
      { PORT: 0, LOG_LEVEL: "warn" },
    ],
  ])("accepts %j", (env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  test.each([
    [{}, "TWILIO_AUTH_TOKEN"],
    [{ ALLOW_UNSIGNED_WEBHOOKS: "maybe" }, "ALLOW_UNSIGNED_WEBHOOKS"],
    [{ TWILIO_AUTH_TOKEN: "short" }, "TWILIO_AUTH_TOKEN"],
    [{ TWILIO_AUTH_TOKEN: TOKEN, PORT: "http" }, "PORT"],
    [{ TWILIO_AUTH_TOKEN: TOKEN, PORT: "70000" }, "PORT"],
    [{ TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: "abc.ngrok.app" }, "PUBLIC_BASE_URL"],
    [{ TWILIO_AUTH_TOKEN: TOKEN, LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ TWILIO_AUTH_TOKEN: TOKEN, SESSION_STORE: "redis" }, "REDIS_URL"],
    [{ TWILIO_AUTH_TOKEN: TOKEN, SESSION_STORE: "postgres" }, "SESSION_STORE"],
    [{ TWILIO_AUTH_TOKEN: TOKEN, REDIS_URL: "http://127.0.0.1:6379" }, "REDIS_URL"],
    [{ TWILIO_AUTH_TOKEN: TOKEN, SESSION_TTL_SECONDS: "5" }, "SESSION_TTL_SECONDS"],
  ])("refuses %j naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(StartupError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`✖ ${variable}:`));
  });
});
