import { fillPlaceholders } from "../fillPlaceholders.js";
import { type MidSentenceForms, sayMidSentence } from "../sayMidSentence.js";
import type { Schedule, Weekday } from "../types.js";

const WEEKDAYS: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local calendar date, weekday and minute of the day of an instant in a time zone. */
export interface LocalTime {
  readonly date: string;
  readonly weekday: Weekday;
  readonly minutes: number;
}

/** Converts an instant to local time in an IANA zone (daylight saving included). */
export function toLocalTime(at: number, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(at)) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] as Weekday;
  return { date, weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/**
 * Minutes the local time of `timeZone` is ahead of UTC at the instant `at` (epoch ms), daylight saving
 * included: -420 for Pacific Daylight Time, -480 for Pacific Standard Time.
 */
export function findUtcOffset(at: number, timeZone: string): number {
  const local = toLocalTime(at, timeZone);
  const localAsUtc = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * 60_000;
  return Math.round((localAsUtc - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/**
 * The instant a local wall-clock time ("2026-11-28T10:00", seconds optional) names in an IANA zone, daylight
 * saving included: what a person means by "10 AM on Saturday in Portland". A time the clocks repeat (01:30
 * when they fall back) gives its first instant; a time they skip (02:30 when they spring forward) gives the
 * instant that much after the skip (03:30). Throws on a malformed or impossible time, or an unknown zone.
 */
export function parseLocalTime(wallClock: string, timeZone: string): number {
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
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(wall);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    throw new Error(`"${wallClock}" is not a valid date and time`);
  const date = wallClock.slice(0, 10);
  const minutes = h * 60 + mi;
  // The offsets in force the day before and the day after: one of them puts the wall time at the right instant.
  const day = 86_400_000;
  const candidates = [...new Set([findUtcOffset(wall - day, timeZone), findUtcOffset(wall + day, timeZone)])]
    .map((offset) => wall - offset * 60_000)
    .sort((a, b) => a - b);
  const exact = candidates.find((at) => {
    const local = toLocalTime(at, timeZone);
    return local.date === date && local.minutes === minutes;
  });
  return exact ?? (candidates[candidates.length - 1] as number);
}

/** Whether a line with this schedule is open at `at` in the given time zone. */
export function isOpenAt(schedule: Schedule, timeZone: string, at: number): boolean {
  if (schedule.always && schedule.closures.size === 0) return true;
  const local = toLocalTime(at, timeZone);
  if (schedule.closures.has(local.date)) return false;
  if (schedule.always) return true;
  return schedule.weekly.some(
    (w) => w.days.includes(local.weekday) && local.minutes >= w.open && local.minutes < w.close,
  );
}

const DAY_ORDER: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/**
 * The words of opening hours in one language, as the flow gives them, and the locale (Intl) that names
 * the days, the times and the time zone in that language.
 */
export interface HoursWords {
  readonly locale: string;
  /** An around-the-clock line, e.g. "24 hours a day, 7 days a week". */
  readonly always: string;
  /** A run of three days or more, e.g. "{first} through {last}". */
  readonly days: string;
  /** One weekly window, e.g. "{days}, from {open} to {close}". */
  readonly window: string;
  /** The windows and the zone, e.g. "{windows}, {zone}". */
  readonly zone: string;
  /** How the locale's names of days and zones begin mid-sentence, where `Intl` gives them as at a sentence's start. */
  readonly midSentence?: MidSentenceForms | undefined;
}

/**
 * Describes a schedule in words for the caller, e.g. "Monday through Friday, from 8 AM to 5 PM, Pacific Time":
 * the words come from the flow, the names of days, times and zones from `Intl` in the words' locale (begun as
 * said mid-sentence, `midSentence`), and lists are joined the locale's way ("Monday, Wednesday, and Friday";
 * "lunes, miércoles y viernes").
 * Computed once per region, team and language.
 */
export function describeHours(schedule: Schedule, timeZone: string, words: HoursWords): string {
  if (schedule.always) return words.always;
  const { locale } = words;
  const weekday = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  const dayName = (d: Weekday) =>
    sayMidSentence(weekday.format(new Date(Date.UTC(2024, 0, 1 + DAY_ORDER.indexOf(d)))), words.midSentence);
  const clock = (minutes: number) =>
    new Intl.DateTimeFormat(locale, {
      hour: "numeric",
      minute: minutes % 60 === 0 ? undefined : "2-digit",
      timeZone: "UTC",
    }).format(new Date(Date.UTC(2024, 0, 1, 0, minutes)));
  const zone = sayMidSentence(
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "longGeneric" })
      .formatToParts(Date.UTC(2024, 0, 1))
      .find((p) => p.type === "timeZoneName")?.value ?? timeZone,
    words.midSentence,
  );
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  const windows = schedule.weekly.map((w) => {
    const days = [...w.days].sort((a, b) => DAY_ORDER.indexOf(a) - DAY_ORDER.indexOf(b));
    const contiguous = days.every(
      (d, i) => i === 0 || DAY_ORDER.indexOf(d) === DAY_ORDER.indexOf(days[i - 1] as Weekday) + 1,
    );
    const span =
      days.length > 2 && contiguous
        ? fillPlaceholders(words.days, {
            first: dayName(days[0] as Weekday),
            last: dayName(days[days.length - 1] as Weekday),
          })
        : list.format(days.map(dayName));
    return fillPlaceholders(words.window, { days: span, open: clock(w.open), close: clock(w.close) });
  });
  return fillPlaceholders(words.zone, { windows: list.format(windows), zone });
}
