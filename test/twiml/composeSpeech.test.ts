import { describe, expect, test } from "vitest";
import { INTERPRETER_CLOSED } from "../../src/service/contract/stateIds.js";
import { cacheSpeech, composeSpeech, type SpeechBook, writeSpeech } from "../../src/service/twiml/composeSpeech.js";
import { keyOfArguments, memoize } from "../../src/service/twiml/memoize.js";
import type { Notice } from "../../src/service/types.js";
import { sharedCallFlow } from "../support/createTestApp.js";

describe("memoize", () => {
  test("computes once per input, and again for any input that differs in one argument", () => {
    const calls: unknown[][] = [];
    const join = memoize((a: string, b: string | null, c?: { n: number }) => {
      calls.push([a, b, c]);
      return `${a}|${b}|${c?.n}`;
    });
    expect(join("x", null)).toBe("x|null|undefined");
    expect(join("x", null)).toBe("x|null|undefined");
    expect(join("x", "null")).toBe("x|null|undefined");
    expect(join("x", null, { n: 1 })).toBe("x|null|1");
    expect(join("x", null, { n: 2 })).toBe("x|null|2");
    expect(join("x", null, { n: 2 })).toBe("x|null|2");
    expect(calls).toHaveLength(4);
  });

  test.each([
    [[null], [undefined]],
    [[null], ["null"]],
    [[undefined], []],
    [["a", "b"], ["a,b"]],
    [["a|b"], ["a", "b"]],
    [[1], ["1"]],
    [[{ kind: "closed", open: ["1"] }], [{ kind: "closed", open: ["2"] }]],
  ])("%j and %j have different keys", (a, b) => {
    expect(keyOfArguments(a)).not.toBe(keyOfArguments(b));
  });
});

describe("the speech book's cache", () => {
  /** A book whose every text depends on every argument: what a cache keyed by hand gets wrong. */
  const echo: SpeechBook = {
    greeting: (lang) => `greeting ${lang}`,
    menuPrompt: (menu, lang, style, region) => [{ lang, text: `${menu} ${style} in ${region}` }],
    notice: (notice, menu, lang) => `${JSON.stringify(notice)} ${menu} ${lang}`,
    message: (key, lang, team) => `${key} ${lang} ${team}`,
    hours: (region, team, lang) => `${team} in ${region} ${lang}`,
    callbackPrompt: (state, lang, team, digits) => `${state} ${lang} ${team} ${digits}`,
  };

  test("a prompt that depends on the region is never served to another region's caller", () => {
    const book = cacheSpeech(echo);
    for (const region of ["northwest", "colorado", null, "northwest", "hawaii", null])
      expect(book.menuPrompt("main", "en", "full", region)).toEqual([{ lang: "en", text: `main full in ${region}` }]);
  });

  test("every text is kept under all its arguments", () => {
    const book = cacheSpeech(echo);
    const closed = (open: string[]): Notice => ({ kind: "closed", team: "pharmacy", region: "hawaii", open });
    expect(book.notice(closed(["1"]), "main", "en")).toBe(echo.notice(closed(["1"]), "main", "en"));
    expect(book.notice(closed(["2"]), "main", "en")).toBe(echo.notice(closed(["2"]), "main", "en"));
    expect(book.message("escalate", "en", "pharmacy")).toBe("escalate en pharmacy");
    expect(book.message("escalate", "en")).toBe("escalate en undefined");
    expect(book.hours("hawaii", "pharmacy", "es")).toBe("pharmacy in hawaii es");
    expect(book.hours("colorado", "pharmacy", "es")).toBe("pharmacy in colorado es");
  });

  test("a text is composed once, then kept", () => {
    let composed = 0;
    const book = cacheSpeech({ ...echo, greeting: (lang) => `greeting ${lang} ${++composed}` });
    expect([book.greeting("en"), book.greeting("en"), book.greeting("es"), book.greeting("en")]).toEqual([
      "greeting en 1",
      "greeting en 1",
      "greeting es 2",
      "greeting en 1",
    ]);
  });

  test("on the line: every prompt, asked region after region, is what a book without a cache composes", () => {
    const callFlow = sharedCallFlow();
    const cached = composeSpeech(callFlow);
    const fresh = writeSpeech(callFlow);
    const regions = [...callFlow.directory.regions.map((r) => r.id), null];
    const languages = Object.keys(callFlow.flow.languages);
    let differByRegion = 0;
    for (const menu of callFlow.menus.keys())
      for (const lang of languages)
        for (const style of ["full", "short"] as const)
          for (const region of [...regions, ...[...regions].reverse()]) {
            const prompt = cached.menuPrompt(menu, lang, style, region);
            expect(prompt).toEqual(fresh.menuPrompt(menu, lang, style, region));
            if (
              menu === INTERPRETER_CLOSED &&
              JSON.stringify(prompt) !== JSON.stringify(fresh.menuPrompt(menu, lang, style, "northwest"))
            )
              differByRegion++;
          }
    // The interpreter menu names the hours of the interpreters' team where the caller is: not the same everywhere.
    expect(differByRegion).toBeGreaterThan(0);
  });
});
