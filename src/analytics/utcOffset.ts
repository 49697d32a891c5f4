import { toLocalTime } from "../directory/hours.js";

/**
 * Minutes the local time of `timeZone` is ahead of UTC at the instant `at` (epoch ms), daylight
 * saving included: -420 for Pacific Daylight Time. The report places calls in the region's own hours.
 */
export function findUtcOffset(at: number, timeZone: string): number {
  const local = toLocalTime(at, timeZone);
  const localAsUtc = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * 60_000;
  return Math.round((localAsUtc - (at - (((at % 60_000) + 60_000) % 60_000))) / 60_000);
}
