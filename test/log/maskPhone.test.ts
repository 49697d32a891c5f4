import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, test } from "vitest";
import { maskPhone } from "../../src/service/log/maskPhone.js";

describe("maskPhone", () => {
  test.each([
    ["+15035550123", "+1***0123"],
    ["+442071838750", "+44***8750"],
    ["+8613800138000", "+86***8000"],
    ["+67712345", "+677***2345"],
    ["+4930123", "+49***0123"],
    ["+2901234", "+290***"],
    ["+1234", "+1***"],
    ["+999123456789", "+***"],
    ["+1", "+***"],
    ["5550123", "***"],
    ["client:alice", "client:***"],
    ["sip:alice@example.com", "sip:***"],
    ["anonymous", "***"],
    ["", ""],
    [undefined, undefined],
  ])("%s → %s", (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  test.each(["+15035550123", "+442071838750", "+67712345", "+2901234", "+4930123"])(
    "never shows more than the country code and 4 digits of %s",
    (number) => {
      const masked = maskPhone(number) as string;
      expect(masked).not.toContain(number.slice(1));
      expect(masked.replace(/\D/g, "").length).toBeLessThanOrEqual(
        (parsePhoneNumberFromString(number)?.countryCallingCode.length ?? 0) + 4,
      );
    },
  );

  test("shows at most the country code and the last 4 digits of any +number, and never the whole national part", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+[1-9]\d{0,14}$/), (number) => {
        const masked = maskPhone(number) as string;
        const parsed = parsePhoneNumberFromString(number);
        const code = parsed?.countryCallingCode ?? "";
        const national = parsed?.nationalNumber ?? "";
        expect(masked.startsWith(`+${code}***`)).toBe(true);
        const shown = masked.slice(`+${code}***`.length);
        expect(shown.length).toBeLessThanOrEqual(4);
        if (national.length <= 4) expect(shown).toBe("");
        else expect(number.endsWith(shown)).toBe(true);
      }),
    );
  });
});
