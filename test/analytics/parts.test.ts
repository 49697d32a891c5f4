import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { EVENT_VERSION } from "../../src/service/contract/eventSchema.js";
import { findUtcOffset } from "../../src/service/directory/hours.js";
import { deriveCallerKey } from "../../src/service/turn/callerKey.js";
import { classifyConfidence } from "../../src/service/turn/confidenceBand.js";
import { createReportBuilder } from "../../src/tools/analytics/aggregate.js";
import { classifyLine } from "../../src/tools/analytics/classifyLine.js";
import { Histogram } from "../../src/tools/analytics/histogram.js";
import { REPEAT_WINDOW_MS, RepeatCallers, SETTLE_MS } from "../../src/tools/analytics/repeatCallers.js";
import { parseReportArgs } from "../../src/tools/analytics/reportArgs.js";

const HOUR = 3_600_000;
const SID = `CA${"ab".repeat(16)}`;
const turn = {
  v: EVENT_VERSION,
  msg: "turn",
  time: 1,
  version: "0123456789ab",
  callSid: SID,
  event: "KEY",
  turn: 2,
  result: "advanced",
  inbound: "x",
  region: null,
  from: "main",
  state: "main",
  ms: 1,
};

describe("deriveCallerKey", () => {
  const salt = "a-salt-for-the-tests";
  test.each([
    ["+15035550101", salt, createHmac("sha256", salt).update("+15035550101").digest("hex").slice(0, 32)],
    ["+15035550101", undefined, undefined],
    ["+15035550101", "", undefined],
    ["", salt, undefined],
    [undefined, salt, undefined],
    ["client:alice", salt, undefined],
    ["5035550101", salt, undefined],
    ["+266696687", salt, undefined],
    ["+7378742833", salt, undefined],
    ["+2562533", salt, undefined],
    ["+8656696", salt, undefined],
  ])("%s with salt %s gives %s", (from, s, expected) => {
    expect(deriveCallerKey(from, s)).toBe(expected);
  });

  test("another salt gives another key", () => {
    expect(deriveCallerKey("+15035550101", "salt-one-0123456")).not.toBe(
      deriveCallerKey("+15035550101", "salt-two-0123456"),
    );
  });
});

describe("classifyConfidence", () => {
  test.each([
    [0, 0.4, "low"],
    [0.39, 0.4, "low"],
    [0.4, 0.4, "medium"],
    [0.79, 0.4, "medium"],
    [0.8, 0.4, "high"],
    [1, 0.4, "high"],
    [0.85, 0.9, "low"],
  ] as const)("%s with a threshold of %s is %s", (confidence, min, band) => {
    expect(classifyConfidence(confidence, min)).toBe(band);
  });
});

describe("findUtcOffset", () => {
  test.each([
    ["2026-03-11T19:00:00Z", "America/Los_Angeles", -420],
    ["2026-01-15T19:00:00Z", "America/Los_Angeles", -480],
    ["2026-03-08T09:59:00Z", "America/Los_Angeles", -480],
    ["2026-03-08T10:00:00Z", "America/Los_Angeles", -420],
    ["2026-07-01T00:00:00Z", "Pacific/Honolulu", -600],
    ["2026-07-01T00:00:30.5Z", "America/New_York", -240],
    ["2026-07-01T00:00:00Z", "UTC", 0],
    ["2026-07-01T00:00:00Z", "Asia/Kolkata", 330],
  ])("%s in %s is %s minutes", (at, zone, offset) => {
    expect(findUtcOffset(Date.parse(at), zone)).toBe(offset);
  });
});

