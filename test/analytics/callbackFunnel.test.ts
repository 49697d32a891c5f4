import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventSchema } from "../../src/service/contract/eventSchema.js";
import { createReportBuilder, type ReportPeriod } from "../../src/tools/analytics/aggregate.js";
import { renderReportHtml } from "../../src/tools/analytics/renderReportHtml.js";
import { createReportNames } from "../../src/tools/analytics/reportNames.js";
import type { CallbackFunnelStats, Report } from "../../src/tools/analytics/reportTypes.js";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import { sharedCallFlow } from "../support/createTestApp.js";

const T0 = Date.parse("2026-03-10T15:00:00Z");
const ID = { a: "a".repeat(32), b: "b".repeat(32), c: "c".repeat(32), d: "d".repeat(32) };
const sid = (n: number) => `CA${String(n).padStart(32, "0")}`;
const MS = { team: "memberServices", region: "northwest" } as const;
const RX_NW = { team: "pharmacy", region: "northwest" } as const;
const RX_CO = { team: "pharmacy", region: "colorado" } as const;

/** A turn line of call `call` (a caller's call, or one the line placed), ten minutes a call from T0. */
function turn(call: number, n: number, callback: Record<string, unknown>, fields: Record<string, unknown> = {}) {
  return JSON.stringify({
    level: 30,
    service: "member-line",
    v: 2,
    time: T0 + call * 600_000 + n * 10_000,
    version: "test",
    callSid: sid(call),
    turn: n,
    result: n === 1 ? "started" : "advanced",
    event: n === 1 ? "INCOMING" : "KEY",
    inbound: "northwest",
    region: "northwest",
    language: "en",
    from: n === 1 ? null : "main",
    state: "main",
    callback,
    ms: 1,
    msg: "turn",
    ...fields,
  });
}

/** A line of the call-back queue (outside any caller's turn), `minute` minutes after T0's next day. */
function queued(minute: number, callback: Record<string, unknown>, call?: number) {
  return JSON.stringify({
    level: 30,
    service: "member-line",
    v: 2,
    time: T0 + 86_400_000 + minute * 60_000,
    ...(call === undefined ? {} : { callSid: sid(call) }),
    ...callback,
    msg: "callback",
  });
}

/**
 * Four call-backs and the calls around them. A (member services, Northwest): offered twice in one call,
 * requested, placed, answered (the queue's line and the greeting's turn), put through on the team's second
 * number; later asked for again. B (pharmacy, Colorado): requested, asked again from another call, a replayed
 * request, two tries not answered (one line repeated), given up. C (pharmacy, Northwest): requested, cancelled
 * when the member reached the team (the turn and the queue's line). D (member services, Northwest): requested,
 * cancelled by an operator. One more Northwest caller hears the member-services offer and hangs up.
 */
const LINES: readonly string[] = [
  turn(1, 2, { step: "offered", ...MS, due: T0 }),
  turn(1, 3, { step: "offered", ...MS, due: T0 }),
  turn(1, 4, { step: "requested", ...MS, id: ID.a, due: T0, lastDigits: "0123" }, { state: "callbackDone" }),
  turn(2, 2, { step: "offered", ...MS, due: T0 }),
  turn(3, 2, { step: "offered", ...RX_CO, due: T0 }, { region: "colorado", inbound: "colorado" }),
  turn(3, 3, { step: "requested", ...RX_CO, id: ID.b, due: T0 }, { region: "colorado", state: "callbackDone" }),
  turn(3, 3, { step: "requested", ...RX_CO, id: ID.b, due: T0 }, { region: "colorado", result: "replayed" }),
  turn(4, 2, { step: "pending", ...RX_CO, id: ID.b, due: T0 }, { region: "colorado", state: "callbackDone" }),
  turn(5, 2, { step: "offered", ...RX_NW, due: T0 }),
  turn(5, 3, { step: "requested", ...RX_NW, id: ID.c, due: T0 }, { state: "callbackDone" }),
  turn(6, 2, { step: "cancelled", ...RX_NW, id: ID.c }, { state: "transfer", team: "pharmacy", attempt: 0 }),
  queued(0, { step: "cancelled", ...RX_NW, id: ID.c, reason: "the member called in and reached the team" }),
  turn(7, 3, { step: "requested", ...MS, id: ID.d, due: T0 }, { state: "callbackDone" }),
  queued(1, { step: "cancelled", ...MS, id: ID.d, reason: "cancelled by an operator" }),
  queued(60, { step: "placed", ...MS, id: ID.a, attempt: 1 }, 150),
  queued(61, { step: "answered", ...MS, id: ID.a, attempt: 1 }, 150),
  turn(150, 1, { step: "answered", ...MS, id: ID.a }, { state: "callbackGreeting", from: null }),
  turn(150, 3, { step: "connected", ...MS, id: ID.a, dialStatus: "busy" }, { event: "DIAL_RESULT" }),
  turn(150, 4, { step: "connected", ...MS, id: ID.a, dialStatus: "completed" }, { event: "DIAL_RESULT" }),
  queued(62, { step: "placed", ...RX_CO, id: ID.b, attempt: 1 }, 151),
  queued(63, { step: "retried", ...RX_CO, id: ID.b, attempt: 1, callStatus: "busy" }, 151),
  queued(83, { step: "placed", ...RX_CO, id: ID.b, attempt: 2 }, 152),
  queued(84, { step: "retried", ...RX_CO, id: ID.b, attempt: 2, callStatus: "no-answer" }, 152),
  queued(84, { step: "retried", ...RX_CO, id: ID.b, attempt: 2, callStatus: "no-answer" }, 152),
  queued(104, { step: "given up", ...RX_CO, id: ID.b, attempt: 3, reason: "not answered after 3 tries" }),
  turn(300, 3, { step: "requested", ...MS, id: ID.a, due: T0 }, { state: "callbackDone" }),
];

