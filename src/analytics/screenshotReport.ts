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
  await opened.page.screenshot({ path: out, fullPage: true });
} finally {
  await opened.close();
}
if (opened.problems.length > 0) {
  process.stderr.write(`${page} has problems:\n  ${opened.problems.join("\n  ")}\n`);
  process.exit(1);
}
process.stderr.write(`wrote ${out}\n`);
