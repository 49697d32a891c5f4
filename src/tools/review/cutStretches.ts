import type { Directory, RegionId, Schedule } from "../../service/index.js";
import { isTeamOpen } from "../../service/index.js";
import { DAY_MS } from "./localClock.js";
import { createZoneClock, type ZoneClock } from "./zoneClock.js";

const MINUTE_MS = 60_000;

/** A stretch of time, epoch ms: from included, to excluded. */
export interface Stretch {
  readonly from: number;
  readonly to: number;
}

/**
 * The stretches in which every given directory has the same teams open in every given region: the
 * machine reads the clock only through the directory's hours, so one instant of a class stands for all
 * of its stretches.
 */
export interface StretchClass {
  /** Which teams are open, per directory and region, e.g. `0:northwest:memberServices,nurseAdvice|1:…`. */
  readonly key: string;
  /** The first instant of the class: where its journeys are followed. */
  readonly at: number;
  readonly stretches: readonly Stretch[];
}

/** Stretches of time, in order and end to end, each with the teams open during it. */
export interface Timeline {
  readonly from: number;
  readonly to: number;
  /** `index:region` (the directory's index among those cut, and the region) of each entry of `open`. */
  readonly where: readonly string[];
  readonly stretches: ReadonlyArray<Stretch & { readonly open: readonly string[] }>;
  /** The clock of each time zone of the regions, over `[from, to)`. */
  readonly clocks: ReadonlyMap<string, ZoneClock>;
}

/**
 * Cuts `[from, to)` at every instant a team of any region may open or close in any of the directories:
 * each local midnight (a closure, a weekday), each edge of a weekly window, each switch of the clocks
 * (found to the minute), in each region's own time zone. Between two cuts every directory has the same
 * teams open in every region, so stretches grouped by the teams open (`groupStretches`) are exact:
 * nothing is sampled. `from` is rounded down to the minute.
 */
export function cutStretches(directories: readonly Directory[], from: number, to: number): Timeline {
  const start = Math.floor(from / MINUTE_MS) * MINUTE_MS;
  // What is watched, per time zone: each directory's regions in it.
  const watched = new Map<string, Watched[]>();
  const where: string[] = [];
  const minutes = new Set<number>([0]);
  directories.forEach((directory, index) => {
    for (const region of directory.regions) {
      const inZone = watched.get(region.timeZone) ?? [];
      inZone.push({ directory, region: region.id, slot: where.length });
      where.push(`${index}:${region.id}`);
      watched.set(region.timeZone, inZone);
      for (const line of region.teams.values())
        for (const w of line.hours.weekly) minutes.add(w.open % 1440).add(w.close % 1440);
    }
  });
  // Each cut, with the zones whose clocks it is a cut of (only their regions' teams can open or close there).
  const cuts = new Map<number, Set<string>>([[start, new Set(watched.keys())]]);
  const clocks = new Map([...watched.keys()].map((zone) => [zone, createZoneClock(zone, start, to)]));
  for (const [zone, clock] of clocks)
    for (const at of cutZone(clock, [...minutes])) cuts.set(at, (cuts.get(at) ?? new Set()).add(zone));
  const sorted = [...cuts.keys()].sort((a, b) => a - b);
  const open: string[] = where.map(() => "");
  const stretches = sorted.map((at, i) => {
    for (const zone of cuts.get(at) ?? []) findOpenTeams(watched.get(zone) ?? [], at, open);
    return { from: at, to: sorted[i + 1] ?? to, open: [...open] };
  });
  return { from: start, to, where, stretches, clocks };
}

/**
 * The classes of stretches in which the given regions (of every directory cut) have the same teams open,
 * each with its stretches (neighbours with the same teams open joined) and its first instant.
 */
export function groupStretches(timeline: Timeline, regions: readonly RegionId[]): StretchClass[] {
  const slots = timeline.where.flatMap((w, i) => (regions.includes(w.slice(w.indexOf(":") + 1)) ? [i] : []));
  const classes = new Map<string, { at: number; stretches: Stretch[] }>();
  let lastKey: string | null = null;
  let last: { from: number; to: number } = { from: 0, to: 0 };
  for (const s of timeline.stretches) {
    const key = slots.map((i) => `${timeline.where[i]}:${s.open[i]}`).join("|");
    if (key === lastKey) {
      // The same teams open on both sides of a cut: one stretch.
      last.to = s.to;
      continue;
    }
    last = { from: s.from, to: s.to };
    lastKey = key;
    const known = classes.get(key);
    if (known) known.stretches.push(last);
    else classes.set(key, { at: s.from, stretches: [last] });
  }
  return [...classes].map(([key, c]) => ({ key, at: c.at, stretches: c.stretches }));
}

/** A region of one of the directories cut, and where its open teams are written. */
interface Watched {
  readonly directory: Directory;
  readonly region: RegionId;
  readonly slot: number;
}

/**
 * Writes which teams are open at `at` in each watched region (of one time zone) into its slot of `open`.
 * Lines sharing a schedule are open together: each schedule is read once.
 */
function findOpenTeams(watched: readonly Watched[], at: number, open: string[]): void {
  const bySchedule = new Map<Schedule, boolean>();
  for (const { directory, region, slot } of watched) {
    const teams = directory.teams.filter((team) => {
      const hours = directory.regionById.get(region)?.teams.get(team)?.hours;
      if (!hours) return false;
      let known = bySchedule.get(hours);
      if (known === undefined) {
        known = isTeamOpen(directory, region, team, at);
        bySchedule.set(hours, known);
      }
      return known;
    });
    open[slot] = teams.join(",");
  }
}

/**
 * The instants in `[from, to)` at which a zone's local time of day is one of `minutes` (0 is each local
 * midnight), and the zone's clocks switch. Between switches the zone's offset is fixed, so its local times
 * are found by arithmetic: a time the clocks skip or repeat is cut exactly where it happens.
 */
function cutZone(clock: ZoneClock, minutes: readonly number[]): number[] {
  const cuts: number[] = [];
  clock.segments.forEach((segment, i) => {
    if (i > 0) cuts.push(segment.from);
    const { offset } = segment;
    // Local midnights, as UTC wall times, from the day the segment starts in.
    for (let day = Math.floor((segment.from + offset) / DAY_MS) * DAY_MS; day - offset < segment.to; day += DAY_MS)
      for (const m of minutes) {
        const at = day + m * MINUTE_MS - offset;
        if (at > segment.from && at < segment.to) cuts.push(at);
      }
  });
  return cuts;
}

/** Twelve months after an instant: the stretch of time a diff covers. */
export const YEAR_MS = 365 * DAY_MS;
