import { defineConfig } from "vitest/config";

/** `npm run test:browser`: the console in a real browser (Debian's chromium, driven by playwright-core). */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.browser.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One browser, one console: the files run one after another.
    fileParallelism: false,
    // In CI a JSON report is written too, so the run can end on one plain "N passed, N failed" line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    ...(process.env.CI ? { outputFile: { json: "test-results/browser.json" } } : {}),
  },
});
