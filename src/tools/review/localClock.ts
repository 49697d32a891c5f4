import { findUtcOffset, toLocalTime } from "../../service/index.js";

/** Milliseconds in an hour and in a day. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const shortZoneNames = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
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
