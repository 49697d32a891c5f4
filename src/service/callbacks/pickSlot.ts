import { toLocalTime } from "../directory/hours.js";
import type { SlotPicker } from "./callbackQueue.js";

/** Windows looked through for a free place before giving up (a year of 15-minute windows). */
const MAX_WINDOWS = 35_040;
const HOUR_MS = 3_600_000;

/** What the pace needs to know of a team's line. */
export interface PaceLine {
  readonly team: string;
  readonly region: string;
  readonly timeZone: string;
  /** The first instant the call-back may be placed: the team's next opening. */
  readonly opening: number;
  readonly perWindow: number;
  readonly windowMinutes: number;
  /** Whether the team is open at `at`, and when it opens next from `from` (undefined: never). */
  readonly isOpen: (at: number) => boolean;
  readonly nextOpening: (from: number) => number | undefined;
}

/**
 * Picks the due time of a new call-back: the first pace window, from the team's opening, with a place left
 * for this team and region (the windows of the hours the team is closed are skipped), reserving it. Due at the
 * opening itself, the caller hears "after 8 AM"; later, the hour it falls in ("between 8 AM and 9 AM"), so the
 * Monday queue does not all ring at 8:00 and the promise holds.
 */
export function pickSlot(line: PaceLine): SlotPicker {
  return async (reserve) => {
    const step = line.windowMinutes * 60_000;
    let start = line.opening;
    for (let i = 0; i < MAX_WINDOWS; i++) {
      if (!line.isOpen(start)) {
        const next = line.nextOpening(start);
        if (next === undefined) break;
        start = next;
      }
      if (await reserve(line.team, line.region, start, line.perWindow)) {
        if (start === line.opening) return { due: start };
        const hour = start - (toLocalTime(start, line.timeZone).minutes % 60) * 60_000 - (start % 60_000);
        return { due: start, dueBy: Math.max(hour, line.opening) + HOUR_MS };
      }
      start += step;
    }
    throw new Error(`no place left for a call-back of ${line.team} in ${line.region} within a year`);
  };
}
