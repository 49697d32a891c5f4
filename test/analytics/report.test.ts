import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { EVENT_VERSION } from "../../src/service/contract/eventSchema.js";
import { createReportBuilder, type ReportPeriod } from "../../src/tools/analytics/aggregate.js";
import type { Report } from "../../src/tools/analytics/reportTypes.js";
import { readLogLines } from "../../src/tools/logs/readLogLines.js";
import { FIXTURE } from "./fixtureCalls.js";
import { runCalls } from "./runCalls.js";

const SALT = "fixture-salt-0123456789";

function reportOf(lines: readonly string[], period?: ReportPeriod): Report {
  const builder = createReportBuilder(period);
  for (const line of lines) builder.addLine(line);
  return builder.finish();
}

/** Every figure of `--json` for the fixture's thirteen calls, worked out by hand from fixtureCalls.ts. */
const EXPECTED = {
  calls: 13,
  abandoned: 3,
  transferred: { behavioralHealth: 1, memberServices: 2, nurseAdvice: 2, pharmacy: 2, representative: 2 },
  // K heard three failed transfers and the line's goodbye: the line disconnected it (no goodbye on purpose).
  goodbye: 0,
  disconnected: 1,
  abandonRate: 0.2308,
  disconnectRate: 0.0769,
  // Seconds to the start of the dial that connected: A, H, I, J, M 10; D 15 (three silences); F 20; G 24
  // (second number); E 34 (wrong key, busy, then 0). Nearest rank of nine: p50 the 5th, p95 the 9th.
  secondsToTransfer: { p50: 10, p95: 34 },
  byRegion: {
    colorado: {
      calls: 1,
      abandoned: 0,
      transferred: { memberServices: 1 },
      goodbye: 0,
      disconnected: 0,
      abandonRate: 0,
      disconnectRate: 0,
      secondsToTransfer: { p50: 24, p95: 24 },
    },
    northwest: {
      calls: 12,
      abandoned: 3,
      transferred: { behavioralHealth: 1, memberServices: 1, nurseAdvice: 2, pharmacy: 2, representative: 2 },
      goodbye: 0,
      disconnected: 1,
      abandonRate: 0.25,
      disconnectRate: 0.0833,
      secondsToTransfer: { p50: 10, p95: 34 },
    },
  },
  menus: {
    main: {
      entered: 13,
      chose: {
        "0 representative": 1,
        "1 memberServices": 3,
        "2 nurseAdvice": 3,
        "3 pharmacy": 5,
        "4 behavioralHealth": 1,
        "9 language es": 1,
      },
      choseBy: {
        "0 representative": { key: 1, speech: 0 },
        "1 memberServices": { key: 3, speech: 0 },
        "2 nurseAdvice": { key: 3, speech: 0 },
        "3 pharmacy": { key: 4, speech: 1 },
        "4 behavioralHealth": { key: 1, speech: 0 },
        "9 language es": { key: 1, speech: 0 },
      },
      invalid: 2,
      silent: 3,
      escalated: 1,
      abandoned: 3,
      abandonedAfter: { greeting: 1, failedAnswer: 1, closed: 1, failedTransfer: 0, menu: 0 },
      returned: 3,
      dropOff: 0.2308,
      closed: { memberServices: 1 },
      closedCalls: 1,
      arrivals: { known: 12, unknown: 0 },
    },
    region: {
      entered: 1,
      chose: { "2 colorado": 1 },
      choseBy: { "2 colorado": { key: 1, speech: 0 } },
      invalid: 0,
      silent: 0,
      escalated: 0,
      abandoned: 0,
      abandonedAfter: { greeting: 0, failedAnswer: 0, closed: 0, failedTransfer: 0, menu: 0 },
      returned: 0,
      dropOff: 0,
      closed: {},
      closedCalls: 0,
      options: { "2 colorado": { menu: "region", key: "2", action: { kind: "region", region: "colorado" } } },
      arrivals: { known: 0, unknown: 1 },
    },
  },
  afterHours: { memberServices: 1 },
  failedTransfers: { memberServices: 1, nurseAdvice: 1, pharmacy: 3 },
  // A then H (2 hours, another team), C then J (30 minutes, C was not put through); B then I is 80 hours.
  repeatCallers72h: 2,
};

