import { type CallFlow, type DialStatus, formatPhone, shortenRegionName } from "../../service/index.js";
import { CALLBACK_OUTCOMES, type CallbackOutcome, DEFAULT_CALLBACK_OUTCOME } from "./callbackOutcomes.js";
import type { OutboundOutcome } from "./callEngine.js";
import { DEFAULT_DIAL, DIAL_RESULTS, type DialResult } from "./dialResults.js";
import { describeLanguages, type LineLanguage } from "./lineLanguages.js";

/** A number no region answers: the caller hears the region menu. Fictional (555). */
export const UNKNOWN_NUMBER = "+15555550000";

/** A number the page can dial: a region's inbound number, or the one no region answers (region null). */
export interface DialableNumber {
  readonly number: string;
  readonly region: string | null;
  /** The region's short name, e.g. `Northwest`. */
  readonly regionName: string | null;
  readonly timeZone: string | null;
}

/** What `/api/line` sends the page: everything it shows of the line, so the page copies none of it. */
export interface ConsoleLine {
  readonly numbers: readonly DialableNumber[];
  readonly dialResults: readonly DialResult[];
  /** The result chosen until the page says otherwise. */
  readonly defaultDial: DialStatus;
  /** How the member can meet a call-back the console plays, and the one chosen until the page says otherwise. */
  readonly callbackOutcomes: readonly CallbackOutcome[];
  readonly defaultCallbackOutcome: OutboundOutcome;
  readonly languages: readonly LineLanguage[];
  /** Every number the page can show (inbound, team lines, the console's own), written for people. */
  readonly written: Readonly<Record<string, string>>;
}

/**
 * Describes the compiled line for the console's page: its numbers, the ways a transfer can end and its
 * languages. Throws when the directory lists the console's number "not in the directory".
 */
export function describeConsoleLine(callFlow: CallFlow): ConsoleLine {
  const { directory } = callFlow;
  if (directory.regionByInbound.has(UNKNOWN_NUMBER))
    throw new Error(`${directory.file} lists ${UNKNOWN_NUMBER}, the console's number "not in the directory"`);
  const inbound = directory.regions.flatMap((region) =>
    region.inbound.map((number) => ({
      number,
      region: region.id,
      regionName: shortenRegionName(region),
      timeZone: region.timeZone,
    })),
  );
  const teamNumbers = directory.regions.flatMap((region) =>
    [...region.teams.values()].flatMap((line) => line.numbers.map((n) => n.e164)),
  );
  const written = [...inbound.map((n) => n.number), ...teamNumbers, UNKNOWN_NUMBER];
  return {
    numbers: [...inbound, { number: UNKNOWN_NUMBER, region: null, regionName: null, timeZone: null }],
    dialResults: DIAL_RESULTS,
    defaultDial: DEFAULT_DIAL,
    callbackOutcomes: CALLBACK_OUTCOMES,
    defaultCallbackOutcome: DEFAULT_CALLBACK_OUTCOME,
    languages: describeLanguages(callFlow),
    written: Object.fromEntries(written.map((number) => [number, formatPhone(number)])),
  };
}
