import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, test } from "vitest";
import { renderLineDiagram } from "../../src/tools/review/renderLineDiagram.js";
import { lineWith } from "./lineFixtures.js";

// Whether the committed drawing of the bundled line is up to date is npm run flow -- check's (stale-export).
describe("the line's diagram", () => {
  const line = lineWith({}, "the line");

  test("the SVG draws the language menu, the interpreter menu and the interpreter hand-offs", async () => {
    const svg = await renderLineDiagram(line, { format: "svg" });
    expect(XMLValidator.validate(svg)).toBe(true);
    const ids = idsOf(new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(svg));
    expect(ids).toEqual(
      expect.arrayContaining([
        "menu:language",
        "menu:interpreterClosed",
        "menu:main>menu:language:8",
        "menu:language>team:memberServices:4",
        "menu:language>team:memberServices:0",
        "team:memberServices>menu:interpreterClosed:interpreter",
        "menu:interpreterClosed>team:nurseAdvice:2",
      ]),
    );
  });
});

/** The `id` of every element of a parsed XML document. */
function idsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(idsOf);
  if (!value || typeof value !== "object") return [];
  const { id } = value as { id?: unknown };
  return [...(typeof id === "string" ? [id] : []), ...Object.values(value).flatMap(idsOf)];
}
