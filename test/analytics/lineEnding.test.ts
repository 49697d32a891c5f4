import { describe, expect, test } from "vitest";
import { createReportBuilder } from "../../src/tools/analytics/aggregate.js";
import { readLineEnding } from "../../src/tools/analytics/lineEnding.js";
import { CMS_DISCONNECT_BAR, judgeDisconnects, MIN_CALLS_TO_FLAG } from "../../src/tools/analytics/reportMarkup.js";
import { createReportNames } from "../../src/tools/analytics/reportNames.js";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import { sharedCallFlow } from "../support/createTestApp.js";

describe("readLineEnding: the line's own disconnects, from the turn record's ending kinds", () => {
  test.each([
    ["a goodbye after no team could be reached", { ending: "goodbye", notices: ["unreachable"] }, "disconnected"],
    ["a goodbye after an apology (a turn that failed)", { ending: "goodbye", notices: ["apology"] }, "disconnected"],
    ["a goodbye with nothing gone wrong", { ending: "goodbye", notices: [] }, "goodbye"],
    ["a goodbye whose notices were not logged", { ending: "goodbye" }, "goodbye"],
    ["a goodbye after a closed team's hours", { ending: "goodbye", notices: ["closed"] }, "goodbye"],
    ["a transfer that went through", { ending: "transferred", notices: ["unreachable"] }, undefined],
    ["a turn that ends nothing", { notices: ["unreachable"] }, undefined],
  ] as ReadonlyArray<[string, Parameters<typeof readLineEnding>[0], string | undefined]>)(
    "%s: %s",
    (_name, turn, ending) => {
      expect(readLineEnding(turn)).toBe(ending);
    },
  );
});

/** One turn line of a call, as the service logs it (version 2), at minute `minute` of 2026-03-10 (UTC). */
function turnLine(call: number, turn: number, fields: Record<string, unknown>): string {
  return JSON.stringify({
    level: 30,
    service: "member-line",
    v: 2,
    time: Date.parse("2026-03-10T15:00:00Z") + call * 600_000 + turn * 10_000,
    version: "test",
    callSid: `CA${String(call).padStart(32, "0")}`,
    turn,
    result: turn === 1 ? "started" : "advanced",
    event: turn === 1 ? "INCOMING" : "KEY",
    inbound: "northwest",
    region: "northwest",
    language: "en",
    utcOffset: -420,
    from: turn === 1 ? null : "main",
    state: "main",
    notices: [],
    failures: 0,
    ms: 1,
    msg: "turn",
    ...fields,
  });
}

/** Calls whose every ending is known: how each ended, and the lines that say so. */
const CALLS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    "put through",
    [
      turnLine(1, 1, {}),
      turnLine(1, 2, { input: "chose", key: "3", state: "transfer", team: "pharmacy", attempt: 0 }),
      turnLine(1, 3, {
        event: "DIAL_RESULT",
        from: "transfer",
        state: "ended",
        dialStatus: "completed",
        dialTeam: "pharmacy",
        dialAttempt: 0,
        ending: "transferred",
      }),
    ],
  ],
  [
    "disconnected: no team could be reached",
    [
      turnLine(2, 1, {}),
      turnLine(2, 2, { input: "chose", key: "3", state: "transfer", team: "pharmacy", attempt: 0 }),
      turnLine(2, 3, {
        event: "DIAL_RESULT",
        from: "transfer",
        state: "goodbye",
        dialStatus: "busy",
        dialTeam: "pharmacy",
        dialAttempt: 0,
        ending: "goodbye",
        notices: ["unreachable"],
      }),
    ],
  ],
  [
    "disconnected: an apology, then goodbye",
    [turnLine(3, 1, {}), turnLine(3, 2, { state: "goodbye", ending: "goodbye", notices: ["apology"] })],
  ],
  ["goodbye on purpose", [turnLine(4, 1, {}), turnLine(4, 2, { state: "goodbye", ending: "goodbye" })]],
  [
    "hung up in the menu",
    [
      turnLine(5, 1, {}),
      JSON.stringify({
        level: 30,
        service: "member-line",
        v: 2,
        time: Date.parse("2026-03-10T15:55:00Z"),
        callSid: `CA${"5".padStart(32, "0")}`,
        event: "STATUS",
        callStatus: "completed",
        ending: "abandoned",
        lastState: "main",
        region: "northwest",
        msg: "call ended",
      }),
    ],
  ],
];

