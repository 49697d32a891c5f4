import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, test } from "vitest";
import { maskPhone, maskPhonesIn } from "../../src/service/log/maskPhone.js";
import { sanitizeForLog } from "../../src/service/log/sanitizeForLog.js";

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

describe("maskPhonesIn: numbers inside text taken from a request", () => {
  test.each([
    ["/voice/+15035550123", "/voice/+1***0123"],
    ["/voice/%2B15035550123", "/voice/+1***0123"],
    ["/voice/%2b15035550123/x", "/voice/+1***0123/x"],
    ["/x?From=%2B1%20503%20555%200123&t=3", "/x?From=+1***0123&t=3"],
    ["/x?from=+1-503-555-0123", "/x?from=+1***0123"],
    ["/x?from=503.555.0123", "/x?from=***"],
    ["/a/5035550123/b/+442071838750", "/a/***/b/+44***8750"],
    ["/voice/turn?t=3", "/voice/turn?t=3"],
    ["/voice/turn?t=123456", "/voice/turn?t=123456"],
    [`/voice/CA${"1234567890".repeat(3)}ab`, `/voice/CA${"1234567890".repeat(3)}ab`],
    ["/healthz", "/healthz"],
    ["", ""],
  ])("%s → %s", (text, expected) => {
    expect(maskPhonesIn(text)).toBe(expected);
  });

  test("no run of more than 4 of a number's national digits is left in any text around it", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z/?=&]{0,8}$/),
        fc.stringMatching(/^\+1[2-9]\d{2}[2-9]\d{6}$/),
        fc.constantFrom("", "/", "?x=", "&"),
        (before, number, after) => {
          const masked = maskPhonesIn(`${before}${number}${after}`);
          expect(masked).not.toContain(number.slice(2, 8));
          expect(masked).not.toContain(number.slice(2));
        },
      ),
    );
  });

  test("sanitizeForLog masks, then cuts to the logged length", () => {
    expect(sanitizeForLog(`/voice/+15035550123/${"x".repeat(300)}`)).toMatch(
      /^\/voice\/\+1\*\*\*0123\/x+…\[\+\d+ chars\]$/,
    );
  });
});