/** A funnel from its figures in the page's order. */
function funnel(...figures: readonly number[]): CallbackFunnelStats {
  const steps = [
    "offered",
    "requested",
    "pending",
    "placed",
    "answered",
    "connected",
    "retried",
    "givenUp",
    "cancelled",
  ];
  expect(figures).toHaveLength(steps.length);
  return Object.fromEntries(steps.map((step, i) => [step, figures[i]])) as unknown as CallbackFunnelStats;
}

/** Worked out by hand from LINES. */
const EXPECTED: Report["callbacks"] = {
  all: funnel(4, 5, 1, 2, 1, 1, 2, 1, 2),
  byTeam: { memberServices: funnel(2, 3, 0, 1, 1, 1, 0, 0, 1), pharmacy: funnel(2, 2, 1, 1, 0, 0, 2, 1, 1) },
  byRegion: { colorado: funnel(1, 1, 1, 1, 0, 0, 2, 1, 0), northwest: funnel(3, 4, 0, 1, 1, 1, 0, 0, 2) },
};

const callFlow = sharedCallFlow();
const graph = buildFlowGraph(callFlow);
const names = createReportNames(callFlow, graph);

function reportOf(lines: readonly string[], period: ReportPeriod = {}): Report {
  const builder = createReportBuilder({ ...period, graph });
  for (const line of lines) builder.addLine(line);
  return builder.finish();
}

const dir = mkdtempSync(join(tmpdir(), "member-line-funnel-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the call-back funnel, from known turn records and call-back lines", () => {
  test("every line is an event as the service writes it (nothing skipped)", () => {
    for (const line of LINES) expect(eventSchema.safeParse(JSON.parse(line)).error).toBeUndefined();
    expect(reportOf(LINES).lines).toMatchObject({ events: LINES.length, skipped: { malformed: 0 } });
  });

  test("--json: each step counted once, by team and by region", async () => {
    const file = join(dir, "callbacks.log");
    writeFileSync(file, `${LINES.join("\n")}\n`);
    const tsx = join("node_modules", ".bin", "tsx");
    const { stdout } = await promisify(execFile)(tsx, ["src/tools/analytics/main.ts", file, "--json"], {
      encoding: "utf8",
    });
    expect((JSON.parse(stdout) as Report).callbacks).toEqual(EXPECTED);
  }, 60_000);

  test.each([
    ["lines in another order (the queue's lines first)", [...LINES].reverse(), EXPECTED.all],
    ["a period before the call-backs were placed", LINES, funnel(4, 4, 1, 0, 0, 0, 0, 0, 1), { to: T0 + 86_400_000 }],
    ["a period that ends before any of it", LINES, funnel(0, 0, 0, 0, 0, 0, 0, 0, 0), { to: T0 }],
  ] as ReadonlyArray<[string, readonly string[], CallbackFunnelStats, ReportPeriod?]>)(
    "%s",
    (_name, lines, all, period) => {
      expect(reportOf(lines, period).callbacks.all).toEqual(all);
    },
  );
});

describe("the call-back funnel on the page", () => {
  let html: string;
  let rows: Map<string, Record<string, string>>;
  beforeAll(async () => {
    html = await renderReportHtml(reportOf(LINES), { callFlow, sources: ["callbacks.log"] });
    rows = readFunnelRows(html);
  });

  type Row = [string, string, CallbackFunnelStats];
  test.each<Row>([
    ["callbacks.all", "All teams", EXPECTED.all],
    ...Object.entries(EXPECTED.byTeam).map(([id, s]): Row => [`callbacks.byTeam.${id}`, names.team(id), s]),
    ...Object.entries(EXPECTED.byRegion).map(([id, s]): Row => [`callbacks.byRegion.${id}`, names.region(id), s]),
  ])("%s: named %j, the JSON's figures", (at, name, s) => {
    const shown = Object.fromEntries(Object.entries(s).map(([step, n]) => [step, String(n)]));
    expect(rows.get(at)).toEqual({ name, ...shown });
  });

  test("teams and regions are named, not shown by their ids", () => {
    expect(rows.size).toBe(5);
    for (const { name } of rows.values())
      expect(["memberServices", "pharmacy", "northwest", "colorado"]).not.toContain(name);
  });
});

/** Each row of the page's funnel tables: the JSON path of its figures → its first cell and each step's figure. */
function readFunnelRows(page: string): Map<string, Record<string, string>> {
  const found = new Map<string, Record<string, string>>();
  for (const [, row] of page.matchAll(/<tr>(<td>(?:(?!<\/tr>).)*data-figure="callbacks\.(?:(?!<\/tr>).)*)<\/tr>/g)) {
    const cells = [...(row as string).matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1] as string);
    const figures = [...(row as string).matchAll(/data-figure="(callbacks\.[^"]+)\.(\w+)">([^<]*)</g)];
    const at = figures[0]?.[1] as string;
    found.set(at, { name: cells[0] as string, ...Object.fromEntries(figures.map((f) => [f[2], f[3]])) });
  }
  return found;
}
