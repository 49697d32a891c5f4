import { type CallFlow, shortenRegionName } from "../../service/index.js";
import type { LineDescriber } from "./line.js";
import type { Named, TransferNames } from "./transcript.js";

/** The transfer a call's session says it is making: region and team ids. */
export type SessionTransfer = (callSid: string) => Promise<{ region: string; team: string } | undefined>;

/**
 * Names the member line's regions and teams for transcripts, from its directory and flow. A transfer is
 * named from the call's session when `sessionTransfer` can read it (what the flow meant to dial, e.g. a
 * representative answered by member services); otherwise from the directory, by the number dialed.
 */
export function describeMemberLine(callFlow: CallFlow, sessionTransfer?: SessionTransfer): LineDescriber {
  const { directory, flow } = callFlow;
  const teamNamed = (id: string): Named => ({ id, name: flow.teams[id]?.name.en ?? id });
  const regionNamed = (id: string): Named => {
    const region = directory.regionById.get(id);
    return { id, name: shortenRegionName(region ?? { id, name: {} }) };
  };
  // The directory's doubts about a number, shown wherever it is dialed.
  const cautions = new Map<string, string>();
  for (const region of directory.regions)
    for (const line of region.teams.values())
      for (const n of line.numbers) if (n.needsVerification) cautions.set(n.e164, n.needsVerification);
  const withCaution = (names: TransferNames, number: string): TransferNames => {
    const caution = cautions.get(number);
    return caution ? { ...names, caution } : names;
  };
  return {
    regionOf(to) {
      const region = directory.regionByInbound.get(to);
      return region && { ...regionNamed(region.id), timeZone: region.timeZone };
    },
    async transferOf(call, number): Promise<TransferNames> {
      const known = await sessionTransfer?.(call.callSid).catch(() => undefined);
      if (known) {
        const line = directory.regionById.get(known.region)?.teams.get(known.team);
        if (line?.numbers.some((n) => n.e164 === number))
          return withCaution(
            {
              region: regionNamed(known.region),
              team: teamNamed(known.team),
              ...(line.routedVia ? { via: teamNamed(line.routedVia) } : {}),
            },
            number,
          );
      }
      // Which line has this number: in the dialed number's region first, else the only region that has it.
      const home = directory.regionByInbound.get(call.to);
      const holders = directory.regions.filter((r) =>
        [...r.teams.values()].some((l) => l.numbers.some((n) => n.e164 === number)),
      );
      const region = home && holders.includes(home) ? home : holders.length === 1 ? holders[0] : undefined;
      if (!region) return withCaution({}, number);
      const owner = [...region.teams.values()].find((l) => !l.routedVia && l.numbers.some((n) => n.e164 === number));
      return withCaution({ region: regionNamed(region.id), ...(owner ? { team: teamNamed(owner.team) } : {}) }, number);
    },
  };
}
