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

describe("the README", () => {
  test("lists the translations awaiting review (run `npm run translations` when this fails)", () => {
    const readme = readFileSync("README.md", "utf8");
    const start = readme.indexOf(REVIEW_START);
    const end = readme.indexOf(REVIEW_END);
    expect(start).toBeGreaterThan(-1);
    expect(readme.slice(start, end + REVIEW_END.length)).toBe(renderTranslationReview(flowJson(FLOW_FILE), FLOW_FILE));
  });

  test("names every interpreter line, word for word", () => {
    const readme = readFileSync("README.md", "utf8");
    const lines = listTranslations(flowJson(FLOW_FILE)).filter((l) => l.path.includes("interpreter"));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(readme).toContain(line.text.replace(/\|/g, "\\|"));
  });
});
