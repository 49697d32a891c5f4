import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { hasProgram, PROMETHEUS_SKIP_REASON, runPromtool } from "./promtool.js";

const ALERTS = "ops/prometheus/alerts.yml";
const ALERT_TESTS = "ops/prometheus/alerts.test.yml";
const PROMETHEUS_CONFIG = "ops/prometheus/prometheus.yml";
const alertsText = readFileSync(ALERTS, "utf8");
const testsText = readFileSync(ALERT_TESTS, "utf8");

/** The alerts of alerts.yml, each with its annotations as written. */
const alerts = alertsText
  .split(/^\s+- alert: /m)
  .slice(1)
  .map((block) => ({
    name: block.split("\n", 1)[0]?.trim() ?? "",
    summary: /^\s+summary: "(.*)"$/m.exec(block)?.[1],
    runbook: /^\s+runbook_url: "README\.md#([a-z0-9-]+)"$/m.exec(block)?.[1],
  }));

/** GitHub's anchor of a Markdown heading. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}
const anchors = new Set(
  readFileSync("README.md", "utf8")
    .split("\n")
    .filter((l) => /^#{1,6} /.test(l))
    .map((l) => anchorOf(l.replace(/^#+ /, ""))),
);

describe("the alerts, as written", () => {
  test("the alerts the line needs are all there", () => {
    expect(alerts.map((a) => a.name).sort()).toEqual(
      [
        "MemberLineCallbacksGivenUp",
        "MemberLineCallersHangingUpInMenu",
        "MemberLineDown",
        "MemberLineReloadRefused",
        "MemberLineSafeAnswers",
        "MemberLineSessionStoreUnreachable",
        "MemberLineTransfersFailing",
        "MemberLineWebhookSlow",
      ].sort(),
    );
  });

  test.each(alerts)("$name: a summary, and a runbook entry the README has", ({ summary, runbook }) => {
    expect(summary?.length ?? 0).toBeGreaterThan(40);
    expect(runbook).toBeDefined();
    expect(anchors).toContain(runbook);
  });

  test.each(alerts)("$name: tested firing and tested quiet", ({ name }) => {
    const cases = [...testsText.matchAll(/alertname: (\w+)\n\s+exp_alerts:( \[\])?/g)].filter((m) => m[1] === name);
    expect(cases.some((m) => m[2] === undefined)).toBe(true);
    expect(cases.some((m) => m[2] === " []")).toBe(true);
  });
});

const promtool = hasProgram("promtool");
if (!promtool) console.warn(`test/metrics/alerts.test.ts: promtool ${PROMETHEUS_SKIP_REASON}`);

describe.skipIf(!promtool)(`promtool${promtool ? "" : ` [${PROMETHEUS_SKIP_REASON}]`}`, () => {
  test.each([
    ["check rules", ALERTS],
    ["check config", PROMETHEUS_CONFIG],
    ["test rules", ALERT_TESTS],
  ])("promtool %s %s succeeds", (command, file) => {
    const run = runPromtool([...command.split(" "), file]);
    expect(run.output).toMatch(/SUCCESS/);
    expect(run.status, run.output).toBe(0);
  });
});
