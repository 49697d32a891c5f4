import { describe, expect, test } from "vitest";
import { loadConfig } from "../../src/service/config/loadConfig.js";

const TOKEN = "0123456789abcdef0123456789abcdef";
const PRODUCTION = { TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: "https://ivr.example.org" };

describe("ANALYTICS_SALT", () => {
  test.each([
    [{}, undefined],
    [{ ANALYTICS_SALT: "" }, undefined],
    [{ ANALYTICS_SALT: "0f3c9a7b2e5d41c8a6b0e9f2d4c7a1b3" }, "0f3c9a7b2e5d41c8a6b0e9f2d4c7a1b3"],
  ])("%j gives %s", (env, salt) => {
    expect(loadConfig({ ...PRODUCTION, ...env }).ANALYTICS_SALT).toBe(salt);
  });

  test("a short salt is refused, naming the variable and how to make one", () => {
    expect(() => loadConfig({ ...PRODUCTION, ANALYTICS_SALT: "short" })).toThrow(
      /✖ ANALYTICS_SALT: must be a random secret of at least 16 characters.*openssl rand -hex 32/,
    );
  });
});
