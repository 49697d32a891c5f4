import { describe, expect, it } from "vitest";
import { formatPhone } from "../../src/service/index.js";

describe("formatPhone", () => {
  it.each([
    ["+18009720700", "+1 800 972 0700"],
    ["+15035550100", "+1 503 555 0100"],
    ["+442079460000", "+44 20 7946 0000"],
    ["client:alice", "client:alice"],
    ["", ""],
  ])("writes %s as %s", (given, written) => {
    expect(formatPhone(given)).toBe(written);
  });
});
