import { MAX_LINE_BYTES } from "../logs/readLogLines.js";
import { describeOutcome } from "./describeOutcome.js";
import { count } from "./formatFindings.js";
import type { ReplayReport } from "./replayLog.js";

/** Most calls listed one by one; the JSON output has them all. */
const MAX_CALLS = 20;

/**
 * The replay for people: how many calls, the changes counted, the calls, why some were skipped, and how many
 * log lines were too long to read (`longLines`). Values from the log were stripped of control characters
 * as they were read (`readTurnLog`).
 */
export function formatReplay(report: ReplayReport, longLines = 0): string {
  const lines = [
    `Replayed ${report.replayed.toLocaleString("en-US")} of ${count(report.calls, "call")} against ${report.line.label} (version ${report.line.version}); ${report.skipped.toLocaleString("en-US")} skipped.`,
    `Logged by: ${
      Object.entries(report.versions)
        .map(([version, n]) => `${version} (${count(n, "call")})`)
        .join(", ") || "no call"
    }.`,
  ];
  if (report.changed.length === 0) lines.push("No call would end up somewhere else.");
  else {
    lines.push("", `${count(report.changed.length, "call")} would end up somewhere else:`);
    for (const c of report.counts) lines.push(`  ${String(c.calls).padStart(5)}  ${c.change}`);
    lines.push("");
    for (const c of report.changed.slice(0, MAX_CALLS))
      lines.push(`  ${c.callSid}: ${describeOutcome(c.before)} → ${describeOutcome(c.after)}`);
    if (report.changed.length > MAX_CALLS)
      lines.push(`  … and ${report.changed.length - MAX_CALLS} more (--json lists them all)`);
  }
  if (report.skips.length > 0) {
    lines.push("", "Skipped:");
    const reasons = new Map<string, number>();
    for (const s of report.skips)
      reasons.set(s.reason.replace(/^turn \d+: /, ""), (reasons.get(s.reason.replace(/^turn \d+: /, "")) ?? 0) + 1);
    for (const [reason, n] of reasons) lines.push(`  ${String(n).padStart(5)}  ${reason}`);
  }
  if (longLines > 0) lines.push("", `${count(longLines, "log line")} over ${MAX_LINE_BYTES / 1024 / 1024} MB skipped.`);
  return `${lines.join("\n")}\n`;
}
