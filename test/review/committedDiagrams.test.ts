import { readFileSync } from "node:fs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, test } from "vitest";
import { COMMITTED_DIAGRAMS, renderLineDiagram } from "../../src/tools/review/renderLineDiagram.js";
import { lineWith } from "./lineFixtures.js";

describe("the bundled line's committed diagrams", () => {
  const line = lineWith({}, "bundled");

  // The file twice: once for what is stale, once in the command that redraws it.
  test.each(COMMITTED_DIAGRAMS.map(({ file, format }) => [file, file, format] as const))(
    "%s is up to date with the line (run `npm run flow -- diagram --out %s` when this fails)",
    async (file, _command, format) => {
      expect(readFileSync(file, "utf8")).toBe(await renderLineDiagram(line, { format }));
    },
  );

  test("the SVG draws the language menu, the interpreter menu and the interpreter hand-offs", () => {
    const svg = readFileSync("flows/member-line.svg", "utf8");
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
