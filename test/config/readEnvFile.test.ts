import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../src/service/config/loadConfig.js";
import { readEnvFile } from "../../src/service/config/readEnvFile.js";

const dir = mkdtempSync(join(tmpdir(), "member-line-env-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function envFile(text: string): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.env`);
  writeFileSync(file, text);
  return file;
}

describe("readEnvFile", () => {
  test.each([
    ["adds what the file sets", "PORT=4000\nLOG_LEVEL=debug\n", {}, { PORT: "4000", LOG_LEVEL: "debug" }],
    [
      "lets the real environment win",
      "PORT=4000\nLOG_LEVEL=debug\n",
      { PORT: "5000" },
      { PORT: "5000", LOG_LEVEL: "debug" },
    ],
    ["fills a variable the real environment leaves empty", "PORT=4000\n", { PORT: "" }, { PORT: "4000" }],
    [
      "reads comments, quotes and export",
      '# a comment\nexport HOST=127.0.0.1\nPUBLIC_BASE_URL="https://a.example.org"\n',
      {},
      { HOST: "127.0.0.1", PUBLIC_BASE_URL: "https://a.example.org" },
    ],
    [
      "keeps the template's empty values (loadConfig treats them as unset)",
      "TWILIO_AUTH_TOKEN=\n",
      {},
      { TWILIO_AUTH_TOKEN: "" },
    ],
  ])("%s", (_name, text, real, expected) => {
    expect(readEnvFile(envFile(text), real)).toEqual(expected);
  });

  test("a missing file adds nothing", () => {
    expect(readEnvFile(join(dir, "none.env"), { PORT: "1234" })).toEqual({ PORT: "1234" });
  });

  test("a directory where the file should be stops the start, naming it", () => {
    expect(() => readEnvFile(dir, {})).toThrow(new RegExp(`${dir}: cannot be read`));
  });

  test("a copy of .env.example with only the token filled in names what production still needs", () => {
    const env = readEnvFile(".env.example", {});
    expect(env.TWILIO_AUTH_TOKEN).toBe("");
    const withToken = { ...env, TWILIO_AUTH_TOKEN: "0123456789abcdef0123456789abcdef" };
    expect(() => loadConfig(withToken)).toThrow(/✖ PUBLIC_BASE_URL: is required/);
    expect(loadConfig({ ...withToken, PUBLIC_BASE_URL: "https://ivr.example.org" })).toMatchObject({
      PORT: 3000,
      SESSION_STORE: "memory",
    });
  });

  test("the untouched .env.example starts nothing: it names the missing token", () => {
    expect(() => loadConfig(readEnvFile(".env.example", {}))).toThrow(/✖ TWILIO_AUTH_TOKEN: is not set/);
  });
});
