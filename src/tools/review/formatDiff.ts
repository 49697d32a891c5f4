import { describeOutcome } from "./describeOutcome.js";
import type { DiffReport, JourneyChange } from "./diffLines.js";
import { count } from "./formatFindings.js";

/** Most groups printed; the JSON output has them all. */
const MAX_GROUPS = 40;

/** The diff for people: one line per group of changed journeys, each with an example journey. */
export function formatDiff(report: DiffReport): string {
  const lines = [
    `Compared ${describeLines(report)}: ${count(report.journeys, "journey")}, ${report.changed.length.toLocaleString("en-US")} changed.`,
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

/** The diff as Markdown for a pull request: a table of the groups, examples folded. */
export function formatDiffMarkdown(report: DiffReport): string {
  const lines = [
    "### Callers who would end up somewhere else",
    "",
    `Compared ${describeLines(report, "`")}: **${report.changed.length.toLocaleString("en-US")} of ${count(report.journeys, "journey")} changed**.`,
  ];
  if (report.groups.length === 0)
    return `${lines.join("\n")}\n\nNo caller would end up somewhere else or hear anything different.\n`;
  lines.push("", "| Callers | Choice | When | Change | Journeys |", "|---|---|---|---|---:|");
  for (const g of report.groups.slice(0, MAX_GROUPS)) {
    const [who = "", choice = "", rest = ""] = g.summary.split(" · ");
    const when = rest.slice(0, rest.indexOf(": "));
    const change = g.heard ? `heard “${g.heard.before}” → “${g.heard.after}”` : `${g.before} → ${g.after}`;
    lines.push(`| ${cell(who)} | ${cell(choice)} | ${cell(when)} | ${cell(change)} | ${g.journeys} |`);
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

function describeLines(report: DiffReport, quote = ""): string {
  return `${quote}${report.base.label}${quote} (version ${report.base.version}) with ${quote}${report.head.label}${quote} (version ${report.head.version})`;
}

/** Text safe in a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
