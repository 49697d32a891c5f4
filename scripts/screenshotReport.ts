/**
 * `npm run report:screenshot -- report.html docs/report.png [--width 1400]`: a full-page PNG of a report,
 * taken in headless Chromium, for the README. Fails on any console error of the page.
 */
import { parseArgs } from "node:util";
import { hasBrowser, openInBrowser } from "./openInBrowser.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { width: { type: "string", default: "1400" } },
});
const [page, out] = positionals;
if (!page || !out) {
  process.stderr.write("Usage: npm run report:screenshot -- report.html docs/report.png [--width 1400]\n");
  process.exit(2);
}
if (!hasBrowser()) {
  process.stderr.write("No Chromium: install it (apt-get install -y chromium) or set CHROMIUM to its path.\n");
  process.exit(1);
}
const opened = await openInBrowser(page, Number(values.width));
try {
  // The whole page in one viewport, so the charts are drawn at their size once (a full-page capture of a
  // smaller viewport resizes them while it shoots).
  const height = (await opened.page.evaluate("document.documentElement.scrollHeight")) as number;
  await opened.page.setViewportSize({ width: Number(values.width), height });
  await opened.page.waitForTimeout(500);
  await opened.page.screenshot({ path: out, fullPage: true });
} finally {
  await opened.close();
}
if (opened.problems.length > 0) {
  process.stderr.write(`${page} has problems:\n  ${opened.problems.join("\n  ")}\n`);
  process.exit(1);
}
process.stderr.write(`wrote ${out}\n`);
