import { placeCall } from "./placeCall.js";
import type { PlacedCall, PlannedCall } from "./plannedCall.js";
import type { TrafficLine } from "./startTrafficLine.js";

/** How the calls of a traffic run went, as the callers saw them. */
export interface TrafficSummary {
  readonly calls: number;
  readonly outcomes: Readonly<Record<PlacedCall["outcome"], number>>;
  readonly requests: number;
  /** Why calls failed (they should not), at most the first ten. */
  readonly failures: readonly string[];
}

/**
 * Places the planned calls one after another against the line (each moves the line's clock from its own
 * start), calling `onCall` after each. Calls never overlap, so a call's records are together in the log.
 */
export async function runTraffic(
  line: TrafficLine,
  calls: readonly PlannedCall[],
  onCall?: (done: number, placed: PlacedCall) => void,
): Promise<TrafficSummary> {
  const outcomes = { transferred: 0, goodbye: 0, "caller-hung-up": 0, failed: 0 };
  const failures: string[] = [];
  let requests = 0;
  for (const [i, call] of calls.entries()) {
    const placed = await placeCall(line, call);
    outcomes[placed.outcome]++;
    requests += placed.requests;
    if (placed.reason && failures.length < 10) failures.push(`${call.callSid}: ${placed.reason}`);
    onCall?.(i + 1, placed);
  }
  return { calls: calls.length, outcomes, requests, failures };
}
