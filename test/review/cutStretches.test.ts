import { describe, expect, test } from "vitest";
import { loadDirectory } from "../../src/service/directory/loadDirectory.js";
import { cutStretches, groupStretches, YEAR_MS } from "../../src/tools/review/cutStretches.js";
import { describeWhen } from "../../src/tools/review/describeWhen.js";
import { createZoneClock } from "../../src/tools/review/zoneClock.js";
import { DIRECTORY_FILE } from "../fixtures/flowFixtures.js";

const directory = loadDirectory(DIRECTORY_FILE);
/** Tuesday 24 November 2026, 12:00 in Los Angeles. */
const FROM = Date.UTC(2026, 10, 24, 20);
const MINUTE_MS = 60_000;

describe("the clocks of a zone", () => {
  test.each([
    // Los Angeles: 02:00 PST becomes 03:00 PDT, 02:00 PDT becomes 01:00 PST.
    ["America/Los_Angeles", [Date.UTC(2027, 2, 14, 10), Date.UTC(2027, 10, 7, 9)]],
    // Lord Howe Island moves its clocks by 30 minutes, at 02:00 local.
    ["Australia/Lord_Howe", [Date.UTC(2027, 3, 3, 15), Date.UTC(2027, 9, 2, 15, 30)]],
    ["Pacific/Honolulu", []],
  ])("%s switches at the minute they do, and nowhere else", (zone, switches) => {
    const clock = createZoneClock(zone, FROM, FROM + YEAR_MS);
    expect(clock.segments.slice(1).map((s) => s.from)).toEqual(switches);
    for (const at of switches) {
      expect(clock.localOf(at - MINUTE_MS)).not.toEqual(clock.localOf(at));
      expect(clock.segments.some((s) => s.from === at)).toBe(true);
    }
  });

  test("local times by arithmetic are the time-zone database's", () => {
    const clock = createZoneClock("America/Los_Angeles", FROM, FROM + YEAR_MS);
    for (let at = FROM; at < FROM + YEAR_MS; at += 7 * 3_600_000 + 13 * MINUTE_MS) {
      const local = new Intl.DateTimeFormat("en-CA", {
        timeZone: "America/Los_Angeles",
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      }).formatToParts(at);
      const part = (type: string) => local.find((p) => p.type === type)?.value ?? "";
      expect(clock.localOf(at)).toEqual({
        date: `${part("year")}-${part("month")}-${part("day")}`,
        minutes: Number(part("hour")) * 60 + Number(part("minute")),
      });
    }
  });
});

describe("stretches of the bundled directory", () => {
  const timeline = cutStretches([directory], FROM, FROM + YEAR_MS);

  test("the Northwest keeps two sets of open teams: member services open Mon–Fri 08:00–17:00 but closures, or not", () => {
    const classes = groupStretches(timeline, ["northwest"]);
    expect(classes).toHaveLength(2);
    const open = classes.find((c) => c.key.includes("memberServices"));
    const clock = timeline.clocks.get("America/Los_Angeles");
    if (!open || !clock) throw new Error("a class with member services open, and the Pacific clock");
    const lines = [...(directory.regionById.get("northwest")?.teams.values() ?? [])];
    const closures = new Set(lines.flatMap((l) => [...l.hours.closures]));
    expect(describeWhen(open.stretches, clock, timeline, closures)).toMatchObject({
      weekly: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "17:00" }],
      text: expect.stringMatching(/^Mon–Fri 08:00–17:00 Pacific, not on closures Thu 2026-11-26, Fri 2026-12-25, /),
    });
    // Stretches cover the year end to end, without overlapping.
    const all = classes.flatMap((c) => c.stretches).sort((a, b) => a.from - b.from);
    expect(all[0]?.from).toBe(FROM);
    expect(all[all.length - 1]?.to).toBe(FROM + YEAR_MS);
    expect(all.slice(1).map((s) => s.from)).toEqual(all.slice(0, -1).map((s) => s.to));
  });

  test("callers of a number no region owns depend on every region's hours: more classes, the same year", () => {
    const every = directory.regions.map((r) => r.id);
    const classes = groupStretches(timeline, every);
    expect(classes.length).toBeGreaterThan(2);
    const hours = classes.flatMap((c) => c.stretches).reduce((n, s) => n + (s.to - s.from), 0);
    expect(hours).toBe(YEAR_MS);
  });

  test.each([
    ["the whole year", [{ from: FROM, to: FROM + YEAR_MS }], "any time"],
    ["nothing", [], "never"],
    [
      "one afternoon",
      [{ from: Date.UTC(2026, 11, 24, 21), to: Date.UTC(2026, 11, 24, 23, 30) }],
      "on Thu 2026-12-24 13:00–15:30 Pacific",
    ],
  ])("said in words: %s", (_name, stretches, text) => {
    const clock = createZoneClock("America/Los_Angeles", FROM, FROM + YEAR_MS);
    expect(describeWhen(stretches, clock, { from: FROM, to: FROM + YEAR_MS }, new Set()).text).toBe(text);
  });
});
