import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hasBrowser, type OpenedPage, openInBrowser } from "../../scripts/openInBrowser.js";
import { createReportBuilder } from "../../src/tools/analytics/aggregate.js";
import { renderReportHtml } from "../../src/tools/analytics/renderReportHtml.js";
import type { Report } from "../../src/tools/analytics/reportTypes.js";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import { sharedCallFlow } from "../support/createTestApp.js";
import { FIXTURE } from "./fixtureCalls.js";
import { runCalls } from "./runCalls.js";

const dir = mkdtempSync(join(tmpdir(), "member-line-report-"));
const file = join(dir, "report.html");
let page: Promise<string> | undefined;

/** The fixture's report as a page, written to a temporary file once for both suites. */
function renderFixturePage(): Promise<string> {
  page ??= (async () => {
    const { lines } = await runCalls(
      FIXTURE.map((f) => f.call),
      "page-test-salt-0123456789",
    );
    const builder = createReportBuilder({ graph: buildFlowGraph(sharedCallFlow()) });
    for (const line of lines) builder.addLine(line);
    const report: Report = builder.finish();
    const html = await renderReportHtml(report, { callFlow: sharedCallFlow(), sources: ["fixture.log"] });
    writeFileSync(file, html);
    return html;
  })();
  return page;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the HTML report", () => {
  let html: string;
  beforeAll(async () => {
    html = await renderFixturePage();
  });

  test("is one self-contained file: no script, style or image from elsewhere", () => {
    // (Booleans, not the page itself, in the failure messages: the page is a quarter of a megabyte.)
    expect(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src="http|url\(http|@import/i.test(html)).toBe(false);
    expect(html.includes("Chart.js")).toBe(true);
    expect(html.match(/<canvas/g)).toHaveLength(6);
    expect(html.includes('<g id="menu:main" class="node menu">')).toBe(true);
  });
});

describe.skipIf(!hasBrowser())("the HTML report in headless Chromium (skipped without /usr/bin/chromium)", () => {
  let opened: OpenedPage;
  beforeAll(async () => {
    await renderFixturePage();
    opened = await openInBrowser(file);
  }, 30_000);
  afterAll(async () => opened?.close());

  test("loads with no console error, no uncaught exception and no network request", () => {
    expect(opened.problems).toEqual([]);
  });

  test("shows the headline figures", async () => {
    const cards = await opened.page.locator(".card").allInnerTexts();
    expect(cards[0]).toContain("13");
    // One call of thirteen disconnected by the line: 7.7%, too few calls to hold to CMS's bar.
    expect(cards[1]).toMatch(/^Disconnected by the line\n7\.7%\n1 call · CMS bar 5\.0% · too few calls to judge$/i);
    expect(cards[2]).toMatch(
      /^Hung up before being put through\n23\.1%\n3 calls: 3 in a menu, 0 while a transfer rang/i,
    );
  });

  test("every table of the blocks fits its block at the width the picture is taken at (1400 px)", async () => {
    // Run in the page, so written as a string: no DOM types here.
    const overflowing = (await opened.page.evaluate(`[...document.querySelectorAll(".blocks > div")]
      .filter((block) => [...block.querySelectorAll("table")].some((t) => t.getBoundingClientRect().right > block.getBoundingClientRect().right + 0.5))
      .map((block) => block.querySelector("h2").textContent)`)) as string[];
    expect(overflowing).toEqual([]);
  });

  test("on a phone (390 px) nothing is wider than the screen: a wide table scrolls inside itself", async () => {
    await opened.page.setViewportSize({ width: 390, height: 844 });
    try {
      // The charts redraw at the new width a moment after the resize: asked again until they have.
      const wider = () =>
        opened.page.evaluate(`[document.documentElement.scrollWidth,
        ...[...document.querySelectorAll("table, figure, .card, .flow")].map((e) => Math.ceil(e.getBoundingClientRect().right))]
        .filter((right) => right > 390)`) as Promise<number[]>;
      await expect.poll(wider, { timeout: 5_000 }).toEqual([]);
    } finally {
      await opened.page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  test("draws every chart", async () => {
    // Counts the painted pixels of each canvas (run in the page, so written as a string: no DOM types here).
    const drawn = (await opened.page.evaluate(`[...document.querySelectorAll("canvas")].map((canvas) => {
        const context = canvas.getContext("2d");
        if (!context || canvas.width === 0) return 0;
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
        return painted;
      })`)) as number[];
    expect(drawn).toHaveLength(6);
    for (const painted of drawn) expect(painted).toBeGreaterThan(500);
  });

  test("annotates the flow's nodes and edges with callers, by the shared graph's ids", async () => {
    const main = await opened.page.locator('[id="menu:main"] text').allTextContents();
    expect(main).toEqual(expect.arrayContaining(["Main menu", "13 callers", "3 hung up here (23.1%)"]));
    const edge = await opened.page.locator('[id="menu:main>team:pharmacy:3"] text').allTextContents();
    expect(edge.map((t) => t.trim())).toEqual(["3 pharmacy", "5"]);
  });
});

describe("ids read from a log are looked up as own properties only", () => {
  test.each(["__proto__", "constructor", "toString"])(
    "a turn record whose team is %s still gives a page",
    async (id) => {
      const { lines } = await runCalls(
        FIXTURE.map((f) => f.call),
        "page-test-salt-0123456789",
      );
      const builder = createReportBuilder({ graph: buildFlowGraph(sharedCallFlow()) });
      for (const line of lines) {
        const event = JSON.parse(line) as Record<string, unknown>;
        if (event.team !== undefined) event.team = id;
        if (event.dialTeam !== undefined) event.dialTeam = id;
        builder.addLine(JSON.stringify(event));
      }
      const html = await renderReportHtml(builder.finish(), { callFlow: sharedCallFlow(), sources: ["crafted.log"] });
      expect(html).toContain("</html>");
      expect(html).toContain(id);
    },
  );
});
