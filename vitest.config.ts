import { defineConfig } from "vitest/config";

/**
 * Files that start Redis primaries, replicas and Sentinels, kill them and time how the line gets through: run
 * one at a time, after every other file, so what they time is not another test's load.
 */
const FAILOVER_FILES = [
  "test/session/failover.test.ts",
  "test/callbacks/sentinelQueue.test.ts",
  "test/lifecycle/sentinelStartup.test.ts",
  "test/publish/publishing.test.ts",
];

export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // In CI a JSON report is written too, so the run can end on a plain "N passed, N failed" line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    ...(process.env.CI ? { outputFile: { json: "test-results/vitest.json" } } : {}),
    projects: [
      {
        extends: true,
        test: { name: "line", include: ["test/**/*.test.ts"], exclude: FAILOVER_FILES, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: "failover", include: FAILOVER_FILES, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
