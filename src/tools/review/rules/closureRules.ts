import type { Schedule } from "../../../service/index.js";
import { type CheckContext, type Finding, listTeamsInDirectoryOrder } from "./checkContext.js";

/** How far ahead the closure dates must be known: a year's dates are added well before they run out. */
export const CLOSURES_AHEAD_DAYS = 90;

const DAY_MS = 86_400_000;

/**
 * Warnings: a schedule of a team the flow transfers to whose closure dates (holidays) run out within
 * `CLOSURES_AHEAD_DAYS` of the check's clock: after the last one, the team would be open on every holiday.
 * A schedule without closures (open every day of the year, or never closed by choice) is left alone.
 */
export function findClosuresRunningOut(ctx: CheckContext): Finding[] {
  const { directory } = ctx.line.callFlow;
  const horizon = new Date(ctx.sweep.from + CLOSURES_AHEAD_DAYS * DAY_MS).toISOString().slice(0, 10);
  const used = new Map<string, { schedule: Schedule; teams: Set<string> }>();
  for (const team of listTeamsInDirectoryOrder(ctx))
    for (const region of directory.regions) {
      const hours = region.teams.get(team)?.hours;
      if (!hours || hours.closures.size === 0) continue;
      const entry = used.get(hours.id) ?? { schedule: hours, teams: new Set<string>() };
      entry.teams.add(team);
      used.set(hours.id, entry);
    }
  const findings: Finding[] = [];
  for (const { schedule, teams } of used.values()) {
    const last = [...schedule.closures].sort().at(-1) as string;
    if (last >= horizon) continue;
    findings.push({
      rule: "closures-run-out",
      severity: "warning",
      where: schedule.id,
      message: `closures known until ${last}, used by ${[...teams].join(", ")}: add the next closure dates to schedules.${schedule.id}.closures in ${directory.file}`,
    });
  }
  return findings;
}
