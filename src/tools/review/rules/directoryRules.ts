import { findLine, isTransferring } from "../../../service/index.js";
import { type CheckContext, type Finding, listTeamsInDirectoryOrder, placeOf } from "./checkContext.js";

/** Errors: a team the flow transfers to that a region can neither dial nor `routeTo`. */
export function findUnroutableTeams(ctx: CheckContext): Finding[] {
  const { directory } = ctx.line.callFlow;
  const findings: Finding[] = [];
  for (const region of directory.regions)
    for (const team of ctx.teams) {
      const line = findLine(directory, region.id, team);
      if (!line || line.numbers.length === 0)
        findings.push({
          rule: "team-unroutable",
          severity: "error",
          where: placeOf(region.id, team),
          message: `${region.id} has no number for ${team} and no routeTo: give its numbers in ${directory.file}, or routeTo another team of the region with the reason`,
        });
    }
  return findings;
}

/**
 * Errors: a number without a source: a directory number whose `source` is not one of `sources`, or a
 * number a transfer dials that is not the directory's for that region and team.
 */
export function findUnsourcedNumbers(ctx: CheckContext): Finding[] {
  const { directory } = ctx.line.callFlow;
  const findings = new Map<string, Finding>();
  const add = (where: string, message: string) => {
    if (!findings.has(where)) findings.set(where, { rule: "number-source", severity: "error", where, message });
  };
  for (const region of directory.regions)
    for (const [team, line] of region.teams)
      for (const number of line.numbers)
        if (!Object.hasOwn(directory.sources, number.source))
          add(
            placeOf(region.id, team, number.e164),
            `${number.e164} names source "${number.source}", which is not one of sources (${Object.keys(directory.sources).join(", ")}): name the document it comes from`,
          );
  for (const e of ctx.explorations)
    for (const { call, heard } of e.states.values()) {
      const t = isTransferring(call.value) ? call.context.transfer : null;
      if (!t || heard.next !== "dial" || heard.number === undefined) continue;
      const known = findLine(directory, t.region, t.team)?.numbers.some((n) => n.e164 === heard.number);
      if (!known)
        add(
          placeOf(t.region, t.team, heard.number),
          `a transfer to ${t.team} in ${t.region} dials ${heard.number}, which is not a number of that line in ${directory.file}`,
        );
    }
  return [...findings.values()];
}

/**
 * Errors: a team's line that dials one of the line's own inbound numbers (any region's): a caller put
 * through to it would ring this line again, in a loop. Once per region and number, naming every team
 * that dials it (a team routed to another shares its numbers).
 */
export function findInboundLoops(ctx: CheckContext): Finding[] {
  const { directory } = ctx.line.callFlow;
  const findings: Finding[] = [];
  for (const region of directory.regions) {
    const teamsByNumber = new Map<string, string[]>();
    for (const team of listTeamsInDirectoryOrder(ctx))
      for (const number of region.teams.get(team)?.numbers ?? [])
        if (directory.regionByInbound.has(number.e164))
          teamsByNumber.set(number.e164, [...(teamsByNumber.get(number.e164) ?? []), team]);
    for (const [number, teams] of teamsByNumber)
      findings.push({
        rule: "dials-inbound",
        severity: "error",
        where: placeOf(region.id, teams.join(", "), number),
        message: `${number} is an inbound number of this line (${directory.regionByInbound.get(number)?.id}'s): callers put through to ${teams.join(", ")} in ${region.id} would ring this line again, in a loop. Give the team's own number, from its source, in ${directory.file}`,
      });
  }
  return findings;
}

/** Warnings: a number the sources disagree on (`needsVerification`), once per region and number. */
export function findNumbersToVerify(ctx: CheckContext): Finding[] {
  const findings = new Map<string, { region: string; number: string; why: string; teams: string[] }>();
  for (const region of ctx.line.callFlow.directory.regions)
    for (const team of ctx.teams)
      for (const number of region.teams.get(team)?.numbers ?? []) {
        if (!number.needsVerification) continue;
        const key = `${region.id}|${number.e164}`;
        const known = findings.get(key);
        if (known) known.teams.push(team);
        else
          findings.set(key, { region: region.id, number: number.e164, why: number.needsVerification, teams: [team] });
      }
  return [...findings.values()].map((f) => ({
    rule: "needs-verification",
    severity: "warning",
    where: placeOf(f.region, f.teams.join(", "), f.number),
    message: f.why,
  }));
}
