/// <reference lib="dom" />
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { call, press, SHOTS, transcript, useConsole } from "./consolePage.js";

const { openConsole, url } = useConsole();

/** Each line the caller heard: its language mark, the language of its words and the words. */
const markedLines = (page: Page) =>
  page.$$eval(".entry.line", (lines) =>
    lines.flatMap((line) => {
      const mark = line.querySelector(".lang");
      const words = line.querySelector("span[lang]:not(.lang)");
      if (!mark) return [];
      return [{ mark: mark.textContent ?? "", language: words?.getAttribute("lang") ?? "", words: words?.textContent }];
    }),
  );

/** What the console's API says of the line. */
const apiLine = async () => (await fetch(`${url()}/api/line`)).json() as Promise<Record<string, unknown>>;

describe("the transcript's language marks", () => {
  test("the greeting marks each language by its own name, or its full code: never two letters cut from it", async () => {
    const page = await openConsole();
    await call(page, { number: /^Northwest/, at: "2026-11-25T10:00" });
    const marks = new Map((await markedLines(page)).map((line) => [line.language, line.mark]));
    expect(Object.fromEntries(marks)).toEqual({
      "en-US": "English",
      "es-US": "Español",
      "cmn-CN": "cmn-CN",
      "yue-HK": "粵語",
      "vi-VN": "Tiếng Việt",
      "fil-PH": "Filipino",
      "fr-FR": "Français",
    });
    expect([...marks.values()].filter((mark) => /^[A-Z]{2}$/.test(mark))).toEqual([]);
    await page.close();
  });

  test.each([
    ["2", "Mandarin", "cmn-CN", "cmn-CN", /口译员/],
    ["3", "Cantonese", "yue-HK", "粵語", /傳譯員/],
    ["4", "Vietnamese", "vi-VN", "Tiếng Việt", /thông dịch viên/],
    ["5", "Tagalog", "fil-PH", "Filipino", /isang interpreter nang libre/],
  ])(
    "a caller pressing 8 then %s (%s) hears the interpreter hand-off (%s) marked %s",
    async (key, name, language, mark, words) => {
      const page = await openConsole();
      await call(page, { number: /^Northwest/, at: "2026-11-25T10:00" });
      await press(page, "8");
      await press(page, key);
      await expect.poll(() => transcript(page)).toContain("Put through: member services");
      const handOff = (await markedLines(page)).at(-1);
      expect(handOff).toEqual({ mark, language, words: expect.stringMatching(words) });
      await page.screenshot({ path: `${SHOTS}/interpreter-${name.toLowerCase()}.png`, fullPage: true });
      await page.close();
    },
  );
});

describe("what the page knows of the line comes from /api/line", () => {
  test("the dial results offered are the API's, in its order, with the API's first choice", async () => {
    const line = await apiLine();
    const page = await openConsole();
    const dial = page.getByLabel(/When a transfer happens/);
    const offered = await dial
      .locator("option")
      .evaluateAll((options) => options.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
    const results = line.dialResults as Array<{ status: string; text: string }>;
    expect(offered).toEqual(results.map((r) => [r.status, r.text]));
    expect(offered.map(([status]) => status)).toEqual([
      "completed",
      "answered",
      "busy",
      "no-answer",
      "failed",
      "canceled",
    ]);
    expect(await dial.inputValue()).toBe(line.defaultDial);
    await page.close();
  });

  test("a line served with other dial results and marks is shown with them", async () => {
    const line = await apiLine();
    const languages = (line.languages as Array<Record<string, unknown>>).map((l) =>
      l.code === "vi" ? { ...l, mark: "Vietnamese (served)" } : l,
    );
    const served = {
      ...line,
      languages,
      dialResults: [
        { status: "no-answer", connected: false, text: "nobody picks up (served)" },
        { status: "answered", connected: true, text: "someone picks up (served)" },
      ],
      defaultDial: "no-answer",
    };
    const page = await openConsole(1366, 900, async (p) => {
      await p.route("**/api/line", (route) => route.fulfill({ json: served }));
    });
    const dial = page.getByLabel(/When a transfer happens/);
    expect(await dial.locator("option").allInnerTexts()).toEqual([
      "nobody picks up (served)",
      "someone picks up (served)",
    ]);
    expect(await dial.inputValue()).toBe("no-answer");
    await call(page, { number: /^Northwest/, at: "2026-11-25T10:00" });
    expect((await markedLines(page)).find((l) => l.language === "vi-VN")?.mark).toBe("Vietnamese (served)");
    await press(page, "3");
    expect(await transcript(page)).toContain("+1 800 972 0700: nobody picks up (served)");
    await page.close();
  });
});
