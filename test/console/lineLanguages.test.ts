import { describe, expect, test } from "vitest";
import { describeLanguages, findOwnName } from "../../src/tools/console/lineLanguages.js";
import { sharedCallFlow } from "../support/createTestApp.js";

describe("the marks of the line's languages", () => {
  test.each([
    ["en-US", "English"],
    ["es-US", "Español"],
    ["vi-VN", "Tiếng Việt"],
    ["yue-HK", "粵語"],
    ["fil-PH", "Filipino"],
    ["fr-FR", "Français"],
    // ICU names `cmn` as Chinese (`zh`), and `tl` as Filipino: not these codes' own names.
    ["cmn-CN", undefined],
    ["tl-PH", undefined],
    ["qq-QQ", undefined],
    ["not a language", undefined],
  ])("%s is named %s in itself", (code, name) => {
    expect(findOwnName(code)).toBe(name);
  });

  test("every language of the line is marked by its own name or its full code, never cut short", () => {
    const marks = Object.fromEntries(describeLanguages(sharedCallFlow()).map((l) => [l.code, l.mark]));
    expect(marks).toEqual({
      en: "English",
      es: "Español",
      cmn: "cmn-CN",
      yue: "粵語",
      vi: "Tiếng Việt",
      tl: "Filipino",
      fr: "Français",
    });
  });
});