describe("classifyLine", () => {
  test.each([
    ["an event", JSON.stringify(turn), "event"],
    [
      "a call ended event",
      JSON.stringify({
        v: EVENT_VERSION,
        msg: "call ended",
        time: 1,
        callSid: SID,
        event: "STATUS",
        callStatus: "completed",
      }),
      "event",
    ],
    ["a line of the service", JSON.stringify({ level: 50, service: "member-line", msg: "turn failed" }), "service"],
    ["not JSON", "GET / 200", "notJson"],
    ["a JSON array", "[1]", "notJson"],
    ["a JSON string", '"turn"', "notJson"],
    ["another program's line", JSON.stringify({ level: 30, msg: "turn", service: "other" }), "foreign"],
    ["a turn of another version", JSON.stringify({ ...turn, v: EVENT_VERSION + 1 }), "otherVersion"],
    [
      "a turn of the previous version, its option a label",
      JSON.stringify({ ...turn, v: 1, option: "3 pharmacy" }),
      "otherVersion",
    ],
    ["a turn whose option is a label", JSON.stringify({ ...turn, option: "3 pharmacy" }), "malformed"],
    [
      "a turn whose option is data",
      JSON.stringify({ ...turn, option: { menu: "main", key: "3", action: { kind: "transfer", team: "pharmacy" } } }),
      "event",
    ],
    ["a turn with a field added later", JSON.stringify({ ...turn, addedLater: 1 }), "event"],
    ["a turn without its line version", JSON.stringify({ ...turn, version: undefined }), "malformed"],
    ["a turn from before versions", JSON.stringify({ ...turn, v: undefined, service: "member-line" }), "otherVersion"],
    ["a turn without its state", JSON.stringify({ ...turn, state: undefined }), "malformed"],
    ["a turn with a bad Call SID", JSON.stringify({ ...turn, callSid: "CA1" }), "malformed"],
    ["a turn that says STATUS", JSON.stringify({ ...turn, event: "STATUS" }), "malformed"],
    [
      "a call ended line without its status",
      JSON.stringify({ v: EVENT_VERSION, msg: "call ended", time: 1, callSid: SID, event: "STATUS" }),
      "malformed",
    ],
  ])("%s is read as %s", (_what, line, kind) => {
    const classified = classifyLine(line);
    expect(classified.kind === "skip" ? classified.reason : classified.kind).toBe(kind);
  });
});

describe("a crafted log's control characters", () => {
  test("never reach what the report prints: its figures are keyed by the values stripped of them", () => {
    const builder = createReportBuilder();
    builder.addLine(JSON.stringify({ level: 50, service: "member-line", msg: "boom\u001b[2J\u009b31m\u0007" }));
    builder.addLine(JSON.stringify({ ...turn, event: "INCOMING", turn: 1, result: "started", language: "e\u001bn" }));
    const printed = JSON.stringify(builder.finish());
    expect(printed).toContain('"boom[2J31m":1');
    expect(printed).not.toMatch(/\p{Cc}|\\u00[01][0-9a-f]|\\u007f/iu);
  });
});

describe("Histogram", () => {
  test.each([
    [[], 0.5, null],
    [[7], 0.5, 7],
    [[7], 0.95, 7],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4], 0.95, 4],
    [[4, 3, 2, 1, 5, 6, 7, 8, 9, 10], 0.5, 5],
    [[4, 3, 2, 1, 5, 6, 7, 8, 9, 10], 0.95, 10],
    [[0.04, 0.06, 12.345], 0.5, 0.1],
  ])("of %j, percentile %s is %s (nearest rank, 0.1 s)", (values, p, expected) => {
    const h = new Histogram();
    for (const v of values) h.add(v);
    expect(h.percentile(p)).toBe(expected);
    expect(h.total).toBe(values.length);
  });
});

