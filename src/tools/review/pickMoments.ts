import type { Directory, RegionId } from "../../service/index.js";
import { parseLocalTime, toLocalTime } from "../../service/index.js";
import { addDays, DAY_MS, findClockChanges, formatLocal } from "./localClock.js";

/** A representative moment to run journeys at, in a region's own time zone. */
export interface Moment {
  /** `weekday` (business hours), `night` (a weekday night), `saturday`, `closure` (a closure date), `after-dst`. */
  readonly id: "weekday" | "night" | "saturday" | "closure" | "after-dst";
  readonly at: number;
  /** For people: `weekday night (Wed 2026-12-02 22:00 PST)`. */
  readonly label: string;
}

const NAMES: Readonly<Record<Moment["id"], string>> = {
  weekday: "weekday day",
  night: "weekday night",
  saturday: "Saturday",
  closure: "closure",
  "after-dst": "after the clock change",
};

/** Days ahead in which closures and clock changes are looked for. */
const HORIZON_DAYS = 366;

/**
 * The moments after `from` at which a region's callers are followed: the next Wednesday at 10:00 and
 * at 22:00, the next Saturday at 11:00, the next closure date of any of its lines at 10:00, and 30
 * minutes after its next clock change, all local. A region with no closure or no clock change ahead
 * has no such moment.
 */
export function pickMoments(directory: Directory, region: RegionId, from: number): Moment[] {
  const zone = directory.regionById.get(region)?.timeZone;
  if (!zone) return [];
  const today = toLocalTime(from, zone).date;
  const next = (weekday: number) => addDays(today, (weekday - new Date(`${today}T00:00:00Z`).getUTCDay() + 7) % 7 || 7);
  const moments: Array<[Moment["id"], number]> = [
    ["weekday", parseLocalTime(`${next(3)}T10:00`, zone)],
    ["night", parseLocalTime(`${next(3)}T22:00`, zone)],
    ["saturday", parseLocalTime(`${next(6)}T11:00`, zone)],
  ];
  const closures = [...(directory.regionById.get(region)?.teams.values() ?? [])]
    .flatMap((line) => [...line.hours.closures])
    .filter((date) => date > today && date <= addDays(today, HORIZON_DAYS))
    .sort();
  if (closures[0]) moments.push(["closure", parseLocalTime(`${closures[0]}T10:00`, zone)]);
  const change = findClockChanges(zone, from, HORIZON_DAYS * (DAY_MS / 3_600_000))[0];
  if (change) moments.push(["after-dst", change.at + 30 * 60_000]);
  return moments.map(([id, at]) => ({ id, at, label: `${NAMES[id]} (${formatLocal(at, zone)})` }));
}
