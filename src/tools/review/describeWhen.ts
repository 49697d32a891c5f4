import type { Weekday } from "../../service/index.js";
import type { Stretch } from "./cutStretches.js";
import { addDays } from "./localClock.js";
import type { ZoneClock } from "./zoneClock.js";

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const WEEK: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/** Dates named in the text; `when.dates` has them all. */
const MAX_DATES_SAID = 6;

/** A time of day, local: `07:00`, and `24:00` for the end of a day. */
export interface Times {
  readonly from: string;
  readonly to: string;
}

/** When something happens, in a region's local time, over the months compared. */
export interface When {
  /** The IANA time zone, e.g. `America/Los_Angeles`. */
  readonly zone: string;
  /** Its name for people, e.g. `Pacific`. */
  readonly zoneName: string;
  /** Every week: on these days, at these times (an entry per days and times). */
  readonly weekly: ReadonlyArray<{ readonly days: readonly Weekday[] } & Times>;
  /**
   * The dates whose times are not the week's (a closure, a clock change, the first and last day aside):
   * the times on that date, none when it does not happen that day at all.
   */
  readonly dates: ReadonlyArray<{
    readonly date: string;
    readonly weekday: Weekday;
    /** A closure date of one of the versions compared in the region. */
    readonly closure: boolean;
    readonly times: readonly Times[];
  }>;
  /** For people: `Mon–Fri 07:00–08:00 and 17:00–19:00 Pacific, not on Thu 2026-11-26 (closure)`. */
  readonly text: string;
}

/** Minutes of a local day, from included, to excluded. */
type Span = readonly [number, number];

/**
 * Describes stretches of time (in order, apart) in a zone's local time: the weekly pattern (each weekday's
 * most frequent times over `span`) and the dates that differ from it (`closures` are marked), exact to the
 * minute. The first and last day of `span` are compared on the part of them it covers.
 */
export function describeWhen(
  stretches: readonly Stretch[],
  clock: ZoneClock,
  span: Stretch,
  closures: ReadonlySet<string>,
): When {
  const days = splitByLocalDay(stretches, clock);
  const first = clock.localOf(span.from);
  const last = clock.localOf(span.to - MINUTE_MS);
  const covered = (date: string): Span => [
    date === first.date ? first.minutes : 0,
    date === last.date ? last.minutes + 1 : DAY_MINUTES,
  ];
  const dates: string[] = [];
  for (let date = first.date; date <= last.date; date = addDays(date, 1)) dates.push(date);
  const usual = findUsualTimes(dates.slice(1, -1), days);
  const differs = dates.flatMap((date) => {
    const times = days.get(date) ?? [];
    const expected = clip(usual.get(weekdayOf(date)) ?? [], covered(date));
    if (sameSpans(times, expected)) return [];
    return [{ date, weekday: weekdayOf(date), closure: closures.has(date), times: times.map(formatSpan) }];
  });
  const weekly = listWeekly(usual).flatMap(({ days, spans }) => spans.map((s) => ({ days, ...formatSpan(s) })));
  const zoneName = nameZone(clock.zone);
  return { zone: clock.zone, zoneName, weekly, dates: differs, text: sayWhen({ weekly, dates: differs }, zoneName) };
}

/** The local times of stretches, per local date: pieces joined where the clocks switch between them. */
function splitByLocalDay(stretches: readonly Stretch[], clock: ZoneClock): Map<string, [number, number][]> {
  const days = new Map<string, [number, number][]>();
  let joinAt = Number.NaN;
  for (const stretch of stretches) {
    let at = stretch.from;
    while (at < stretch.to) {
      const local = clock.localOf(at);
      const end = Math.min(stretch.to, clock.nextDayOrSwitch(at));
      const before = clock.localOf(end - MINUTE_MS);
      const to = before.date === local.date ? before.minutes + 1 : DAY_MINUTES;
      const pieces = days.get(local.date) ?? [];
      const previous = pieces[pieces.length - 1];
      // Continuous in time, on the same day: one piece, whatever the clocks did in between.
      if (previous && at === joinAt) previous[1] = Math.max(previous[1], to);
      else pieces.push([local.minutes, to]);
      days.set(local.date, pieces);
      joinAt = end;
      at = end;
    }
  }
  for (const [date, pieces] of days) days.set(date, mergeSpans(pieces));
  return days;
}

/** Each weekday's most frequent times over the given dates. */
function findUsualTimes(dates: readonly string[], days: ReadonlyMap<string, readonly Span[]>): Map<Weekday, Span[]> {
  const counts = new Map<Weekday, Map<string, { spans: Span[]; count: number }>>();
  for (const date of dates) {
    const spans = [...(days.get(date) ?? [])];
    const byTimes = counts.get(weekdayOf(date)) ?? new Map();
    const key = JSON.stringify(spans);
    const known = byTimes.get(key) ?? { spans, count: 0 };
    known.count++;
    byTimes.set(key, known);
    counts.set(weekdayOf(date), byTimes);
  }
  const usual = new Map<Weekday, Span[]>();
  for (const [weekday, byTimes] of counts) {
    const top = [...byTimes.values()].reduce((a, b) => (b.count > a.count ? b : a));
    usual.set(weekday, top.spans);
  }
  return usual;
}

