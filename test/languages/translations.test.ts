import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { listTranslations } from "../../src/tools/review/listTranslations.js";
import { REVIEW_END, REVIEW_START, renderTranslationReview } from "../../src/tools/review/renderTranslationReview.js";
import { FLOW_FILE, FLOW_FILES } from "../fixtures/flowFixtures.js";

const flowJson = (file: string): unknown => JSON.parse(readFileSync(file, "utf8"));

describe("listTranslations", () => {
  test.each([
    {
      name: "a marked line",
      json: { messages: { goodbye: { en: "Goodbye.", vi: { text: "Tạm biệt.", reviewed: false } } } },
      lines: [{ path: "messages.goodbye.vi", language: "vi", text: "Tạm biệt.", source: "Goodbye.", reviewed: false }],
    },
    {
      name: "a line with a note for the reviewer",
      json: {
        messages: {
          languageOption: {
            en: "For English, press {key}.",
            vi: { text: "Tiếng Việt, xin bấm số {key}.", reviewed: false, note: "For Vietnamese, press {key}." },
          },
        },
      },
      lines: [
        {
          path: "messages.languageOption.vi",
          language: "vi",
          text: "Tiếng Việt, xin bấm số {key}.",
          source: "For English, press {key}.",
          reviewed: false,
          note: "For Vietnamese, press {key}.",
        },
      ],
    },
    {
      name: "a signed-off line",
      json: { teams: { pharmacy: { name: { en: "pharmacy", es: { text: "farmacia", reviewed: true } } } } },
      lines: [{ path: "teams.pharmacy.name.es", language: "es", text: "farmacia", source: "pharmacy", reviewed: true }],
    },
    {
      name: "a plain string, which does not say",
      json: { menus: { main: { options: [{ say: { en: "Press 1.", es: "Oprima 1." } }] } } },
      lines: [
        {
          path: "menus.main.options[0].say.es",
          language: "es",
          text: "Oprima 1.",
          source: "Press 1.",
          reviewed: undefined,
        },
      ],
    },
    { name: "speech words, which are not lines", json: { speech: { en: ["pharmacy"], es: ["farmacia"] } }, lines: [] },
    { name: "English alone", json: { messages: { goodbye: { en: "Goodbye." } } }, lines: [] },
  ])("$name", ({ json, lines }) => {
    expect(listTranslations(json)).toEqual(lines);
  });
});

describe.each(FLOW_FILES)("the translations of %s", (file) => {
  const lines = listTranslations(flowJson(file));

  test("are many, in every language but English", () => {
    expect(lines.length).toBeGreaterThan(40);
    expect(lines.every((l) => l.language !== "en")).toBe(true);
  });

  test('every one says whether it was reviewed, and none is yet ("reviewed": false)', () => {
    expect(lines.filter((l) => l.reviewed !== false).map((l) => l.path)).toEqual([]);
  });
});

describe("the README's list of translations awaiting review", () => {
  // Whether the committed list is the bundled flow's is npm run flow -- check's (stale-export, tested with it).
  test("names every interpreter line not yet reviewed, word for word", () => {
    const lines = listTranslations(flowJson(FLOW_FILE)).filter((l) => l.path.includes("interpreter"));
    const review = renderTranslationReview(flowJson(FLOW_FILE), FLOW_FILE);
    expect(lines.length).toBeGreaterThan(10);
    expect(review.startsWith(REVIEW_START) && review.endsWith(REVIEW_END)).toBe(true);
    for (const line of lines) expect(review).toContain(line.text.replace(/\|/g, "\\|"));
  });
});
