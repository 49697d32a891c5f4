import { describe, expect, test } from "vitest";
import { maskPhone } from "../../src/log/maskPhone.js";

describe("maskPhone", () => {
  test.each([
    ["+15035550123", "+1503***0123"],
    ["+442071838750", "+4420***8750"],
    ["5550123", "***"],
    ["client:alice", "client:***"],
    ["sip:alice@example.com", "sip:***"],
    ["anonymous", "***"],
    ["", ""],
    [undefined, undefined],
  ])("%s → %s", (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  test.each(["+15035550123", "+442071838750"])("never keeps the whole number %s", (number) => {
    expect(maskPhone(number)).not.toContain(number.slice(1));
    expect(maskPhone(number)?.replace(/\D/g, "").length).toBeLessThan(number.length - 3);
  });
});