describe("RepeatCallers", () => {
  type Call = [key: string, hoursFromStart: number, team?: string];
  test.each([
    [
      "one call each",
      [
        ["a", 0],
        ["b", 1],
      ],
      { repeatCallers: 0, repeatCalls: 0, otherTeamCallers: 0 },
    ],
    [
      "again within the hour",
      [
        ["a", 0, "pharmacy"],
        ["a", 1, "pharmacy"],
      ],
      { repeatCallers: 1, repeatCalls: 1, otherTeamCallers: 0 },
    ],
    [
      "again at 72 hours exactly",
      [
        ["a", 0],
        ["a", 72],
      ],
      { repeatCallers: 1, repeatCalls: 1, otherTeamCallers: 0 },
    ],
    [
      "again after 72 hours",
      [
        ["a", 0],
        ["a", 72.01],
      ],
      { repeatCallers: 0, repeatCalls: 0, otherTeamCallers: 0 },
    ],
    [
      "another team",
      [
        ["a", 0, "pharmacy"],
        ["a", 5, "memberServices"],
      ],
      { repeatCallers: 1, repeatCalls: 1, otherTeamCallers: 1 },
    ],
    [
      "first call not put through",
      [
        ["a", 0],
        ["a", 5, "memberServices"],
      ],
      { repeatCallers: 1, repeatCalls: 1, otherTeamCallers: 0 },
    ],
    [
      "three calls, one caller",
      [
        ["a", 0],
        ["a", 50],
        ["a", 100],
      ],
      { repeatCallers: 1, repeatCalls: 2, otherTeamCallers: 0 },
    ],
    [
      "added out of order",
      [
        ["a", 5, "x"],
        ["a", 0, "y"],
        ["b", 2],
        ["b", 1],
      ],
      { repeatCallers: 2, repeatCalls: 2, otherTeamCallers: 1 },
    ],
  ] as [string, Call[], object][])("%s", (_name, calls, figures) => {
    const repeats = new RepeatCallers();
    for (const [key, hours, team] of calls) repeats.add(key, hours * HOUR, team);
    expect(repeats.finish()).toEqual(figures);
  });

  test("sweeping as time goes on gives the same figures and forgets old callers", () => {
    const swept = new RepeatCallers();
    const whole = new RepeatCallers();
    let latest = 0;
    let mostHeld = 0;
    // A caller every 10 minutes for 30 days; every 7th number calls back 3 hours later.
    for (let i = 0; i < 4_320; i++) {
      const at = i * 600_000;
      const calls: [string, number][] = [[`caller ${i}`, at]];
      if (i % 7 === 0) calls.push([`caller ${i}`, at + 3 * HOUR]);
      for (const [key, start] of calls) {
        swept.add(key, start, undefined);
        whole.add(key, start, undefined);
        latest = Math.max(latest, start);
      }
      if (i % 100 === 0) swept.sweep(latest);
      mostHeld = Math.max(mostHeld, swept.held);
    }
    // Six calls an hour (and the callbacks) over the window and the settling time, plus one sweep's worth.
    const window = (REPEAT_WINDOW_MS + SETTLE_MS) / HOUR;
    expect(mostHeld).toBeLessThan(window * 6 * (8 / 7) + 200);
    expect(whole.held).toBeGreaterThan(4_900);
    expect(swept.finish()).toEqual(whole.finish());
  });
});

describe("parseReportArgs", () => {
  test.each([
    [["a.log"], { files: ["a.log"], out: "report.html", json: false, from: undefined, to: undefined }],
    [["a.log", "b.log.gz", "--json"], { files: ["a.log", "b.log.gz"], out: undefined, json: true }],
    [["-", "--json", "--out", "r.html"], { files: ["-"], out: "r.html", json: true }],
    [
      ["a.log", "--from", "2026-03-09", "--to", "2026-03-15"],
      { from: Date.parse("2026-03-09T00:00:00Z"), to: Date.parse("2026-03-16T00:00:00Z") },
    ],
    [["a.log", "--to", "2026-03-15T12:00:00Z"], { to: Date.parse("2026-03-15T12:00:00Z") }],
    [["--help"], { help: true, files: [] }],
  ])("%j", (argv, expected) => {
    expect(parseReportArgs(argv)).toMatchObject(expected);
  });

  test.each([
    [[], /name at least one log file/],
    [["a.log", "--from", "last tuesday"], /--from "last tuesday" is not a date/],
    [["a.log", "--to", "2026-13-45"], /--to "2026-13-45" is not a date/],
    [["a.log", "--colour"], /Unknown option/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseReportArgs(argv)).toThrow(message);
  });
});
