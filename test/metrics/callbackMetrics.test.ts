import { Registry } from "prom-client";
import { describe, expect, test } from "vitest";
import { countCallEvent } from "../../src/service/metrics/countCallEvent.js";
import { createMetrics } from "../../src/service/metrics/createMetrics.js";

/** The value of `ivr_callbacks_total` for one series, 0 when it never moved. */
async function callbacksOf(registry: Registry, labels: Record<string, string>): Promise<number> {
  const metric = await registry.getSingleMetric("ivr_callbacks_total")?.get();
  const match = metric?.values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value));
  return match?.value ?? 0;
}

describe("ivr_callbacks_total: every call-back step, from the records the line writes", () => {
  test.each([
    {
      name: "a turn that offers a call-back",
      record: { msg: "turn", result: "advanced", callback: { step: "offered", team: "pharmacy", region: "northwest" } },
      series: { team: "pharmacy", region: "northwest", status: "offered" },
    },
    {
      name: "a turn that books one",
      record: {
        msg: "turn",
        result: "advanced",
        callback: { step: "requested", team: "memberServices", region: "hawaii", lastDigits: "0123" },
      },
      series: { team: "memberServices", region: "hawaii", status: "requested" },
    },
    {
      name: "the worker's record of a placed try",
      record: { msg: "callback", step: "placed", team: "pharmacy", region: "colorado", attempt: 1 },
      series: { team: "pharmacy", region: "colorado", status: "placed" },
    },
    {
      name: "one given up (a label has no space)",
      record: { msg: "callback", step: "given up", team: "pharmacy", region: "colorado", attempt: 4 },
      series: { team: "pharmacy", region: "colorado", status: "given-up" },
    },
    {
      name: "a region that is not an id is unknown, never a number",
      record: { msg: "callback", step: "cancelled", team: "pharmacy", region: "+15035550123" },
      series: { team: "pharmacy", region: "unknown", status: "cancelled" },
    },
  ])("$name", async ({ record, series }) => {
    const registry = new Registry();
    const metrics = createMetrics({ registry });
    countCallEvent(metrics, record);
    expect(await callbacksOf(registry, series)).toBe(1);
    const text = await registry.metrics();
    expect(text).not.toMatch(/\+?1?5035550123/);
  });

  test.each([
    { name: "a turn without a call-back", record: { msg: "turn", result: "advanced" } },
    {
      name: "a retried turn (already counted)",
      record: { msg: "turn", result: "replayed", callback: { step: "offered", team: "pharmacy", region: "northwest" } },
    },
    {
      name: "a turn whose step the queue records too (the greeting answered: counted from the queue's record)",
      record: {
        msg: "turn",
        result: "advanced",
        callback: { step: "answered", team: "pharmacy", region: "northwest" },
      },
    },
    {
      name: "a turn that cancels one (the member reached the team: counted from the queue's record)",
      record: {
        msg: "turn",
        result: "advanced",
        callback: { step: "cancelled", team: "pharmacy", region: "northwest" },
      },
    },
    {
      name: "another log line",
      record: { msg: "line reloaded", step: "placed", team: "pharmacy", region: "northwest" },
    },
  ])("$name moves nothing", async ({ record }) => {
    const registry = new Registry();
    const metrics = createMetrics({ registry });
    countCallEvent(metrics, record);
    const metric = await registry.getSingleMetric("ivr_callbacks_total")?.get();
    expect(metric?.values ?? []).toEqual([]);
  });
});
