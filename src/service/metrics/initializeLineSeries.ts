import { DIAL_STATUSES } from "../contract/dialStatus.js";
import { inputKindSchema } from "../contract/eventSchema.js";
import { endingSchema } from "../contract/stateIds.js";
import type { CallFlow } from "../flow/compileFlow.js";
import type { Metrics } from "./createMetrics.js";
import { UNKNOWN_LABEL } from "./toLabel.js";

/** How a call ends, as the event record says it. */
const ENDINGS = endingSchema.options;
const INPUT_KINDS = inputKindSchema.options;

/**
 * Starts at 0 the call series the line can produce: calls started and ended by region (and `unknown`),
 * answers by menu, dial results by team, region and status. A series that exists before its first event
 * lets `increase()` and `rate()` see that event (Prometheus cannot count the first value of a new series as
 * an increase), so an alert sees the first failed transfer of a team as well as the next ones.
 */
export function initializeLineSeries(metrics: Metrics, callFlow: CallFlow): void {
  const { directory, flow, menus } = callFlow;
  const regions = [...directory.regionById.keys(), UNKNOWN_LABEL];
  for (const region of regions) {
    metrics.callsStarted.inc({ region, language: flow.defaultLanguage }, 0);
    for (const ending of ENDINGS) metrics.callsEnded.inc({ region, ending }, 0);
    for (const team of directory.teams)
      for (const status of DIAL_STATUSES) metrics.transfers.inc({ team, region, status }, 0);
  }
  for (const menu of menus.keys()) for (const input of INPUT_KINDS) metrics.menuInputs.inc({ menu, input }, 0);
}
