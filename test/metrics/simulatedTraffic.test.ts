import { Registry } from "prom-client";
import { describe, expect, test } from "vitest";
import { createLogger } from "../../src/service/log/createLogger.js";
import { countCallEvent } from "../../src/service/metrics/countCallEvent.js";
import { createMetrics } from "../../src/service/metrics/createMetrics.js";
import { planTraffic } from "../../src/tools/analytics/traffic/planTraffic.js";
import { runTraffic } from "../../src/tools/analytics/traffic/runTraffic.js";
import { startTrafficLine } from "../../src/tools/analytics/traffic/startTrafficLine.js";
import { CapturedLogs, sharedCallFlow } from "../support/createTestApp.js";
import { parseExposition } from "./exposition.js";

/**
 * The simulated traffic of `npm run traffic` (callers hanging up, busy lines, speech, Spanish, the region
 * menu): counting its log's records gives the outcomes the simulated callers lived, as the Twilio emulator
 * saw them.
 */
describe("the counts of a simulated day agree with what its callers lived", () => {
  test("200 calls: started, transferred, goodbye and hung up, exactly", async () => {
    const callFlow = sharedCallFlow();
    const logs = new CapturedLogs();
    const line = await startTrafficLine({ callFlow, logger: createLogger("info", logs) });
    let summary: Awaited<ReturnType<typeof runTraffic>>;
    try {
      summary = await runTraffic(line, planTraffic(callFlow, { calls: 200, days: 1, seed: 7 }), () => {});
    } finally {
      await line.close();
    }
    const metrics = createMetrics({ registry: new Registry() });
    for (const record of logs.entries()) countCallEvent(metrics, record);
    const samples = parseExposition(await metrics.registry.metrics());
    const total = (name: string, labels: Record<string, string> = {}) =>
      samples
        .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        .reduce((n, s) => n + s.value, 0);

    expect(summary.outcomes.failed).toBe(0);
    expect(summary.outcomes["caller-hung-up"]).toBeGreaterThan(10);
    expect(total("ivr_calls_started_total")).toBe(summary.calls);
    expect(total("ivr_calls_ended_total", { ending: "transferred" })).toBe(summary.outcomes.transferred);
    expect(total("ivr_calls_ended_total", { ending: "goodbye" })).toBe(summary.outcomes.goodbye);
    expect(total("ivr_calls_ended_total", { ending: "abandoned" })).toBe(summary.outcomes["caller-hung-up"]);
    expect(total("ivr_transfers_total", { status: "completed" })).toBe(summary.outcomes.transferred);
  }, 60_000);
});
