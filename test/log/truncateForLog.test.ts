import { describe, expect, test } from "vitest";
import { LOGGED_TEXT_LIMIT, truncateForLog } from "../../src/service/log/truncateForLog.js";

describe("truncateForLog", () => {
  test.each([
    ["empty", "", ""],
    ["a short path", "/voice/turn?t=3", "/voice/turn?t=3"],
    ["exactly the limit", "x".repeat(LOGGED_TEXT_LIMIT), "x".repeat(LOGGED_TEXT_LIMIT)],
    ["one over the limit", "x".repeat(LOGGED_TEXT_LIMIT + 1), `${"x".repeat(LOGGED_TEXT_LIMIT)}…[+1 chars]`],
    [
      "a 15 KB query string",
      `/voice?${"q".repeat(15_000)}`,
      `/voice?${"q".repeat(LOGGED_TEXT_LIMIT - 7)}…[+14807 chars]`,
    ],
  ])("%s", (_name, input, expected) => {
    expect(truncateForLog(input)).toBe(expected);
  });

  test("takes another limit", () => {
    expect(truncateForLog("abcdef", 3)).toBe("abc…[+3 chars]");
  });
});
