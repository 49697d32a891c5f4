import { describe, expect, test } from "vitest";
import { findUtcOffset } from "../../src/service/directory/hours.js";
import { estimateSeconds } from "../../src/tools/analytics/traffic/callTiming.js";
import { createRandom } from "../../src/tools/analytics/traffic/createRandom.js";
import { DEFAULT_START, planTraffic } from "../../src/tools/analytics/traffic/planTraffic.js";
import { sharedCallFlow } from "../support/createTestApp.js";
import { REGIONS, UNKNOWN_TO } from "../support/regions.js";

const callFlow = sharedCallFlow();
const plan = planTraffic(callFlow, { calls: 3_000, days: 7, seed: 1 });
const share = (n: number) => n / plan.length;

describe("planTraffic", () => {
  test("is deterministic: the same seed gives the same calls, another seed others", () => {
    expect(planTraffic(callFlow, { calls: 200, days: 7, seed: 1 })).toEqual(
      planTraffic(callFlow, { calls: 200, days: 7, seed: 1 }),
    );
    expect(planTraffic(callFlow, { calls: 200, days: 7, seed: 2 })).not.toEqual(
      planTraffic(callFlow, { calls: 200, days: 7, seed: 1 }),
    );
  });

  test("plans every call in time order, within the days asked for, with a unique Call SID", () => {
    expect(plan).toHaveLength(3_000);
    const first = Date.parse(`${DEFAULT_START}T00:00:00Z`) - 11 * 3_600_000;
    const last = Date.parse(`${DEFAULT_START}T00:00:00Z`) + 7 * 86_400_000 + 11 * 3_600_000;
    for (const [i, call] of plan.entries()) {
      expect(call.at).toBeGreaterThanOrEqual(first);
      expect(call.at).toBeLessThan(last);
      if (i > 0) expect(call.at).toBeGreaterThanOrEqual(plan[i - 1]?.at ?? 0);
      expect(call.callSid).toMatch(/^CA[0-9a-f]{32}$/);
    }
    expect(new Set(plan.map((c) => c.callSid)).size).toBe(plan.length);
  });

  test("callers' numbers are fictional (555-0100 to 555-0199) or withheld, never a directory number", () => {
    for (const call of plan) expect(call.from).toMatch(/^\+1\d{3}55501\d{2}$|^\+266696687$/);
  });

  test("calls go to the regions' numbers, mostly California's, and a few to a number no region owns", () => {
    const inbound = new Set([...REGIONS.map((r) => r.inbound), UNKNOWN_TO]);
    for (const call of plan) expect(inbound.has(call.to)).toBe(true);
    const california = plan.filter((c) => c.to === REGIONS.find((r) => r.id === "california")?.inbound).length;
    expect(share(california)).toBeGreaterThan(0.6);
    expect(share(plan.filter((c) => c.to === UNKNOWN_TO).length)).toBeGreaterThan(0.002);
    for (const region of REGIONS) expect(plan.some((c) => c.to === region.inbound)).toBe(true);
  });

  test("the mix: quick key presses mostly, some speech, Spanish, wrong keys, silences, hang-ups and busy lines", () => {
    const first = plan.map((c) => c.steps[0]);
    const count = (p: (c: (typeof plan)[number]) => boolean) => share(plan.filter(p).length);
    expect(count((c) => c.steps.some((s) => s.kind === "say"))).toBeGreaterThan(0.1);
    expect(count((c) => c.steps.some((s) => s.kind === "press" && s.digits === "9"))).toBeGreaterThan(0.04);
    expect(count((c) => c.steps.some((s) => s.kind === "silence"))).toBeGreaterThan(0.03);
    expect(count((c) => c.steps.some((s) => s.kind === "say" && s.confidence < 0.4))).toBeGreaterThan(0.005);
    expect(share(first.filter((s) => s?.kind === "hangup").length)).toBeGreaterThan(0.01);
    expect(count((c) => c.dial.slice(0, 1).some((d) => d !== "completed"))).toBeGreaterThan(0.01);
    expect(count((c) => c.dial.slice(0, 1).some((d) => d !== "completed"))).toBeLessThan(0.1);
    expect(share(first.filter((s) => s?.kind === "press").length)).toBeGreaterThan(0.6);
  });

  test("a few callers ask for an interpreter: 8 for the language menu, then their language (or silence for any other)", () => {
    const asking = plan.filter((c) => c.steps.some((s) => s.kind === "press" && s.digits === "8"));
    expect(share(asking.length)).toBeGreaterThan(0.01);
    expect(share(asking.length)).toBeLessThan(0.06);
    for (const call of asking) {
      const at = call.steps.findIndex((s) => s.kind === "press" && s.digits === "8");
      const next = call.steps[at + 1];
      expect(next?.kind === "silence" || (next?.kind === "press" && /^[0234567]$/.test(next.digits))).toBe(true);
    }
  });

  test("some callers call back, and some call at night and on weekends", () => {
    const numbers = plan.map((c) => c.from).filter((n) => n !== "+266696687");
    expect(numbers.length - new Set(numbers).size).toBeGreaterThan(plan.length * 0.05);
    const local = plan.map((c) => new Date(c.at + findUtcOffset(c.at, "America/Los_Angeles") * 60_000));
    expect(local.filter((d) => d.getUTCDay() === 0 || d.getUTCDay() === 6).length).toBeGreaterThan(plan.length * 0.03);
    expect(local.filter((d) => d.getUTCHours() >= 19 || d.getUTCHours() < 7).length).toBeGreaterThan(
      plan.length * 0.03,
    );
  });

  test.each([["someday"], ["2026-02-30x"], [""]])("refuses the start %j", (start) => {
    expect(() => planTraffic(callFlow, { calls: 1, days: 1, seed: 1, start })).toThrow(/is not a date/);
  });
});

describe("createRandom", () => {
  test("repeats itself for a seed, and forks independent streams", () => {
    const a = createRandom(9);
    const b = createRandom(9);
    const draws = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(draws);
    for (const d of draws) expect(d).toBeGreaterThanOrEqual(0);
    expect(createRandom(9).fork("x").next()).not.toBe(createRandom(9).fork("y").next());
  });

  test("weighted picks follow their weights", () => {
    const r = createRandom("w");
    const picks = Array.from({ length: 10_000 }, () => r.weighted({ a: 9, b: 1 }));
    const a = picks.filter((p) => p === "a").length / picks.length;
    expect(a).toBeGreaterThan(0.88);
    expect(a).toBeLessThan(0.92);
  });
});

describe("estimateSeconds", () => {
  const pace = { listen: 0.5, react: 2, ring: 10, talk: 100 };
  test.each([
    [{ kind: "heard", chars: 140 } as const, 5],
    [{ kind: "answered" } as const, 2],
    [{ kind: "silent", timeoutSeconds: 5 } as const, 5],
    [{ kind: "dial-result", status: "completed", timeoutSeconds: 30 } as const, 110],
    [{ kind: "dial-result", status: "no-answer", timeoutSeconds: 30 } as const, 30],
    [{ kind: "dial-result", status: "busy", timeoutSeconds: 30 } as const, 4],
    [{ kind: "dial-result", status: "failed", timeoutSeconds: 30 } as const, 2],
  ])("%j takes %s s", (moment, seconds) => {
    expect(estimateSeconds(moment, pace)).toBe(seconds);
  });
});
