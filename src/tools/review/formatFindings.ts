import type { CheckReport, Finding } from "./checkLine.js";
import type { WhoAnswers } from "./rules/hoursRules.js";

/** What the check report is about, for its first line. */
export interface CheckedLine {
  readonly files: string;
  /** The line's version; undefined when its files do not load. */
  readonly version: string | undefined;
  /** When the sweep starts, for people. */
  readonly from: string;
}

/** The check report for people: a summary line, errors, then warnings, each with where and what to do. */
export function formatFindings(report: CheckReport, checked: CheckedLine, sweep: boolean): string {
  const { explored } = report;
  const lines = [
    checked.version === undefined
      ? `Checked ${checked.files}: the files do not load, so no call was explored.`
      : `Checked ${checked.files} (version ${checked.version}): ${count(explored.states, "call state")} in ${count(explored.explorations, "exploration")}, ${count(explored.hours, "hour")} from ${checked.from}.`,
    "",
  ];
  const section = (title: string, findings: readonly Finding[]) => {
    if (findings.length === 0) return;
    lines.push(`${title}:`);
    for (const f of findings)
      lines.push(`  ${f.rule.padEnd(22)} ${f.where}`, ...f.message.split("\n").map((m) => `  ${" ".repeat(22)} ${m}`));
    lines.push("");
  };
  section(count(report.errors.length, "error"), report.errors);
  section(count(report.warnings.length, "warning"), report.warnings);
  if (sweep) lines.push(...formatSweep(report.whoAnswers), "");
  lines.push(
    report.errors.length === 0
      ? `No errors${report.warnings.length > 0 ? `; ${count(report.warnings.length, "warning")} to read` : ""}.`
      : `${count(report.errors.length, "error")}: fix them before callers hear this line.`,
  );
  return `${lines.join("\n")}\n`;
}

/** Who answers each key, per region, over the year swept. */
function formatSweep(rows: readonly WhoAnswers[]): string[] {
  const lines = ["Who answers, hours of the year:"];
  for (const r of rows) {
    const closed =
      r.closedHours === 0
        ? "never closed"
        : `closed ${r.closedHours} h${r.alternatives.length > 0 ? ` (then offered: ${r.alternatives.join(", ")})` : ""}${r.aloneHours > 0 ? `, ${r.aloneHours} h with nothing offered` : ""}`;
    lines.push(
      `  ${r.region.padEnd(15)} ${`menu ${r.menu}`.padEnd(12)} key ${r.key}  ${r.team.padEnd(17)} ${r.numbers.join(", ").padEnd(13)} open ${String(r.openHours).padStart(4)} h, ${closed}`,
    );
  }
  return lines;
}

/** `3 errors`, `1 warning`, with thousands separated. */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}
