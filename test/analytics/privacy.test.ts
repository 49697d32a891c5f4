import { beforeAll, describe, expect, test } from "vitest";
import { createReportBuilder } from "../../src/tools/analytics/aggregate.js";
import { renderReportHtml } from "../../src/tools/analytics/renderReportHtml.js";
import type { PlannedCall } from "../../src/tools/analytics/traffic/plannedCall.js";
import { planTraffic } from "../../src/tools/analytics/traffic/planTraffic.js";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import { sharedCallFlow } from "../support/createTestApp.js";
import { runCalls } from "./runCalls.js";

const SALT = "privacy-test-salt-5f3a9c";
/** Words callers say in the traffic that are no option's words (so they cannot appear as an option's label either). */
const UNMATCHED_SPEECH = "um hello is anybody there";

describe("a traffic run keeps personal data out of the events and the report", () => {
  let planned: PlannedCall[];
  let logText: string;
  let reportJson: string;
  let reportHtml: string;
  beforeAll(async () => {
    planned = planTraffic(sharedCallFlow(), { calls: 400, days: 7, seed: 11 });
    const run = await runCalls(planned, SALT);
    logText = run.lines.join("\n");
    const builder = createReportBuilder({ graph: buildFlowGraph(sharedCallFlow()) });
    for (const line of run.lines) builder.addLine(line);
    const report = builder.finish();
    reportJson = JSON.stringify(report);
    reportHtml = await renderReportHtml(report, { callFlow: sharedCallFlow(), sources: ["traffic.log"] });
  }, 120_000);

  test("the traffic has callers, repeat callers and speech to leak", () => {
    const numbers = new Set(planned.map((c) => c.from));
    expect(numbers.size).toBeGreaterThan(300);
    expect(numbers.size).toBeLessThan(planned.length);
    expect(planned.some((c) => c.steps.some((s) => s.kind === "say"))).toBe(true);
    expect(logText.split("\n").length).toBeGreaterThan(1000);
  });

  test.each([
    ["the log", () => logText],
    ["the JSON report", () => reportJson],
    ["the HTML report", () => reportHtml],
  ])("no caller's number, in any form, is in %s", (_what, text) => {
    const output = text();
    const leaks = [...new Set(planned.map((c) => c.from))].filter((number) =>
      [number, number.slice(1), number.slice(2), number.slice(-7)].some((form) => output.includes(form)),
    );
    expect(leaks).toEqual([]);
  });

  test.each([
    ["the log", () => logText],
    ["the JSON report", () => reportJson],
    ["the HTML report", () => reportHtml],
  ])("neither the salt nor words callers said are in %s", (_what, text) => {
    const output = text();
    expect(output).not.toContain(SALT);
    expect(output).not.toContain(UNMATCHED_SPEECH);
    expect(output).not.toMatch(/SpeechResult|"text"|"caller"/);
  });
});
