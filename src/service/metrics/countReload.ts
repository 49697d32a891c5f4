import type { ReloadResult } from "../line/lineRegistry.js";
import type { Metrics } from "./createMetrics.js";

/** How a reload of the line went: a new version served, the same one, or the files refused. */
export const RELOAD_RESULTS = ["changed", "unchanged", "refused"] as const;

/** One of `RELOAD_RESULTS`. */
export type ReloadOutcome = (typeof RELOAD_RESULTS)[number];

/** Counts a reload (`ivr_line_reloads_total{result}`) and shows the version it leaves served (`ivr_line_info`). */
export function countReload(metrics: Metrics, result: ReloadResult): void {
  const outcome: ReloadOutcome = !result.ok ? "refused" : result.changed ? "changed" : "unchanged";
  metrics.lineReloads.inc({ result: outcome });
  showLineVersion(metrics, result.version);
}

/** Sets `ivr_line_info{version}` to 1 for the version new calls start on, and drops the one before. */
export function showLineVersion(metrics: Metrics, version: string): void {
  metrics.lineInfo.reset();
  metrics.lineInfo.set({ version }, 1);
}
