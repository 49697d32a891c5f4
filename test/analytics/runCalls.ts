import { createLogger } from "../../src/service/log/createLogger.js";
import { placeCall } from "../../src/tools/analytics/traffic/placeCall.js";
import type { PlacedCall, PlannedCall } from "../../src/tools/analytics/traffic/plannedCall.js";
import { startTrafficLine } from "../../src/tools/analytics/traffic/startTrafficLine.js";
import { CapturedLogs, sharedCallFlow } from "../support/createTestApp.js";

/** What a run of calls left: the log lines, and each call as its caller saw it. */
export interface CallRun {
  readonly lines: readonly string[];
  readonly placed: readonly PlacedCall[];
}

/** Places calls one after another against the real line (in this process, signatures checked) and keeps its log. */
export async function runCalls(calls: readonly PlannedCall[], analyticsSalt?: string): Promise<CallRun> {
  const logs = new CapturedLogs();
  const line = await startTrafficLine({
    callFlow: sharedCallFlow(),
    logger: createLogger("info", logs),
    analyticsSalt,
  });
  const placed: PlacedCall[] = [];
  try {
    for (const call of calls) placed.push(await placeCall(line, call));
  } finally {
    await line.close();
  }
  return { lines: [...logs.lines], placed };
}
