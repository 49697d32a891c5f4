import { diffLines } from "../diffLines.js";
import type { Line } from "../loadLine.js";

/** Longest summary kept in the history. */
const MAX_SUMMARY = 200;

/**
 * One line of the diff between the version served and the one replacing it, for the history: how many
 * caller journeys end elsewhere or sound different over the next 12 months, and the largest group of them.
 */
export function summarizeChange(before: Line, after: Line, at: number): string {
  if (before.callFlow.version === after.callFlow.version) return "no change: the same version";
  const report = diffLines(before, after, at);
  if (report.changed.length === 0) return `no caller journey changes (${report.journeys} followed over 12 months)`;
  const largest = [...report.groups].sort((x, y) => y.journeys - x.journeys)[0];
  const groups = `${report.groups.length} ${report.groups.length === 1 ? "group" : "groups"}`;
  const what = largest
    ? `; the largest (${largest.journeys}): ${largest.before === largest.after ? `the words of ${largest.before}` : `${largest.before} → ${largest.after}`}, ${largest.callers}`
    : "";
  const text = `${report.changed.length} of ${report.journeys} caller journeys change, in ${groups}${what}`;
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}
