import type { CallFlow } from "../flow/compileFlow.js";
import type { ReloadResult } from "../line/lineRegistry.js";
import type { Metrics } from "./createMetrics.js";
import { initializeLineSeries } from "./initializeLineSeries.js";
import type { ReloadOutcome } from "./metricLabels.js";

/**
 * Counts a reload (`ivr_line_reloads_total{result}`) and shows the line it leaves served (`served`, the
 * registry's current version: the new one, or the one kept when the files were refused).
 */
export function countReload(metrics: Metrics, result: ReloadResult, served: CallFlow): void {
  const outcome: ReloadOutcome = !result.ok ? "refused" : result.changed ? "changed" : "unchanged";
  metrics.lineReloads.inc({ result: outcome });
  showLine(metrics, served);
}

/**
 * Shows the line new calls start on: `ivr_line_info{version}` at 1 for its version (the one before
 * dropped), and its call series started at 0 (`initializeLineSeries`).
 */
export function showLine(metrics: Metrics, callFlow: CallFlow): void {
  metrics.lineInfo.reset();
  metrics.lineInfo.set({ version: callFlow.version }, 1);
  initializeLineSeries(metrics, callFlow);
}