describe("the report of calls whose every figure is known", () => {
  let lines: readonly string[];
  let report: Report;
  beforeAll(async () => {
    lines = (
      await runCalls(
        FIXTURE.map((f) => f.call),
        SALT,
      )
    ).lines;
    report = reportOf(lines);
  });

  test("the --json figures are exact", () => {
    expect(report).toMatchObject(EXPECTED);
    expect(Object.keys(report.menus)).toEqual(["main", "region"]);
    expect(Object.keys(report.byRegion)).toEqual(["colorado", "northwest"]);
  });

  test.each([
    ["byLanguage", { en: 12, es: 1 }],
    ["byDay", { "2026-03-11": 11, "2026-03-14": 1, "2026-03-17": 1 }],
  ] as const)("%s counts every call once", (key, calls) => {
    expect(Object.fromEntries(Object.entries(report[key]).map(([k, s]) => [k, s.calls]))).toEqual(calls);
  });

  test("failed transfers by team and number, what happened next, and how those calls ended", () => {
    expect(report.failedTransferDetail).toEqual([
      { team: "pharmacy", region: "northwest", line: 1, status: "failed", count: 3 },
      { team: "memberServices", region: "colorado", line: 1, status: "busy", count: 1 },
      { team: "nurseAdvice", region: "northwest", line: 1, status: "busy", count: 1 },
    ]);
    expect(report.afterFailedTransfer).toEqual({ nextLine: 1, backToMenu: 3, goodbye: 1 });
    expect(report.failedTransferOutcome).toEqual({ transferred: 2, abandoned: 0, goodbye: 0, disconnected: 1 });
    expect(report.teams.pharmacy).toEqual({
      calls: 3,
      attempts: 5,
      connected: 2,
      failed: 3,
      nextLine: 0,
      unreachable: 3,
      abandoned: 0,
      escalations: 0,
    });
    expect(report.teams.representative).toMatchObject({ calls: 2, connected: 2, escalations: 1 });
    expect(report.callsThrough).toEqual({ closed: 1, unreachable: 2, escalated: 1 });
  });

  test("after-hours demand by team and local hour of the week: Saturday 12:00 in the Northwest", () => {
    const hours = report.afterHoursByHour.memberServices ?? [];
    expect(hours).toHaveLength(168);
    expect(hours.reduce((a, b) => a + b, 0)).toBe(1);
    expect(hours[5 * 24 + 12]).toBe(1);
    expect(report.afterHoursOutcome).toEqual({ transferred: 0, abandoned: 1, goodbye: 0, disconnected: 0 });
  });

  test("repeat callers within 72 hours, and those who reached another team", () => {
    expect(report).toMatchObject({
      repeatCallers72h: 2,
      repeatCalls72h: 2,
      repeatCallersOtherTeam72h: 1,
      callsWithCallerKey: 12,
    });
  });

  test("calls by local hour of the week add up to the calls", () => {
    const total = Object.values(report.callsByHour)
      .flat()
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(13);
    // Wednesday 12:00 Pacific: A, D, E and more of the morning's calls.
    expect(report.callsByHour.transferred[2 * 24 + 12]).toBeGreaterThan(0);
  });

  test("without a salt there are no caller keys and no repeat callers", async () => {
    const unsalted = reportOf((await runCalls(FIXTURE.map((f) => f.call))).lines);
    expect(unsalted).toMatchObject({ calls: 13, callsWithCallerKey: 0, repeatCallers72h: 0, repeatCalls72h: 0 });
  });

  test.each([
    // UTC: M (Wednesday 17:00 Pacific) starts on Thursday.
    ["Wednesday, UTC", { from: Date.parse("2026-03-11T00:00:00Z"), to: Date.parse("2026-03-12T00:00:00Z") }, 10, 3],
    ["from Saturday on", { from: Date.parse("2026-03-14T00:00:00Z") }, 2, 11],
    ["before anything", { to: Date.parse("2026-03-01T00:00:00Z") }, 0, 13],
  ])("a period (%s) counts only the calls that started in it", (_name, period, calls, outside) => {
    const r = reportOf(lines, period);
    expect(r.calls).toBe(calls);
    expect(r.lines.callsOutsidePeriod).toBe(outside);
  });

  test("retried requests and lost calls are counted as the service's, not as calls; errors and warnings by message", () => {
    const firstTurn = JSON.parse(lines[1] as string) as Record<string, unknown>;
    const service = (level: number, msg: string) => JSON.stringify({ level, time: 1, service: "member-line", msg });
    const extra = [
      JSON.stringify({ ...firstTurn, result: "replayed" }),
      JSON.stringify({ ...firstTurn, result: "replayed" }),
      service(50, "turn failed; the caller hears an apology and is transferred"),
      service(40, "malformed status callback ignored"),
      service(30, "member line listening"),
    ];
    const r = reportOf([...lines.slice(0, 2), ...extra, ...lines.slice(2)]);
    expect(r).toMatchObject({ ...EXPECTED, menus: { main: { chose: EXPECTED.menus.main.chose } } });
    expect(r.service).toEqual({
      retries: 2,
      restarts: 0,
      errors: { "turn failed; the caller hears an apology and is transferred": 1 },
      warnings: { "malformed status callback ignored": 1 },
    });
    expect(r.lines).toMatchObject({ service: 3, events: lines.length + 2 });
  });

  test("malformed and foreign lines are skipped and counted, and change no figure", () => {
    const turn = JSON.parse(lines[0] as string) as Record<string, unknown>;
    const junk = [
      "",
      "not json at all",
      "{ half a line",
      "[1,2,3]",
      "42",
      "null",
      JSON.stringify({ msg: "GET /healthz", service: "nginx" }),
      JSON.stringify({ level: 30, msg: "hello" }),
      JSON.stringify({ ...turn, v: EVENT_VERSION + 1 }),
      JSON.stringify({ ...turn, v: undefined }),
      JSON.stringify({ ...turn, callSid: "CA-not-a-sid" }),
      JSON.stringify({ ...turn, time: "yesterday" }),
      JSON.stringify({ ...turn, state: undefined }),
      JSON.stringify({ ...turn, msg: "call ended", event: "STATUS" }),
      "\u0000\u0001binary\uFFFD",
    ];
    const mixed = lines.flatMap((line, i) => (i % 4 === 0 ? [junk[(i / 4) % junk.length] as string, line] : [line]));
    const r = reportOf([...mixed, ...junk]);
    expect(r).toMatchObject(EXPECTED);
    const skipped = r.lines.skipped;
    expect(skipped.notJson + skipped.foreign + skipped.malformed + skipped.otherVersion).toBe(
      r.lines.read - r.lines.events - r.lines.service,
    );
    expect(skipped).toMatchObject({ otherVersion: expect.any(Number), malformed: expect.any(Number) });
    expect(skipped.malformed).toBeGreaterThanOrEqual(4);
    expect(skipped.otherVersion).toBeGreaterThanOrEqual(2);
    expect(skipped.foreign).toBeGreaterThanOrEqual(2);
  });

  test("the logs of two instances behind a load balancer (a call's turns in both) read as one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "member-line-instances-"));
    try {
      const files = [join(dir, "a.log"), join(dir, "b.log")];
      // As the calls happened (the fixture places them out of order), turns alternating between the instances.
      const timeOf = (l: string) => (JSON.parse(l) as { time: number }).time;
      const inTime = [...lines].sort((a, b) => timeOf(a) - timeOf(b));
      files.forEach((f, n) => {
        writeFileSync(f, `${inTime.filter((_l, i) => i % 2 === n).join("\n")}\n`);
      });
      const builder = createReportBuilder();
      for await (const line of readLogLines(files)) builder.addLine(line);
      expect(builder.finish()).toMatchObject(EXPECTED);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a log cut before the status callbacks still ends every call", () => {
    const r = reportOf(lines.filter((l) => !l.includes('"call ended"')));
    expect(r).toMatchObject(EXPECTED);
  });

  test("an empty log is a report of nothing", () => {
    expect(reportOf([])).toMatchObject({
      calls: 0,
      abandoned: 0,
      abandonRate: 0,
      transferred: {},
      goodbye: 0,
      disconnected: 0,
      disconnectRate: 0,
      menus: {},
      secondsToTransfer: { p50: null, p95: null },
      period: { first: null, last: null, firstDay: null, lastDay: null },
    });
  });
});
