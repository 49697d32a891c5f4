import { describeOutcome } from "./describeOutcome.js";
import type { DiffReport, JourneyChange } from "./diffLines.js";
import { count } from "./formatFindings.js";

/** Most groups printed; the JSON output has them all. */
const MAX_GROUPS = 40;
/** Most sequences of keys shown in a Markdown row. */
const MAX_KEYS = 4;

/** The diff for people: one line per group of changed journeys (who, what they did, when), each with an example. */
export function formatDiff(report: DiffReport): string {
  const lines = [
    `Compared ${describeLines(report)}, ${describeSpan(report)}: ${count(report.journeys, "journey")}, ${report.changed.length.toLocaleString("en-US")} changed.`,
  ];
  if (report.groups.length === 0)
    return `${lines[0]}\nNo caller would end up somewhere else or hear anything different.\n`;
  lines.push("");
  for (const g of report.groups.slice(0, MAX_GROUPS)) {
    lines.push(`  ${g.summary}`, `    e.g. ${describeExample(g.example)}`);
  }
  if (report.groups.length > MAX_GROUPS)
    lines.push(`  … and ${report.groups.length - MAX_GROUPS} more groups (--json lists them all)`);
  return `${lines.join("\n")}\n`;
}

/**
 * The diff as Markdown for a pull request: a table of the groups (callers, their language, the keys they
 * pressed up to the change, when, what changed), examples folded.
 */
export function formatDiffMarkdown(report: DiffReport): string {
  const lines = [
    "### Callers who would end up somewhere else",
    "",
    `Compared ${describeLines(report, "`")}, ${describeSpan(report)}: **${report.changed.length.toLocaleString("en-US")} of ${count(report.journeys, "journey")} changed**.`,
  ];
  if (report.groups.length === 0)
    return `${lines.join("\n")}\n\nNo caller would end up somewhere else or hear anything different.\n`;
  lines.push("", "| Callers | Language | Keys | When | Change | Journeys |", "|---|---|---|---|---|---:|");
  for (const g of report.groups.slice(0, MAX_GROUPS)) {
    const keys = g.where.slice(0, MAX_KEYS).map((w) => `\`${w}\``);
    const more = g.where.length > MAX_KEYS ? ` and ${g.where.length - MAX_KEYS} more` : "";
    const change = g.heard ? `heard “${g.heard.before}” → “${g.heard.after}”` : `${g.before} → ${g.after}`;
    lines.push(
      `| ${cell(g.callers)} | ${cell(g.languages.join(", "))} | ${cell(keys.join(", ") + more)} | ${cell(g.when)} | ${cell(change)} | ${g.journeys} |`,
    );
  }
  if (report.groups.length > MAX_GROUPS)
    lines.push("", `… and ${report.groups.length - MAX_GROUPS} more groups (\`--json\` lists them all).`);
  lines.push("", "<details><summary>An example journey per group</summary>", "");
  for (const g of report.groups.slice(0, MAX_GROUPS)) {
    lines.push(`- ${cell(describeExample(g.example, "`"))}`);
  }
  lines.push("", "</details>");
  return `${lines.join("\n")}\n`;
}

/** One journey for people: who, when, what they did, and where they end on each line. */
function describeExample(e: JourneyChange, quote = ""): string {
  const before = describeOutcome(e.before);
  const after = describeOutcome(e.after);
  const ends = before === after ? `ends as before (${before}), hearing other words` : `was ${before}, now ${after}`;
  return `${e.region}, ${e.at}, ${e.language}: ${quote}${e.inputs.join(" ") || "(no input)"}${quote} → ${ends}`;
}

/** The months compared: `every minute from 2026-11-24 20:00 UTC to 2027-11-24 20:00 UTC`. */
function describeSpan(report: DiffReport): string {
  const day = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return `every minute from ${day(report.span.from)} to ${day(report.span.to)}`;
}

function describeLines(report: DiffReport, quote = ""): string {
  return `${quote}${report.base.label}${quote} (version ${report.base.version}) with ${quote}${report.head.label}${quote} (version ${report.head.version})`;
}

/** Text safe in a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
