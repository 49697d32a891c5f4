import { describe, expect, test } from "vitest";
import { parseLocalTime } from "../../src/service/index.js";

/** The moment of a console call (`at`) is read with the service's one wall-clock parser. */
describe("a wall-clock time in a zone", () => {
  test.each([
    ["2026-11-28T10:00", "America/Los_Angeles", Date.UTC(2026, 10, 28, 18, 0)],
    ["2026-11-25T10:00", "America/Denver", Date.UTC(2026, 10, 25, 17, 0)],
    ["2026-07-01T12:00", "America/Los_Angeles", Date.UTC(2026, 6, 1, 19, 0)],
    ["2026-07-01T12:00", "Pacific/Honolulu", Date.UTC(2026, 6, 1, 22, 0)],
    ["2026-03-08T03:30", "America/New_York", Date.UTC(2026, 2, 8, 7, 30)],
    // 02:30 is skipped when the clocks spring forward: the instant that much after the skip (03:30 EDT).
    ["2026-03-08T02:30", "America/New_York", Date.UTC(2026, 2, 8, 7, 30)],
    // 01:30 happens twice when they fall back: the first (EDT).
    ["2026-11-01T01:30", "America/New_York", Date.UTC(2026, 10, 1, 5, 30)],
    ["2026-11-01T00:30:15", "America/New_York", Date.UTC(2026, 10, 1, 4, 30, 15)],
    ["2026-01-01T00:00", "UTC", Date.UTC(2026, 0, 1)],
  ])("%s in %s", (wallClock, zone, expected) => {
    expect(parseLocalTime(wallClock, zone)).toBe(expected);
  });

  test.each([
    ["tomorrow", "UTC", /"tomorrow" is not a date and time like 2026-11-28T10:00/],
    ["2026-02-30T10:00", "UTC", /"2026-02-30T10:00" is not a valid date and time/],
    ["2026-01-01T24:00", "UTC", /is not a valid date and time/],
    ["2026-01-01T10:60", "UTC", /is not a valid date and time/],
    ["2026-01-01T10:00", "Mars/Olympus", /time ?zone/i],
  ])("%s in %s fails", (wallClock, zone, message) => {
    expect(() => parseLocalTime(wallClock, zone)).toThrow(message);
  });
});
