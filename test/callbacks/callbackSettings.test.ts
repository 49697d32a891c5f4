import { describe, expect, test } from "vitest";
import { createCallbackDesk } from "../../src/service/callbacks/createCallbackDesk.js";
import { MemoryCallbackQueue } from "../../src/service/callbacks/memoryQueue.js";
import {
  createCallbackKey,
  identifyCallback,
  openNumber,
  parseCallbackKey,
  sealNumber,
} from "../../src/service/callbacks/sealNumber.js";
import { loadConfig } from "../../src/service/config/loadConfig.js";
import { StartupError } from "../../src/service/errors.js";
import { createLogger } from "../../src/service/log/createLogger.js";
import { CapturedLogs, sharedCallFlow } from "../support/createTestApp.js";

const BASE = { ALLOW_UNSIGNED_WEBHOOKS: "1" };
const HEX_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

describe("call-back settings", () => {
  test.each([
    [{ CALLBACK_ENCRYPTION_KEY: "too-short" }, "CALLBACK_ENCRYPTION_KEY: must be 32 random bytes"],
    [{ CALLBACK_ENCRYPTION_KEY: HEX_KEY.slice(2) }, "CALLBACK_ENCRYPTION_KEY: must be 32 random bytes"],
    [{ TWILIO_ACCOUNT_SID: "AC123" }, "TWILIO_ACCOUNT_SID: must be the account SID"],
    [{ TWILIO_API_BASE_URL: "ftp://example.test" }, "TWILIO_API_BASE_URL: must be an http(s) URL"],
    [{ CALLBACK_WORKER: "maybe" }, "CALLBACK_WORKER"],
  ])("%j is refused, naming the variable", (env, message) => {
    expect(() => loadConfig({ ...BASE, ...env })).toThrow(message);
  });

  test("defaults: Twilio's own API, the worker on, no key", () => {
    const config = loadConfig(BASE);
    expect(config).toMatchObject({ TWILIO_API_BASE_URL: "https://api.twilio.com", CALLBACK_WORKER: "on" });
    expect(config.CALLBACK_ENCRYPTION_KEY).toBeUndefined();
  });

  test("the key as 64 hex digits or as base64", () => {
    expect(parseCallbackKey(HEX_KEY)).toEqual(Buffer.from(HEX_KEY, "hex"));
    expect(parseCallbackKey(Buffer.from(HEX_KEY, "hex").toString("base64"))).toEqual(Buffer.from(HEX_KEY, "hex"));
  });

  const setup = (logs = new CapturedLogs()) => ({
    line: sharedCallFlow,
    clock: Date.now,
    logger: createLogger("info", logs),
  });

  test("a real Twilio account without the key: the server refuses to start, saying why", () => {
    const config = loadConfig({
      TWILIO_AUTH_TOKEN: "0123456789abcdef0123456789abcdef",
      TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`,
      PUBLIC_BASE_URL: "https://line.example.test",
    });
    expect(() => createCallbackDesk(config, setup())).toThrow(StartupError);
    expect(() => createCallbackDesk(config, setup())).toThrow(
      /CALLBACK_ENCRYPTION_KEY: is required when the line offers call-backs and a real Twilio account places them/,
    );
  });

  test("without a real account: a random key of the process, announced; a memory queue without Redis", async () => {
    const logs = new CapturedLogs();
    const desk = createCallbackDesk(loadConfig(BASE), setup(logs));
    expect(desk?.queue).toBeInstanceOf(MemoryCallbackQueue);
    expect(logs.text()).toContain("CALLBACK_ENCRYPTION_KEY is not set");
    await desk?.queue.close();
  });
});

describe("sealing a number", () => {
  const key = createCallbackKey();

  test("sealed with a fresh IV each time, opened with the key, never readable in the sealed text", () => {
    const a = sealNumber(key, "+15035550123");
    const b = sealNumber(key, "+15035550123");
    expect(a).not.toBe(b);
    expect(a).not.toContain("5035550123");
    expect(openNumber(key, a)).toBe("+15035550123");
  });

  test.each([
    ["another key", (s: string) => s, createCallbackKey()],
    ["an altered ciphertext", (s: string) => `${s.slice(0, -2)}${s.endsWith("A") ? "B" : "A"}A`, key],
    ["not a sealed number", () => "v1.nope", key],
  ])("refused: %s", (_what, alter, with_) => {
    expect(() => openNumber(with_, alter(sealNumber(key, "+15035550123")))).toThrow();
  });

  test("one id per number and team, the same each time; never the number", () => {
    const id = identifyCallback(key, "+15035550123", "memberServices");
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(identifyCallback(key, "+15035550123", "memberServices")).toBe(id);
    expect(identifyCallback(key, "+15035550123", "pharmacy")).not.toBe(id);
    expect(identifyCallback(key, "+15035550142", "memberServices")).not.toBe(id);
  });
});
