import { findUtcOffset } from "../../service/index.js";

/**
 * The instant a wall-clock time ("2026-11-28T10:00") names in a time zone, daylight saving included:
 * what a person means by "10 AM on Saturday in Portland". Throws on a malformed time or an unknown zone.
 */
export function parseZonedTime(wallClock: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wallClock);
  if (!m) throw new Error(`"${wallClock}" is not a date and time like 2026-11-28T10:00`);
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(asUtc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    throw new Error(`"${wallClock}" is not a valid date and time`);
  // The zone's offset at the guess, then again at the corrected instant (the two differ across a DST change).
  const first = asUtc - findUtcOffset(asUtc, timeZone) * 60_000;
  return asUtc - findUtcOffset(first, timeZone) * 60_000;
}
