import { countLocalDays, findNextOpening } from "../../directory/nextOpening.js";
import { findLine, findRegion } from "../../directory/queryDirectory.js";
import type { CallContext, Notice, RegionId, TeamId } from "../../types.js";
import type { MachineDeps } from "./deps.js";

/** What offering a call-back adds to the context: the offer, and its notice. */
export interface OfferUpdate {
  readonly offer: CallContext["offer"];
  readonly notices: Notice[];
}

/**
 * The call-back offered after `team` was found closed (or could not be reached, `unreachable`) in `region` at
 * `now`: at its next opening; for a team that could not be reached, not before the flow's retry spacing. The
 * notice says `unreachable` when the team is still open then (the moment is the spacing, not an opening). None
 * when the flow offers no call-backs for the team, or it never opens.
 */
export function offerCallback(
  { flow, directory }: MachineDeps,
  region: RegionId,
  team: TeamId,
  now: number,
  unreachable = false,
): OfferUpdate {
  const settings = flow.callbacks;
  const zone = findRegion(directory, region)?.timeZone;
  const line = findLine(directory, region, team);
  if (!settings?.teams.includes(team) || !zone || !line) return { offer: null, notices: [] };
  const earliest = unreachable ? now + settings.retryMinutes * 60_000 : now;
  const at = findNextOpening(line.hours, zone, earliest);
  if (at === undefined) return { offer: null, notices: [] };
  return {
    offer: { team, region, at },
    notices: [
      {
        kind: "callbackOffer",
        team,
        region,
        at,
        days: countLocalDays(now, at, zone),
        // Open after the spacing: the call-back is due then, not at an opening.
        ...(unreachable && at === earliest ? { unreachable: true } : {}),
      },
    ],
  };
}