describe("the CMS measure: the line's disconnects, not callers hanging up", () => {
  const builder = createReportBuilder();
  for (const [, lines] of CALLS) for (const line of lines) builder.addLine(line);
  const report = builder.finish();

  test("every line is read as an event", () => {
    expect(report.lines.events).toBe(CALLS.flatMap(([, l]) => l).length);
  });

  test("two of five calls were disconnected by the line: 40%, over CMS's bar; the caller's hang-up is apart", () => {
    expect(report).toMatchObject({
      calls: 5,
      transferred: { pharmacy: 1 },
      disconnected: 2,
      disconnectRate: 0.4,
      goodbye: 1,
      abandoned: 1,
      abandonRate: 0.2,
    });
    expect(report.disconnectRate).toBeGreaterThan(CMS_DISCONNECT_BAR);
    expect(report.menus.main?.abandoned).toBe(1);
  });

  test.each([
    ["over the bar on enough calls", MIN_CALLS_TO_FLAG, 0.06, "bad"],
    ["at the bar", 1000, 0.05, "good"],
    ["within the bar", 1000, 0.002, "good"],
    ["over the bar on too few calls to judge (1 in 6)", 6, 1 / 6, "few"],
    ["just too few", MIN_CALLS_TO_FLAG - 1, 0.5, "few"],
  ] as const)("a disconnect rate %s is %s", (_name, calls, rate, judged) => {
    expect(judgeDisconnects(calls, rate)).toBe(judged);
  });
});

describe("createReportNames: the line's names for the log's ids", () => {
  const callFlow = sharedCallFlow();
  const names = createReportNames(callFlow, buildFlowGraph(callFlow));

  test.each([
    ["team", "memberServices", "Member services"],
    ["team", "nurseAdvice", "Nurse advice line"],
    ["region", "midAtlantic", "Mid-Atlantic States"],
    ["region", "unknown", "Unknown"],
    ["language", "cmn", "Mandarin Chinese"],
    ["language", "tl", "Tagalog (Filipino)"],
    ["language", "other", "Another language"],
    ["menu", "main", "Main menu"],
    ["menu", "interpreterClosed", "Interpreter menu"],
    ["team", "noSuchTeam", "NoSuchTeam"],
    ["region", "__proto__", "__proto__"],
    ["language", "constructor", "constructor"],
  ] as const)("%s %s is %j", (kind, id, name) => {
    expect(names[kind](id)).toBe(name);
  });

  test.each([
    [{ menu: "main", key: "9", action: { kind: "language", language: "es" } }, "9 Spanish"],
    [{ menu: "main", key: "8", action: { kind: "menu", menu: "language" } }, "8 Language menu"],
    [
      { menu: "language", key: "2", action: { kind: "interpreter", language: "cmn" } },
      "2 Interpreter: Mandarin Chinese",
    ],
    [{ menu: "region", key: "5", action: { kind: "region", region: "midAtlantic" } }, "5 Mid-Atlantic States"],
    [{ menu: "main", key: "1", action: { kind: "transfer", team: "memberServices" } }, "1 Member services"],
    [{ menu: "main", key: "*", action: { kind: "repeat" } }, "* Repeat the menu"],
  ] as const)("option %j is %j", (option, name) => {
    expect(names.option("(label)", option)).toBe(name);
  });

  test("an option the log did not name keeps its label", () => {
    expect(names.option("(not logged)", undefined)).toBe("(not logged)");
  });
});
