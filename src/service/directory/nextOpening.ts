import type { Schedule, Weekday } from "../types.js";
import { isOpenAt, parseLocalTime, toLocalTime } from "./hours.js";

const WEEKDAYS: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const DAY_MS = 86_400_000;
/** How far ahead an opening is looked for: a schedule closed for longer has none. */
const HORIZON_DAYS = 400;

/** The local date `days` after `date` (YYYY-MM-DD), and its weekday. */
function addDays(date: string, days: number): { readonly date: string; readonly weekday: Weekday } {
  const at = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
  return { date: at.toISOString().slice(0, 10), weekday: WEEKDAYS[at.getUTCDay()] as Weekday };
}

/** `HH:MM` of minutes since midnight. */
function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/**
 * The first instant at or after `from` (epoch ms) when a line with this schedule is open, in the region's
 * time zone (closures and daylight saving included): `from` itself when it is open then, else the start of
 * its next weekly window. Undefined when the line does not open within 400 days.
 */
export function findNextOpening(schedule: Schedule, timeZone: string, from: number): number | undefined {
  if (isOpenAt(schedule, timeZone, from)) return from;
  const today = toLocalTime(from, timeZone).date;
  for (let d = 0; d <= HORIZON_DAYS; d++) {
    const { date, weekday } = addDays(today, d);
    if (schedule.closures.has(date)) continue;
    const starts = schedule.always
      ? [0]
      : schedule.weekly
          .filter((w) => w.days.includes(weekday))
          .map((w) => w.open)
          .sort((a, b) => a - b);
    for (const minutes of starts) {
      const at = parseLocalTime(`${date}T${clockOf(minutes)}`, timeZone);
      if (at > from && isOpenAt(schedule, timeZone, at)) return at;
    }
  }
  return undefined;
}

/** How many local calendar days `at` is after `from` in the time zone: 0 the same day, 1 the next. */
export function countLocalDays(from: number, at: number, timeZone: string): number {
  const a = Date.parse(`${toLocalTime(from, timeZone).date}T00:00:00Z`);
  const b = Date.parse(`${toLocalTime(at, timeZone).date}T00:00:00Z`);
  return Math.round((b - a) / DAY_MS);
}
