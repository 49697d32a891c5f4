import type { Directory, PhoneNumber, Region, RegionId, TeamId, TeamLine } from "../types.js";
import { isOpenAt } from "./hours.js";

/**
 * The questions the rest of the line asks the directory, answered in one place: which line a team
 * has in a region, whether it is open, which number a transfer attempt dials, and who takes a caller
 * who asks for a person.
 */

/** Who takes a caller who asks for a person or keeps failing, as the flow names them. */
export interface Representative {
  readonly team: TeamId;
  /** Open around the clock; takes those callers while `team` is closed. */
  readonly whenClosed: TeamId;
}

/** The region whose lines serve a call: its own, or the one that takes callers of unknown region. */
export function serviceRegionOf(directory: Directory, region: RegionId | null): RegionId {
  return region ?? directory.unknownRegionRepresentative;
}

/** The region with this id, if the directory has it. */
export function findRegion(directory: Directory, region: RegionId): Region | undefined {
  return directory.regionById.get(region);
}

/** How `team` is reached in `region` (after `routeTo`), or undefined when the directory has no such line. */
export function findLine(directory: Directory, region: RegionId, team: TeamId): TeamLine | undefined {
  return directory.regionById.get(region)?.teams.get(team);
}

/** Whether `team`'s line in `region` is open at `now` (epoch ms), in the region's time zone. */
export function isTeamOpen(directory: Directory, region: RegionId, team: TeamId, now: number): boolean {
  const zone = directory.regionById.get(region)?.timeZone;
  const line = findLine(directory, region, team);
  return line !== undefined && zone !== undefined && isOpenAt(line.hours, zone, now);
}

/** The number a transfer dials on its `attempt` (0-based); the first number when past the last. */
export function numberToDial(line: TeamLine, attempt: number): PhoneNumber | undefined {
  return line.numbers[attempt] ?? line.numbers[0];
}

/** Whether a failed transfer can try another number of the same line. */
export function hasNumberAfter(line: TeamLine, attempt: number): boolean {
  return attempt + 1 < line.numbers.length;
}

/** The team that takes a caller who asks for a person in `region` at `now`: the representative, or the team open when it is closed. */
export function pickPersonTeam(
  directory: Directory,
  representative: Representative,
  region: RegionId,
  now: number,
): TeamId {
  return isTeamOpen(directory, region, representative.team, now) ? representative.team : representative.whenClosed;
}

/** Something in the directory to confirm before going live: a number the sources disagree on, or assumed hours. */
export interface Caution {
  /** Where it is, e.g. `regions.northwest.teams.nurseAdvice` or `schedules.memberServicesHours`. */
  readonly where: string;
  readonly message: string;
}

/** Every number marked `needsVerification` (once per number and region) and every schedule's `assumption` (once each). */
export function listCautions(directory: Directory): Caution[] {
  const cautions: Caution[] = [];
  const schedules = new Map<string, string>();
  for (const region of directory.regions)
    for (const line of region.teams.values()) {
      if (line.hours.assumption) schedules.set(line.hours.id, line.hours.assumption);
      if (line.routedVia) continue;
      for (const n of line.numbers)
        if (n.needsVerification)
          cautions.push({
            where: `regions.${region.id}.teams.${line.team}`,
            message: `${n.e164} needs verification: ${n.needsVerification}`,
          });
    }
  for (const [id, assumption] of schedules)
    cautions.push({ where: `schedules.${id}`, message: `assumed: ${assumption}` });
  return cautions;
}
