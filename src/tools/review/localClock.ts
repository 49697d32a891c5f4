import { findUtcOffset, parseLocalTime, toLocalTime } from "../../service/index.js";

/** Milliseconds in an hour and in a day. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const shortZoneNames = new Map<string, Intl.DateTimeFormat>();

/** An ISO 8601 time that names its offset (`…-08:00`, `…+05:30`) or UTC (`…Z`). */
const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The instant an ISO 8601 time names for a caller in `timeZone`: with an offset or Z it is that instant;
 * without (`2026-11-30T10:00`), it is the wall-clock time in `timeZone`, daylight saving included
 * (`parseLocalTime`, as the console reads it). Throws, naming the text, when it is neither.
 */
export function parseMoment(text: string, timeZone: string): number {
  if (!WITH_OFFSET.test(text)) return parseLocalTime(text, timeZone);
  const at = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at))
    throw new Error(`"${text}" is not a date and time like 2026-11-28T10:00 or 2026-11-28T10:00:00-08:00`);
  return at;
}

/** The local calendar date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A local wall-clock time as cases write it: `2026-12-07T08:00` (no zone: the region's). */
export function formatWallClock(at: number, timeZone: string): string {
  const local = toLocalTime(at, timeZone);
  const hh = String(Math.floor(local.minutes / 60)).padStart(2, "0");
  const mm = String(local.minutes % 60).padStart(2, "0");
  return `${local.date}T${hh}:${mm}`;
}

/** A wall-clock time as cases write it, for people: `2026-12-07T08:00` → `Mon 2026-12-07 08:00`. */
export function describeWallClock(text: string): string {
  const [date = "", time = ""] = text.split("T");
  const day = new Date(`${date}T00:00:00Z`).toLocaleDateString("en-US", { weekday: "short", timeZone: "UTC" });
  return day === "Invalid Date" ? text : `${day} ${date} ${time}`;
}

/** A local time for people: `Wed 2026-12-02 10:00 PST`. */
export function formatLocal(at: number, timeZone: string): string {
  const local = toLocalTime(at, timeZone);
  const hh = String(Math.floor(local.minutes / 60)).padStart(2, "0");
  const mm = String(local.minutes % 60).padStart(2, "0");
  const day = local.weekday.charAt(0).toUpperCase() + local.weekday.slice(1);
  return `${day} ${local.date} ${hh}:${mm} ${zoneAbbreviation(at, timeZone)}`;
}

/** The zone's short name at `at`, e.g. PST, PDT or HST. */
export function zoneAbbreviation(at: number, timeZone: string): string {
  let format = shortZoneNames.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" });
    shortZoneNames.set(timeZone, format);
  }
  return format.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/** A change of the zone's clocks (daylight saving starting or ending). */
export interface ClockChange {
  /** The first whole hour after the change. */
  readonly at: number;
  /** Minutes the clocks moved: +60 when they spring forward, -60 when they fall back. */
  readonly shift: number;
  /** The local date of the change. */
  readonly date: string;
}

/**
 * The clock changes of a zone in the `hours` hours from `from`, rounded down to the hour: found day by day,
 * then hour by hour within a day whose offset changed (clocks change at most once a day).
 */
export function findClockChanges(timeZone: string, from: number, hours: number): ClockChange[] {
  const changes: ClockChange[] = [];
  const start = Math.floor(from / HOUR_MS) * HOUR_MS;
  const end = start + hours * HOUR_MS;
  let before = findUtcOffset(start, timeZone);
  for (let day = start; day < end; day += DAY_MS) {
    const next = Math.min(day + DAY_MS, end);
    const offset = findUtcOffset(next, timeZone);
    if (offset === before) continue;
    for (let at = day + HOUR_MS; at <= next; at += HOUR_MS) {
      const now = findUtcOffset(at, timeZone);
      if (now === before) continue;
      changes.push({ at, shift: now - before, date: toLocalTime(at - HOUR_MS, timeZone).date });
      before = now;
    }
    before = offset;
  }
  return changes;
}
