import { describe, expect, test } from "vitest";
import { findUtcOffset, parseLocalTime } from "../../src/service/directory/hours.js";
import { loadDirectory } from "../../src/service/directory/loadDirectory.js";
import { findClockChanges, formatLocal } from "../../src/tools/review/localClock.js";
import { findOpenSets, sweepHours } from "../../src/tools/review/sweepHours.js";
import { DIRECTORY_FILE } from "../fixtures/flowFixtures.js";

const directory = loadDirectory(DIRECTORY_FILE);
/** Tuesday 24 November 2026, 12:00 in Los Angeles. */
const FROM = Date.UTC(2026, 10, 24, 20);

describe("local clocks", () => {
  test.each([
    ["2026-11-25T10:00", "America/Los_Angeles", "2026-11-25T18:00:00.000Z", "Wed 2026-11-25 10:00 PST"],
    ["2027-03-14T03:30", "America/Los_Angeles", "2027-03-14T10:30:00.000Z", "Sun 2027-03-14 03:30 PDT"],
    // 02:30 does not exist that day: the instant just after the skip.
    ["2027-03-14T02:30", "America/Los_Angeles", "2027-03-14T10:30:00.000Z", "Sun 2027-03-14 03:30 PDT"],
    ["2026-11-25T10:00", "Pacific/Honolulu", "2026-11-25T20:00:00.000Z", "Wed 2026-11-25 10:00 HST"],
  ])("%s in %s is %s (%s)", (wallClock, zone, iso, local) => {
    const at = parseLocalTime(wallClock, zone);
    expect(new Date(at).toISOString()).toBe(iso);
    expect(formatLocal(at, zone)).toBe(local);
  });

  test("the clock changes of a year: Los Angeles twice, Honolulu never", () => {
    const hours = 8760;
    expect(findClockChanges("America/Los_Angeles", FROM, hours)).toEqual([
      { at: Date.UTC(2027, 2, 14, 10), shift: 60, date: "2027-03-14" },
      { at: Date.UTC(2027, 10, 7, 9), shift: -60, date: "2027-11-07" },
    ]);
    expect(findClockChanges("Pacific/Honolulu", FROM, hours)).toEqual([]);
    expect(findUtcOffset(FROM, "America/Denver")).toBe(-420);
  });
});

describe("the hour sweep", () => {
  // Monday 30 November 2026, 00:00 in Los Angeles, for one week; then the week of Thanksgiving.
  const MONDAY = Date.UTC(2026, 10, 30, 8);
  const THANKSGIVING_WEEK = Date.UTC(2026, 10, 23, 8);

  test.each([
    ["a week", MONDAY, 5 * 9],
    ["Thanksgiving week (closed Thursday)", THANKSGIVING_WEEK, 4 * 9],
  ])("member services in the Northwest is open 08:00-17:00 on weekdays: %s", (_name, from, open) => {
    const sweep = sweepHours(directory, directory.teams, from, 7 * 24);
    const sets = findOpenSets(sweep, "northwest");
    const bit = 1 << directory.teams.indexOf("memberServices");
    expect(sets.filter((s) => s.mask & bit).reduce((n, s) => n + s.hours, 0)).toBe(open);
    expect(sets.reduce((n, s) => n + s.hours, 0)).toBe(7 * 24);
  });

  test("Hawaii's hours are its own: open at 08:00 HST, when it is 13:00 in New York", () => {
    const sweep = sweepHours(directory, directory.teams, MONDAY, 7 * 24);
    const bit = 1 << directory.teams.indexOf("memberServices");
    const hour = (Date.UTC(2026, 10, 30, 18) - MONDAY) / 3_600_000;
    expect((sweep.open.get("hawaii")?.[hour] ?? 0) & bit).toBe(bit);
    expect((sweep.open.get("hawaii")?.[hour - 1] ?? 0) & bit).toBe(0);
    expect((sweep.open.get("georgia")?.[hour] ?? 0) & bit).toBe(bit);
  });
});
