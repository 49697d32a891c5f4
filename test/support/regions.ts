/**
 * The line's regions as the tests expect them, written out by hand from test/fixtures/line/directory.json (the
 * numbers quoted from the seed documents), so the tests do not trust the code that resolves them.
 */
export interface ExpectedRegion {
  readonly id: string;
  /** The region's inbound (dialed) number. */
  readonly inbound: string;
  /** What each main-menu key dials: 1 member services, 2 nurse advice, 3 pharmacy, 4 behavioral health, 0 representative. */
  readonly dials: Readonly<Record<"1" | "2" | "3" | "4" | "0", string>>;
  /** Member services numbers in the order they are tried. */
  readonly memberServices: readonly string[];
}

const allTo = (n: string) => ({ "1": n, "2": n, "3": n, "4": n, "0": n });

export const REGIONS: readonly ExpectedRegion[] = [
  { id: "california", inbound: "+15105550100", dials: allTo("+18004644000"), memberServices: ["+18004644000"] },
  {
    id: "colorado",
    inbound: "+13035550100",
    dials: allTo("+13033383800"),
    memberServices: ["+13033383800", "+18006329700"],
  },
  { id: "georgia", inbound: "+14045550100", dials: allTo("+18888655813"), memberServices: ["+18888655813"] },
  {
    id: "hawaii",
    inbound: "+18085550100",
    dials: allTo("+18084325955"),
    memberServices: ["+18084325955", "+18009665955"],
  },
  { id: "midAtlantic", inbound: "+13015550100", dials: allTo("+18007777902"), memberServices: ["+18007777902"] },
  {
    id: "northwest",
    inbound: "+15035550100",
    dials: { "1": "+18008132000", "2": "+18004644000", "3": "+18009720700", "4": "+18008542763", "0": "+18008132000" },
    memberServices: ["+18008132000"],
  },
  { id: "washington", inbound: "+12065550100", dials: allTo("+18889014636"), memberServices: ["+18889014636"] },
];

/** A number Twilio could send as `To` that no region owns (a misconfigured line). */
export const UNKNOWN_TO = "+19995550100";

export function region(id: string): ExpectedRegion {
  const found = REGIONS.find((r) => r.id === id);
  if (!found) throw new Error(`no region ${id}`);
  return found;
}

/** The region menu's key for a region: its place in the directory, from 1. */
export function regionKey(id: string): string {
  return String(REGIONS.findIndex((r) => r.id === id) + 1);
}
