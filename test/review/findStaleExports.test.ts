import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { committedExportsOf, findStaleExports } from "../../src/tools/review/findStaleExports.js";
import { COMMITTED_DIAGRAMS, renderLineDiagram } from "../../src/tools/review/renderLineDiagram.js";
import { REVIEW_END, REVIEW_START, renderTranslationReview } from "../../src/tools/review/renderTranslationReview.js";
import { FLOW_FILE, flowJson } from "../fixtures/flowFixtures.js";
import { lineWith, optionOf } from "./lineFixtures.js";

const dir = mkdtempSync(path.join(tmpdir(), "stale-exports-"));
const line = lineWith({}, "the line");
/** The line with key 3 of the main menu put through to member services: what a diagram drawn before no longer shows. */
const edited = lineWith({
  flow: (json) => {
    // Named as before, so the short prompt's {key:pharmacy} still says its key.
    Object.assign(optionOf(json, "main", 2), { name: "pharmacy", do: { kind: "transfer", team: "memberServices" } });
  },
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("findStaleExports: the committed diagrams", () => {
  test.each(["svg", "mermaid"] as const)("a %s drawn from the line as it is: nothing to say", async (format) => {
    const file = write(`fresh.${format}`, await renderLineDiagram(line, { format }));
    expect(await findStaleExports(line, { diagrams: [{ file, format }] })).toEqual([]);
  });

  test.each(["svg", "mermaid"] as const)(
    "a %s drawn before the line changed: an error naming the file and the command that redraws it",
    async (format) => {
      const file = write(`stale.${format}`, await renderLineDiagram(line, { format }));
      expect(await findStaleExports(edited, { diagrams: [{ file, format }] })).toEqual([
        {
          rule: "stale-export",
          severity: "error",
          where: file,
          message: `does not draw the line as it is: run npm run flow -- diagram --out ${file}`,
        },
      ]);
    },
  );

  test("a diagram that is not committed is not checked", async () => {
    expect(await findStaleExports(line, { diagrams: [{ file: path.join(dir, "none.svg"), format: "svg" }] })).toEqual(
      [],
    );
  });
});

describe("findStaleExports: the list of translations awaiting review", () => {
  const json = flowJson();
  const readme = (list: string) => write("README.md", `# The line\n\n${list}\n\n## More\n`);

  test("the flow's list: nothing to say", async () => {
    const file = readme(renderTranslationReview(json, FLOW_FILE));
    expect(
      await findStaleExports(line, { diagrams: [], translations: { file, flowFile: FLOW_FILE, flowJson: json } }),
    ).toEqual([]);
  });

  test("a list written before a translation changed: an error naming the file and the command", async () => {
    const file = readme(`${REVIEW_START}\nan old list\n${REVIEW_END}`);
    expect(
      await findStaleExports(line, { diagrams: [], translations: { file, flowFile: FLOW_FILE, flowJson: json } }),
    ).toEqual([
      {
        rule: "stale-export",
        severity: "error",
        where: file,
        message: `its list of translations awaiting review is not ${FLOW_FILE}'s: run npm run translations`,
      },
    ]);
  });
});

describe("committedExportsOf", () => {
  test("the bundled files: their committed diagrams and the README's list", () => {
    expect(committedExportsOf("flows/member-line.json", "./data/directory.json", {})).toEqual({
      diagrams: COMMITTED_DIAGRAMS,
      translations: { file: "README.md", flowFile: "flows/member-line.json", flowJson: {} },
    });
  });

  test.each([
    ["another flow", FLOW_FILE, "data/directory.json"],
    ["another directory", "flows/member-line.json", "test/fixtures/line/directory.json"],
  ])("%s: nothing committed to check", (_name, flow, directory) => {
    expect(committedExportsOf(flow, directory, {})).toEqual({ diagrams: [] });
  });
});
