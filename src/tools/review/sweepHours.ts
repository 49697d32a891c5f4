import type { Directory, RegionId, Schedule, TeamId } from "../../service/index.js";
import { findLine, isTeamOpen } from "../../service/index.js";
import { HOUR_MS } from "./localClock.js";

/** Hours in the twelve months a sweep covers. */
export const HOURS_IN_YEAR = 8760;

/** Which teams are open in each region at every hour of a year. */
export interface HourSweep {
  /** The first hour, epoch ms (a whole hour). */
  readonly from: number;
  readonly hours: number;
  /** Bit `i` of a mask is `teams[i]`. */
  readonly teams: readonly TeamId[];
  /** Per region, per hour: the mask of the teams open then. */
  readonly open: ReadonlyMap<RegionId, Uint32Array>;
}

/** One instant standing for all the hours a region has the same teams open. */
export interface OpenSet {
  readonly mask: number;
  /** The first of those hours. */
  readonly at: number;
  /** How many hours of the sweep have this set. */
  readonly hours: number;
}

/**
 * Sweeps every hour from `from` (rounded down to the hour) for `hours` hours, every region, every team,
 * with `isTeamOpen` (closures and daylight saving included). Lines sharing a schedule and a time zone
 * are swept once.
 */
export function sweepHours(
  directory: Directory,
  teams: readonly TeamId[],
  from: number,
  hours = HOURS_IN_YEAR,
): HourSweep {
  if (teams.length > 31) throw new Error(`a sweep covers at most 31 teams, the line names ${teams.length}`);
  const start = Math.floor(from / HOUR_MS) * HOUR_MS;
  const swept = new Map<string, Uint8Array>();
  const open = new Map<RegionId, Uint32Array>();
  const schedules = new Map<Schedule, number>();
  for (const region of directory.regions) {
    const masks = new Uint32Array(hours);
    teams.forEach((team, bit) => {
      const line = findLine(directory, region.id, team);
      if (!line) return;
      if (!schedules.has(line.hours)) schedules.set(line.hours, schedules.size);
      const key = `${region.timeZone}|${schedules.get(line.hours)}`;
      let hoursOpen = swept.get(key);
      if (!hoursOpen) {
        hoursOpen = new Uint8Array(hours);
        for (let h = 0; h < hours; h++)
          hoursOpen[h] = isTeamOpen(directory, region.id, team, start + h * HOUR_MS) ? 1 : 0;
        swept.set(key, hoursOpen);
      }
      for (let h = 0; h < hours; h++) if (hoursOpen[h]) masks[h] = (masks[h] as number) | (1 << bit);
    });
    open.set(region.id, masks);
  }
  return { from: start, hours, teams, open };
}

/** The distinct sets of open teams of a region over the sweep, each with its first hour and its count. */
export function findOpenSets(sweep: HourSweep, region: RegionId): OpenSet[] {
  const masks = sweep.open.get(region);
  if (!masks) return [];
  const sets = new Map<number, { at: number; hours: number }>();
  masks.forEach((mask, h) => {
    const known = sets.get(mask);
    if (known) known.hours++;
    else sets.set(mask, { at: sweep.from + h * HOUR_MS, hours: 1 });
  });
  return [...sets].map(([mask, s]) => ({ mask, at: s.at, hours: s.hours }));
}
