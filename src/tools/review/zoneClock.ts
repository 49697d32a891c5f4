import { findUtcOffset } from "../../service/index.js";
import { DAY_MS } from "./localClock.js";

const MINUTE_MS = 60_000;

/** A stretch of a zone's time in which its UTC offset does not change. */
export interface OffsetSegment {
  readonly from: number;
  readonly to: number;
  /** Milliseconds local time is ahead of UTC. */
  readonly offset: number;
}

/**
 * A zone's clock over `[from, to)`, by arithmetic: its offset is found once per switch of the clocks, so
 * local times need no time-zone database afterwards.
 */
export interface ZoneClock {
  readonly zone: string;
  readonly segments: readonly OffsetSegment[];
  /** The local date (YYYY-MM-DD) and minute of the day of an instant in `[from, to)`. */
  localOf(at: number): { readonly date: string; readonly minutes: number };
  /** The first instant after `at` at which the local date or the offset changes. */
  nextDayOrSwitch(at: number): number;
}

/** Reads a zone's switches of the clocks in `[from, to)` (`from` on a whole minute) and builds its clock. */
export function createZoneClock(zone: string, from: number, to: number): ZoneClock {
  const edges = [from, ...findSwitches(zone, from, to), to];
  const segments = edges.slice(0, -1).map((at, i) => ({
    from: at,
    to: edges[i + 1] as number,
    offset: findUtcOffset(at, zone) * MINUTE_MS,
  }));
  const segmentOf = (at: number) =>
    segments.find((s) => at >= s.from && at < s.to) ?? (segments[segments.length - 1] as OffsetSegment);
  return {
    zone,
    segments,
    localOf: (at) => {
      const wall = at + segmentOf(at).offset;
      const midnight = Math.floor(wall / DAY_MS) * DAY_MS;
      return {
        date: new Date(midnight).toISOString().slice(0, 10),
        minutes: Math.floor((wall - midnight) / MINUTE_MS),
      };
    },
    nextDayOrSwitch: (at) => {
      const segment = segmentOf(at);
      const wall = at + segment.offset;
      return Math.min(segment.to, Math.floor(wall / DAY_MS) * DAY_MS + DAY_MS - segment.offset);
    },
  };
}

/** The instants in `(from, to)` at which a zone's UTC offset changes, to the minute (`from` on a whole minute). */
function findSwitches(zone: string, from: number, to: number): number[] {
  const switches: number[] = [];
  let before = findUtcOffset(from, zone);
  for (let day = from; day < to; day += DAY_MS) {
    const end = Math.min(day + DAY_MS, to);
    const after = findUtcOffset(end - 1, zone);
    if (after === before) continue;
    // One switch a day at most: between the last whole minute on the old offset and the next, by halving.
    let low = day;
    let high = Math.floor((end - 1) / MINUTE_MS) * MINUTE_MS;
    if (findUtcOffset(low, zone) !== before) high = low;
    while (high - low > MINUTE_MS) {
      const mid = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (findUtcOffset(mid, zone) === before) low = mid;
      else high = mid;
    }
    switches.push(high);
    before = after;
  }
  return switches;
}