/** Weekdays with the same times together (Monday first), days without times left out. */
function listWeekly(usual: ReadonlyMap<Weekday, readonly Span[]>): { days: Weekday[]; spans: readonly Span[] }[] {
  const groups: { days: Weekday[]; spans: readonly Span[] }[] = [];
  for (const day of WEEK) {
    const spans = usual.get(day) ?? [];
    if (spans.length === 0) continue;
    const same = groups.find((g) => sameSpans(g.spans, spans));
    if (same) same.days.push(day);
    else groups.push({ days: [day], spans });
  }
  return groups;
}

/**
 * When, for people: the week's times in the zone (`zoneName`: `Pacific`, or `local time` for callers of
 * several zones), then the dates that differ.
 */
export function sayWhen(when: Pick<When, "weekly" | "dates">, zoneName: string): string {
  const { dates } = when;
  const weekly: { days: readonly Weekday[]; spans: Span[] }[] = [];
  for (const w of when.weekly) {
    const span: Span = [parseMinutes(w.from), parseMinutes(w.to)];
    const same = weekly.find((g) => g.days.join() === w.days.join());
    if (same) same.spans.push(span);
    else weekly.push({ days: w.days, spans: [span] });
  }
  const always = weekly.length === 1 && weekly[0]?.days.length === 7 && isAllDay(weekly[0].spans);
  const parts =
    weekly.length === 0
      ? []
      : [
          always
            ? "any time"
            : `${weekly.map((w) => `${sayDays(w.days)} ${saySpans(w.spans)}`).join("; ")} ${zoneName}`,
        ];
  const spansOf = (d: When["dates"][number]) => d.times.map((t): Span => [parseMinutes(t.from), parseMinutes(t.to)]);
  const never = dates.filter((d) => d.times.length === 0);
  const allDay = dates.filter((d) => isAllDay(spansOf(d)));
  const partly = dates.filter((d) => d.times.length > 0 && !isAllDay(spansOf(d)));
  const also = weekly.length > 0;
  if (never.length > 0) parts.push(`not on ${sayDates(never)}`);
  if (allDay.length > 0) parts.push(`${also ? "and " : ""}all day on ${sayDates(allDay)}`);
  if (partly.length > 0) {
    const times = partly.map((d) => `${sayDates([d])} ${also ? "only " : ""}${saySpans(spansOf(d))}`);
    const more = times.length - MAX_DATES_SAID;
    parts.push(
      `${also ? "but " : ""}on ${times.slice(0, MAX_DATES_SAID).join(", ")}${more > 0 ? ` and ${more} more ${more === 1 ? "date" : "dates"}` : ""}`,
    );
  }
  if (parts.length === 0) return "never";
  return also ? parts.join(", ") : `${parts.join(", ")} ${zoneName}`;
}

/** `closures Thu 2026-11-26, Fri 2026-12-25`, or `Sun 2027-03-14, Thu 2026-11-26 (closure)`. */
function sayDates(dates: When["dates"]): string {
  const closures = dates.every((d) => d.closure);
  const said = dates
    .slice(0, MAX_DATES_SAID)
    .map((d) => `${capitalize(d.weekday)} ${d.date}${d.closure && !closures ? " (closure)" : ""}`);
  const more = dates.length - said.length;
  const list = more > 0 ? `${said.join(", ")} and ${more} more ${more === 1 ? "date" : "dates"}` : said.join(", ");
  return closures ? `${dates.length === 1 ? "closure" : "closures"} ${list}` : list;
}

/** `Mon–Fri`, `Sat, Sun`, `Mon, Wed, Fri`: runs of three days or more with a dash. */
function sayDays(days: readonly Weekday[]): string {
  const runs: Weekday[][] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    if (run && WEEK.indexOf(day) === WEEK.indexOf(run[run.length - 1] as Weekday) + 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) =>
      run.length >= 3
        ? [`${capitalize(run[0] as Weekday)}–${capitalize(run[run.length - 1] as Weekday)}`]
        : run.map(capitalize),
    )
    .join(", ");
}

function saySpans(spans: readonly Span[]): string {
  if (isAllDay(spans)) return "all day";
  return spans.map((s) => `${formatSpan(s).from}–${formatSpan(s).to}`).join(" and ");
}

function isAllDay(spans: readonly Span[]): boolean {
  return spans.length === 1 && spans[0]?.[0] === 0 && spans[0][1] === DAY_MINUTES;
}

/** Sorted, overlapping or touching spans joined. */
function mergeSpans(spans: readonly Span[]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [from, to] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

function clip(spans: readonly Span[], [from, to]: Span): Span[] {
  return spans.flatMap(([a, b]): Span[] =>
    Math.min(b, to) > Math.max(a, from) ? [[Math.max(a, from), Math.min(b, to)]] : [],
  );
}

function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  return a.length === b.length && a.every((s, i) => s[0] === b[i]?.[0] && s[1] === b[i]?.[1]);
}

function formatSpan([from, to]: Span): Times {
  return { from: formatMinutes(from), to: formatMinutes(to) };
}

function parseMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
}

function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function weekdayOf(date: string): Weekday {
  return WEEK[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7] as Weekday;
}

function capitalize(day: Weekday): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}

/** A zone's name for people: `Pacific`, `Mountain`, `Hawaii-Aleutian Standard` (the generic name, without "Time"). */
function nameZone(zone: string): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longGeneric" })
    .formatToParts(Date.UTC(2024, 0, 1))
    .find((p) => p.type === "timeZoneName")?.value;
  return name?.replace(/ Time$/, "") ?? zone;
}
